import datetime

import pytest
from django.test import override_settings

from luotsi.officehours import services
from luotsi.officehours.models import Appointment
from luotsi.officehours.retention import appointments_anonymise_expired
from luotsi.testing import officehours as oh

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def booked(personas) -> Appointment:
    hours = oh.office_hours(personas.officer_south)
    return services.appointment_book(
        officer=personas.officer_south,
        starts_at=oh.at(oh.next_weekday(hours.weekday), 10),
        name="Aino Asukas",
        email="aino@example.org",
        language="fi",
        topic="Noise from the building site next door",
    )


@override_settings(RETENTION_APPOINTMENTS_DAYS=30)
def test_an_appointment_is_anonymised_a_month_after_the_meeting_keeping_date_and_officer(
    personas,
):
    appointment = booked(personas)
    expiry = appointment.ends_at + 30 * DAY

    assert appointments_anonymise_expired(now=expiry - DAY) == {"anonymised": 0}
    assert appointments_anonymise_expired(now=expiry + datetime.timedelta(seconds=1)) == {
        "anonymised": 1
    }

    after = Appointment.objects.get(pk=appointment.pk)
    assert (after.email, after.topic) == ("", "")
    assert "Aino" not in after.name
    assert after.anonymised_at is not None and after.token != appointment.token
    assert (after.starts_at, after.officer, after.venue, after.status) == (
        appointment.starts_at,
        personas.officer_south,
        appointment.venue,
        appointment.status,
    )
    assert appointments_anonymise_expired(now=expiry + 400 * DAY) == {"anonymised": 0}


def test_a_dry_run_leaves_the_appointment_alone(personas):
    appointment = booked(personas)
    later = appointment.ends_at + 400 * DAY
    assert appointments_anonymise_expired(now=later, dry_run=True) == {"anonymised": 1}
    assert Appointment.objects.get(pk=appointment.pk).email == "aino@example.org"
