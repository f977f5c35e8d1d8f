"""An officer's pages listing bookers (names, e-mail addresses) are written to the audit
log: one event per page shown, with ids and a count, never the bookers' details."""

import datetime

import pytest
from django.test import Client

from luotsi.officehours import services
from luotsi.officehours.models import Appointment
from luotsi.privacy.models import AuditEvent
from luotsi.testing import officehours as oh
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def _booked(p: Personas, count: int = 2) -> tuple[datetime.date, list[Appointment]]:
    hours = oh.office_hours(p.officer_south)
    day = oh.next_weekday(hours.weekday)
    appointments = [
        services.appointment_book(
            officer=p.officer_south,
            starts_at=oh.at(day, 10, 30 * number),
            name=f"Booker {number}",
            email=f"booker{number}@example.org",
            language="fi",
        )
        for number in range(count)
    ]
    return day, appointments


def _views(p: Personas) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            actor=p.officer_south, action="view", object_type="officehours.appointment"
        ).order_by("pk")
    )


def test_the_officers_own_page_with_upcoming_appointments_is_audited(personas):
    _, appointments = _booked(personas)
    client = Client()
    client.force_login(personas.officer_south)
    page = client.get("/officers/me/")
    assert "booker0@example.org" in page.content.decode()
    [event] = _views(personas)
    ids = ", ".join(str(a.pk) for a in appointments)
    assert event.object_id == f"officer:{personas.officer_south.pk}"
    assert event.summary == f"upcoming: 2 appointments (ids {ids})"
    assert "Booker" not in event.summary and "@" not in event.summary


def test_the_days_appointments_page_is_audited(personas):
    day, appointments = _booked(personas, count=1)
    client = Client()
    client.force_login(personas.officer_south)
    page = client.get(f"/officers/me/day/?date={day.isoformat()}")
    assert "Booker 0" in page.content.decode()
    [event] = _views(personas)
    assert event.summary == f"day {day.isoformat()}: 1 appointments (ids {appointments[0].pk})"


def test_a_page_without_bookers_writes_nothing(personas):
    day, _ = _booked(personas, count=1)
    client = Client()
    client.force_login(personas.officer_south)
    other_day = day + datetime.timedelta(days=1)
    assert client.get(f"/officers/me/day/?date={other_day.isoformat()}").status_code == 200
    client.force_login(personas.officer_east)
    assert client.get("/officers/me/").status_code == 200
    assert not AuditEvent.objects.filter(object_type="officehours.appointment").exists()


def test_a_long_list_keeps_the_summary_within_the_field(personas):
    officer = personas.officer_south
    fake = [Appointment(pk=100000 + number) for number in range(100)]
    services.appointments_view_audit(appointments=fake, by=officer, page="upcoming")
    [event] = _views(personas)
    assert len(event.summary) <= 200
    assert event.summary.startswith("upcoming: 100 appointments (ids 100000, 100001")
    assert event.summary.endswith(" …)")
