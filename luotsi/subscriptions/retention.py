"""Retention of subscriptions. An active one is kept while the person wants it; unsubscribing
erases the address at once (services.unsubscribe). A subscription never confirmed is deleted
RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS after it was made: it never received anything, so no
delivery statistics depend on it."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from luotsi.privacy.retention import Declaration, LawfulBasis, PurgeResult, cutoff, register
from luotsi.privacy.services import retention_record
from luotsi.subscriptions.models import Subscriber


def unconfirmed_subscribers_past_retention(*, now: datetime.datetime) -> QuerySet[Subscriber]:
    before = cutoff(now=now, days=settings.RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS)
    return Subscriber.objects.active().filter(confirmed_at__isnull=True, created_at__lt=before)


@transaction.atomic
def unconfirmed_subscribers_delete_expired(
    *, now: datetime.datetime, dry_run: bool = False
) -> PurgeResult:
    due = unconfirmed_subscribers_past_retention(now=now)
    result = {"deleted": due.count()}
    if dry_run or not result["deleted"]:
        return result
    due.delete()
    retention_record(
        object_type="subscriptions.subscriber",
        result=result,
        days=settings.RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS,
    )
    return result


register(
    Declaration(
        key="subscriptions",
        order=50,
        title=_("E-mail subscriptions"),
        models=("subscriptions.Subscriber",),
        purpose=_(
            "Sending the weekly digest of ways to take part and officers' announcements to "
            "the areas and topics the person chose."
        ),
        lawful_bases=(LawfulBasis.CONSENT,),
        data_subjects=_("People who subscribe."),
        data_categories=_("E-mail address, language, chosen areas and topics, delivery dates."),
        recipients=_("No one: the addresses are used only to send the messages."),
        retention_setting="RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS",
        retention_start=_("after subscribing, when the subscription was never confirmed"),
        retention_note=_(
            "A confirmed subscription is kept until the person unsubscribes; the address is "
            "then erased at once."
        ),
        at_expiry=_(
            "An unconfirmed subscription is deleted. On unsubscribing, the address and choices "
            "are erased and only the anonymous delivery records stay."
        ),
        purge=unconfirmed_subscribers_delete_expired,
    )
)
