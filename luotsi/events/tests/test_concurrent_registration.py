"""Many people registering for the last places at the same moment: nobody is overbooked.

Runs against PostgreSQL (`make test` runs the suite there too): real concurrent
transactions, each thread with its own connection. SQLite serialises every writer anyway
(immediate transactions), and its shared in-memory test database cannot run threads
concurrently, so the test is skipped there with that reason.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from luotsi.events import registrations
from luotsi.events.models import RegistrationStatus
from luotsi.testing import events as ev

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
    ),
]

PEOPLE = 24
CAPACITY = 5


def test_concurrent_registrations_never_overbook_and_the_rest_wait_in_order(personas):
    event = ev.event(personas, capacity=CAPACITY)
    start = threading.Barrier(PEOPLE)
    failures: list[BaseException] = []

    def register(number: int) -> None:
        try:
            start.wait()
            registrations.registration_create(
                event=event,
                name=f"Person {number}",
                email=f"person{number}@example.org",
                language="fi",
                consent=True,
            )
        except BaseException as exc:
            failures.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == CAPACITY
    assert statuses.count(RegistrationStatus.WAITLISTED) == PEOPLE - CAPACITY

    # Cancellations racing each other promote exactly as many people as left.
    confirmed = list(event.registrations.filter(status=RegistrationStatus.CONFIRMED))
    leave = threading.Barrier(len(confirmed))

    def cancel(registration) -> None:
        try:
            leave.wait()
            registrations.registration_cancel(registration=registration)
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == CAPACITY
    assert event.registrations.filter(status=RegistrationStatus.WAITLISTED).count() == (
        PEOPLE - 2 * CAPACITY
    )


def test_the_same_person_registering_twice_at_once_gets_one_place(personas):
    event = ev.event(personas, capacity=10)
    start = threading.Barrier(6)
    outcomes: list[str] = []

    def register() -> None:
        try:
            start.wait()
            registrations.registration_create(
                event=event, name="Twin", email="twin@example.org", language="fi", consent=True
            )
            outcomes.append("registered")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 5 + ["registered"]
    assert event.registrations.count() == 1
