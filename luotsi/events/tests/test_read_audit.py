"""Staff pages listing an event's registrants (names, e-mail addresses, phones, needs) are
written to the audit log with the event's id only; a page without registrants, or one
refused, writes nothing."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from luotsi.privacy.models import AuditEvent
from luotsi.testing import events as ev

pytestmark = pytest.mark.django_db


def _views(event) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action="view", object_type="events.registration", object_id=f"event:{event.pk}"
        )
    )


def test_the_attendance_page_listing_registrants_is_audited(personas):
    event = ev.event(personas, start=timezone.now() - datetime.timedelta(days=1))
    ev.registration(event, email="rita@example.org")
    client = Client()
    client.force_login(personas.officer_south)
    page = client.get(f"/events/manage/{event.pk}/attendance/")
    assert page.status_code == 200
    assert "Rita Registrant" in page.content.decode()
    [audit] = _views(event)
    assert audit.actor == personas.officer_south
    assert "Rita" not in audit.summary and "@" not in audit.summary


def test_the_manage_page_without_registrants_or_refused_writes_nothing(personas):
    event = ev.event(personas)
    client = Client()
    client.force_login(personas.officer_south)
    assert client.get(f"/events/manage/{event.pk}/").status_code == 200
    ev.registration(event)
    client.force_login(personas.officer_east)
    assert client.get(f"/events/manage/{event.pk}/").status_code == 404
    assert _views(event) == []
