"""A message page shows the sender's name and e-mail address to staff: each showing is
written to the audit log (with the message's id only); an anonymous message is not."""

import pytest
from django.test import Client
from django.urls import reverse

from luotsi.privacy.models import AuditEvent
from luotsi.testing import concerns as cn

pytestmark = pytest.mark.django_db


def _views(message) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action="view", object_type="concerns.message", object_id=str(message.pk)
        )
    )


def test_opening_a_message_with_the_senders_details_is_audited(personas):
    message = cn.message(
        contact_name="Sanna Sender", contact_email="sanna@example.org", consent=True
    )
    client = Client()
    client.force_login(personas.officer_south)
    page = client.get(reverse("concerns:message-detail", args=[message.pk]))
    assert "sanna@example.org" in page.content.decode()
    [event] = _views(message)
    assert event.actor == personas.officer_south
    assert "sanna" not in event.summary.lower()


def test_the_page_shown_again_after_a_refused_action_is_audited_too(personas):
    message = cn.message(
        contact_name="Sanna Sender", contact_email="sanna@example.org", consent=True
    )
    client = Client()
    client.force_login(personas.officer_south)
    url = reverse("concerns:message-action", args=[message.pk])
    response = client.post(url, {"action": "reply", "reply-text": ""})
    assert response.status_code == 400
    assert len(_views(message)) == 1


def test_an_anonymous_message_and_a_refused_view_write_nothing(personas):
    anonymous = cn.message()
    named = cn.message(contact_name="Sanna Sender", contact_email="sanna@example.org", consent=True)
    client = Client()
    client.force_login(personas.officer_south)
    assert client.get(reverse("concerns:message-detail", args=[anonymous.pk])).status_code == 200
    client.force_login(personas.officer_east)
    assert client.get(reverse("concerns:message-detail", args=[named.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="view", object_type="concerns.message").exists()
