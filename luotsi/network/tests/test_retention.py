import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from luotsi.network import services
from luotsi.network.models import (
    Affiliation,
    Channel,
    Contact,
    ImportBatch,
    ImportStatus,
    Interaction,
)
from luotsi.network.retention import contacts_warn_and_erase_expired, import_batches_clear_expired
from luotsi.testing import network as net

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("personas"),
]

DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)
RETENTION = override_settings(RETENTION_CONTACTS_INACTIVE_DAYS=1095, RETENTION_WARNING_DAYS=30)
# The contacts below were created (and last met) this long ago: their warning fell due a day
# ago, their erasure 29 days from now.
CREATED = timezone.now() - 1066 * DAY


def old_contact(p, code: str = "101", name: str = "Paula Private") -> Contact:
    contact = net.contact(p, code=code, name=name, email="paula@example.org")
    Contact.objects.filter(pk=contact.pk).update(created_at=CREATED)
    # Met the day before being recorded (interactions are dated by day, creation by time).
    met = Interaction.objects.create(
        occurred_on=timezone.localdate(CREATED - DAY),
        channel=Channel.MEETING,
        district=net.district(code),
        summary="Met at the café",
        officer=p.officer_south,
    )
    met.contacts.add(contact)
    Interaction.objects.filter(pk=met.pk).update(created_at=CREATED)
    return contact


def run(now: datetime.datetime, capture, **options: bool) -> dict[str, int]:
    with capture(execute=True):
        return contacts_warn_and_erase_expired(now=now, **options)


@RETENTION
def test_the_districts_officer_is_warned_once_and_the_contact_erased_after_the_warning_period(
    personas, django_capture_on_commit_callbacks
):
    contact = old_contact(personas)
    Affiliation.objects.create(contact=contact, organisation=net.organisation(personas))
    warn_at = CREATED + (1095 - 30) * DAY + MINUTE
    capture = django_capture_on_commit_callbacks

    assert run(warn_at - DAY, capture) == {"warned": 0, "erased": 0}
    assert mail.outbox == []

    assert run(warn_at, capture) == {"warned": 1, "erased": 0}
    assert run(warn_at + DAY, capture) == {"warned": 0, "erased": 0}
    [warning] = mail.outbox
    assert warning.to == ["officer.south@example.org"]
    assert "Paula Private" in warning.body
    assert f"/network/contacts/{contact.pk}/" in warning.body

    assert run(warn_at + 29 * DAY, capture)["erased"] == 0
    assert run(warn_at + 30 * DAY, capture) == {"warned": 0, "erased": 1}

    erased = Contact.objects.get(pk=contact.pk)
    assert erased.erased_at is not None and erased.email == ""
    assert "Paula" not in erased.full_name
    # The history stays.
    assert erased.interactions.count() == 1
    assert not erased.affiliations.exists()
    assert run(warn_at + 300 * DAY, capture) == {"warned": 0, "erased": 0}
    assert len(mail.outbox) == 1


@RETENTION
def test_an_interaction_logged_after_the_warning_keeps_the_contact(
    personas, django_capture_on_commit_callbacks
):
    contact = old_contact(personas)
    warn_at = CREATED + (1095 - 30) * DAY + MINUTE
    assert run(warn_at, django_capture_on_commit_callbacks)["warned"] == 1

    services.interaction_log(
        by=personas.officer_south,
        occurred_on=timezone.localdate(),
        channel=Channel.CALL,
        summary="Still chairs the residents' association",
        district=net.district("101"),
        contacts=[contact],
    )

    assert run(warn_at + 60 * DAY, django_capture_on_commit_callbacks) == {
        "warned": 0,
        "erased": 0,
    }
    kept = Contact.objects.get(pk=contact.pk)
    assert (kept.full_name, kept.erased_at, kept.retention_warned_at) == (
        "Paula Private",
        None,
        None,
    )


@RETENTION
def test_each_officer_is_warned_only_about_their_own_districts_contacts(
    personas, django_capture_on_commit_callbacks
):
    old_contact(personas, "101", "Paula Private")
    old_contact(personas, "704", "Ville Vuosaari")
    warn_at = CREATED + (1095 - 30) * DAY + MINUTE

    assert run(warn_at, django_capture_on_commit_callbacks)["warned"] == 2

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert set(bodies) == {"officer.south@example.org", "officer.east@example.org"}
    assert "Paula Private" in bodies["officer.south@example.org"]
    assert "Ville" not in bodies["officer.south@example.org"]
    assert "Ville Vuosaari" in bodies["officer.east@example.org"]


@RETENTION
def test_a_late_warning_still_gives_the_officers_the_whole_warning_period(
    personas, django_capture_on_commit_callbacks
):
    contact = old_contact(personas)
    # The run did not happen for months: the contact is long past the period when warned.
    warned_at = CREATED + 1200 * DAY
    assert run(warned_at, django_capture_on_commit_callbacks) == {"warned": 1, "erased": 0}
    assert run(warned_at + 29 * DAY, django_capture_on_commit_callbacks)["erased"] == 0
    assert run(warned_at + 30 * DAY, django_capture_on_commit_callbacks)["erased"] == 1
    assert Contact.objects.get(pk=contact.pk).erased_at is not None


@RETENTION
def test_a_dry_run_neither_warns_nor_erases(personas, django_capture_on_commit_callbacks):
    contact = old_contact(personas)
    later = CREATED + 2000 * DAY
    assert run(later, django_capture_on_commit_callbacks, dry_run=True)["warned"] == 1
    assert mail.outbox == []
    assert Contact.objects.get(pk=contact.pk).retention_warned_at is None


@override_settings(RETENTION_IMPORT_BATCHES_DAYS=30)
def test_uploaded_rows_are_cleared_after_the_period_keeping_the_counts_and_unconfirmed_uploads_go(
    personas,
):
    unconfirmed = net.import_batch(personas)
    done = net.import_batch(personas)
    ImportBatch.objects.filter(pk=done.pk).update(status=ImportStatus.DONE, created=3, skipped=1)
    uploaded = timezone.now()
    ImportBatch.objects.update(created_at=uploaded)

    assert import_batches_clear_expired(now=uploaded + 29 * DAY) == {
        "deleted": 0,
        "anonymised": 0,
    }
    assert import_batches_clear_expired(now=uploaded + 31 * DAY, dry_run=True) == {
        "deleted": 1,
        "anonymised": 1,
    }
    assert ImportBatch.objects.count() == 2
    assert import_batches_clear_expired(now=uploaded + 31 * DAY) == {
        "deleted": 1,
        "anonymised": 1,
    }
    assert import_batches_clear_expired(now=uploaded + 31 * DAY) == {
        "deleted": 0,
        "anonymised": 0,
    }

    assert not ImportBatch.objects.filter(pk=unconfirmed.pk).exists()
    cleared = ImportBatch.objects.get(pk=done.pk)
    assert (cleared.rows, cleared.raw_rows, cleared.created, cleared.skipped) == ([], [], 3, 1)
