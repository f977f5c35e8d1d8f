import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from luotsi.concerns.models import Message, MessageStatus, Photo
from luotsi.concerns.retention import message_contacts_anonymise_expired
from luotsi.concerns.tests.test_messages import jpeg_with_gps
from luotsi.privacy.models import AuditEvent
from luotsi.testing import concerns as cn

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("personas")]

CLOSED = timezone.make_aware(datetime.datetime(2024, 3, 1, 12, 0))
DAY = datetime.timedelta(days=1)


def closed_message(**fields: Any) -> Message:
    message = cn.message(
        contact_name="Aino Asukas",
        contact_email="aino@example.org",
        consent=True,
        photos=[SimpleUploadedFile("p.jpg", jpeg_with_gps(), "image/jpeg")],
        **fields,
    )
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.CLOSED, closed_at=CLOSED)
    return message


@override_settings(RETENTION_MESSAGES_DAYS=730)
def test_a_closed_message_keeps_its_sender_until_the_period_ends_then_only_the_matter_stays(
    django_capture_on_commit_callbacks,
):
    message = closed_message()
    photo = message.photos.get()
    storage = photo.image.storage
    expiry = CLOSED + datetime.timedelta(days=730)

    assert message_contacts_anonymise_expired(now=expiry - DAY) == {
        "anonymised": 0,
        "files_deleted": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        result = message_contacts_anonymise_expired(now=expiry + datetime.timedelta(seconds=1))

    assert result == {"anonymised": 1, "files_deleted": 1}
    after = Message.objects.get(pk=message.pk)
    assert (after.contact_name, after.contact_email, after.submitted_by) == ("", "", None)
    assert after.token != message.token
    assert not Photo.objects.filter(message=after).exists()
    assert not storage.exists(photo.image.name)
    # What the statistics count stays.
    assert (after.district, after.service, after.status, after.created_at, after.closed_at) == (
        message.district,
        message.service,
        MessageStatus.CLOSED,
        message.created_at,
        CLOSED,
    )
    assert after.description == message.description


def test_anonymising_messages_twice_changes_nothing_more_and_audits_one_run_with_counts():
    closed_message()
    later = CLOSED + datetime.timedelta(days=1000)
    before = AuditEvent.objects.count()
    assert message_contacts_anonymise_expired(now=later)["anonymised"] == 1
    assert message_contacts_anonymise_expired(now=later) == {"anonymised": 0, "files_deleted": 0}
    events = AuditEvent.objects.order_by("pk")[before:]
    assert len(events) == 1
    assert events[0].object_type == "concerns.message"
    assert "anonymised 1" in events[0].summary and "aino" not in events[0].summary.lower()


def test_an_open_message_keeps_its_sender_however_old():
    message = cn.message(contact_email="aino@example.org", consent=True)
    assert message_contacts_anonymise_expired(now=timezone.now() + 5000 * DAY)["anonymised"] == 0
    assert Message.objects.get(pk=message.pk).contact_email == "aino@example.org"


def test_a_dry_run_counts_but_changes_nothing():
    message = closed_message()
    later = CLOSED + datetime.timedelta(days=1000)
    assert message_contacts_anonymise_expired(now=later, dry_run=True) == {
        "anonymised": 1,
        "files_deleted": 1,
    }
    assert Message.objects.get(pk=message.pk).contact_email == "aino@example.org"
    assert message.photos.count() == 1
