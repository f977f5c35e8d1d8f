"""Retention of residents' messages: who sent them goes, what they were about stays.

RETENTION_MESSAGES_DAYS after a message was handled (closed, or answered or forwarded and
left so), the sender's name, e-mail and account link are removed, the private status link is
replaced by one nobody has, and the photos are deleted (the files once the transaction has
committed). The text, area, category, status and dates stay, so every statistic still adds up.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from luotsi.concerns.models import DONE_STATUSES, Message, Photo
from luotsi.privacy.retention import Declaration, LawfulBasis, PurgeResult, cutoff, register
from luotsi.privacy.services import retention_record

HAS_PERSONAL_DATA = (
    ~Q(contact_name="")
    | ~Q(contact_email="")
    | Q(submitted_by__isnull=False)
    | Q(photos__isnull=False)
)


def messages_past_retention(*, now: datetime.datetime) -> QuerySet[Message]:
    """Handled messages whose sender's details are past RETENTION_MESSAGES_DAYS and not yet
    removed. A message is handled when closed; answered or forwarded ones count from their
    answer (or last change) so they do not wait for a close that never comes."""
    before = cutoff(now=now, days=settings.RETENTION_MESSAGES_DAYS)
    return (
        Message.objects.annotate(handled_at=Coalesce("closed_at", "answered_at", "updated_at"))
        .filter(status__in=DONE_STATUSES, handled_at__lt=before)
        .filter(pk__in=Message.objects.filter(HAS_PERSONAL_DATA).values("pk"))
    )


@transaction.atomic
def message_contacts_anonymise_expired(
    *, now: datetime.datetime, dry_run: bool = False
) -> PurgeResult:
    """Anonymise every message past retention (idempotent: anonymised ones no longer match).
    Returns the counts: messages anonymised, photo files deleted."""
    pks = list(messages_past_retention(now=now).values_list("pk", flat=True))
    photos = Photo.objects.filter(message__in=pks)
    result = {"anonymised": len(pks), "files_deleted": photos.count()}
    if dry_run or not pks:
        return result
    storage = Photo._meta.get_field("image").storage
    files = [name for name in photos.values_list("image", flat=True) if name]
    photos.delete()
    for pk in pks:
        # A fresh random token each: the resident's old status link must lead nowhere.
        Message.objects.filter(pk=pk).update(
            contact_name="",
            contact_email="",
            submitted_by=None,
            token=secrets.token_urlsafe(32),
        )
    retention_record(
        object_type="concerns.message", result=result, days=settings.RETENTION_MESSAGES_DAYS
    )

    def delete_files() -> None:
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return result


register(
    Declaration(
        key="messages",
        order=30,
        title=_("Residents' messages and concerns"),
        models=("concerns.Message", "concerns.Photo"),
        purpose=_(
            "Answering residents' questions, concerns, ideas and feedback and forwarding them "
            "to the responsible city department; following how they are handled."
        ),
        lawful_bases=(LawfulBasis.PUBLIC_TASK, LawfulBasis.CONSENT),
        data_subjects=_("Residents and others who send a message."),
        data_categories=_(
            "Name and e-mail address (optional, with consent), the message and its location, "
            "photos, the user account of a signed-in sender."
        ),
        recipients=_(
            "The district's liaison officers, business liaison officers, the coordinator, and "
            "the city department a message is forwarded to. Only a moderated summary without "
            "personal data is public."
        ),
        retention_setting="RETENTION_MESSAGES_DAYS",
        retention_start=_("after the message was closed or answered"),
        at_expiry=_(
            "The sender's name, e-mail address and account link are removed, the status link "
            "stops working and photos are deleted; the message, its area, category and dates "
            "are kept for statistics."
        ),
        purge=message_contacts_anonymise_expired,
    )
)
