"""A booking form loaded before someone else took the time: the answer says the time was just
booked, not that the choice is invalid. (The concurrent version, many residents posting at
once through a live server, is in tests/security/test_races.py.)"""

import datetime

import pytest
from django.test import Client
from django.utils import translation

from luotsi.officehours import services
from luotsi.officehours.models import Appointment
from luotsi.testing import officehours as oh
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def _post(p: Personas, slot: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        f"/officers/{p.officer_south.pk}/book/",
        {
            "slot": slot,
            "name": "Late Comer",
            "email": "late@example.org",
            "language": "en",
            "consent": "on",
        },
    )
    assert response.status_code == 400
    return response.content.decode()


def test_a_time_booked_since_the_page_was_loaded_is_answered_as_taken(personas):
    day = oh.next_weekday(2)
    oh.office_hours(personas.officer_south, weekday=2)
    page = Client().get(f"/officers/{personas.officer_south.pk}/").content.decode()
    assert oh.at(day, 10).isoformat() in page
    services.appointment_book(
        officer=personas.officer_south,
        starts_at=oh.at(day, 10),
        name="First",
        email="first@example.org",
        language="fi",
    )
    with translation.override("en"):
        body = _post(personas, oh.at(day, 10).isoformat())
    assert "Someone has just booked this time. Please choose another one." in body
    assert "not one of the available choices" not in body
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize(
    ("slot", "message"),
    [
        ("next-tuesday", "Choose a time from the list."),
        ("2030-01-01T10:00:00", "Choose a time from the list."),  # no time zone
        ("2020-01-01T10:00:00+02:00", "This time has already passed."),
        ("2030-01-01T03:07:00+02:00", "This is not one of the officer&#x27;s office hours times."),
    ],
)
def test_a_time_that_was_never_offered_is_still_refused(personas, slot, message):
    oh.office_hours(personas.officer_south, weekday=2, start=datetime.time(10))
    with translation.override("en"):
        assert message in _post(personas, slot)
    assert Appointment.objects.count() == 0
