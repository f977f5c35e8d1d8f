"""E-mails to officers about their network, each in the officer's own language. Services call
`notify_*` inside their transaction; the mail is queued as a task when it commits."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from luotsi.accounts.models import User
from luotsi.network.models import Contact


def notify_retention_warning(
    *, officer_id: int, contact_ids: list[int], erase_on: datetime.date
) -> None:
    from luotsi.network.tasks import send_retention_warning

    day = erase_on.isoformat()
    transaction.on_commit(lambda: send_retention_warning.enqueue(officer_id, contact_ids, day))


def send_retention_warning(*, officer_id: int, contact_ids: list[int], erase_on: str) -> bool:
    """Tell an officer which inactive contacts will be erased on or after `erase_on`, with a
    link to each. False when there is nobody to tell or nothing left to tell about."""
    officer = User.objects.filter(pk=officer_id, is_active=True).first()
    contacts = list(
        Contact.objects.filter(
            pk__in=contact_ids, erased_at__isnull=True, retention_warned_at__isnull=False
        ).order_by("full_name", "pk")
    )
    if officer is None or not officer.email or not contacts:
        return False
    language = officer.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "officer": officer,
            "contacts": [
                (contact, settings.SITE_URL + reverse("network:contact", args=[contact.pk]))
                for contact in contacts
            ],
            "erase_on": datetime.date.fromisoformat(erase_on),
            "records_link": settings.SITE_URL + reverse("privacy:records"),
        }
        subject = render_to_string("network/email/retention_warning_subject.txt", context)
        body = render_to_string("network/email/retention_warning_body.txt", context)
        language = translation.get_language() or language
    EmailMessage(
        subject.strip(), body, to=[officer.email], headers={"Content-Language": language}
    ).send()
    return True
