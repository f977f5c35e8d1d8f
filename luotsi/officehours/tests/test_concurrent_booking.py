"""Ten people booking the officer's last free slot at the same moment: exactly one gets it.

Runs against PostgreSQL (`make test` runs the suite there too): real concurrent
transactions, each thread with its own connection. SQLite serialises every writer anyway
(immediate transactions), and its shared in-memory test database cannot run threads
concurrently, so the test is skipped there with that reason.
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from luotsi.officehours import selectors, services
from luotsi.officehours.models import Appointment
from luotsi.testing import officehours as oh

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
    ),
]

PEOPLE = 10


def test_ten_people_booking_the_last_slot_at_once_give_exactly_one_appointment(personas):
    officer = personas.officer_south
    day = oh.next_weekday(2)
    # One hour in two slots; the first is taken, so 10:30 is the last one free.
    oh.office_hours(officer, weekday=2, start=datetime.time(10), end=datetime.time(11))
    services.appointment_book(
        officer=officer, starts_at=oh.at(day, 10), name="First", email="first@example.org",
        language="fi",
    )  # fmt: skip
    last = oh.at(day, 10, 30)
    assert [s.starts_at for s in selectors.slots_for(officer, day, 1)] == [last]

    start = threading.Barrier(PEOPLE)
    outcomes: list[str] = []
    failures: list[BaseException] = []

    def book(number: int) -> None:
        try:
            start.wait()
            services.appointment_book(
                officer=officer,
                starts_at=last,
                name=f"Person {number}",
                email=f"person{number}@example.org",
                language="fi",
            )
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("refused")
        except BaseException as exc:
            failures.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sorted(outcomes) == ["booked"] + ["refused"] * (PEOPLE - 1)
    assert Appointment.objects.booked().filter(officer=officer, starts_at=last).count() == 1
    assert selectors.slots_for(officer, day, 1) == []
