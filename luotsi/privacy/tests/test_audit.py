import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from luotsi.privacy.models import AuditEvent
from luotsi.testing import network as net

pytestmark = pytest.mark.django_db


def test_viewing_a_contact_writes_an_audit_event(client: Client, personas):
    contact = net.contact(personas)
    client.force_login(personas.officer_south)
    client.get(f"/network/contacts/{contact.pk}/")
    client.get(f"/api/v1/network/contacts/{contact.pk}")
    events = AuditEvent.objects.filter(object_type="network.contact", object_id=str(contact.pk))
    assert [(e.actor, e.action) for e in events.filter(action="view")] == [
        (personas.officer_south, "view"),
        (personas.officer_south, "view"),
    ]


def test_a_refused_view_writes_nothing(client: Client, personas):
    contact = net.contact(personas)
    client.force_login(personas.officer_east)
    assert client.get(f"/network/contacts/{contact.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="view").exists()


def test_the_database_refuses_to_change_the_audit_log(personas):
    event = AuditEvent.objects.create(
        actor=personas.coordinator, action="view", object_type="x", object_id="1"
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == ""


def test_the_admin_offers_no_way_to_change_the_audit_log(client: Client, personas):
    event = AuditEvent.objects.create(
        actor=personas.coordinator, action="view", object_type="x", object_id="1"
    )
    client.force_login(personas.coordinator)
    assert client.get(f"/admin/privacy/auditevent/{event.pk}/delete/").status_code == 403
    page = client.get(f"/admin/privacy/auditevent/{event.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
