"""Retention of office-hours appointments: RETENTION_APPOINTMENTS_DAYS after the meeting the
resident's name, e-mail and topic are removed and `anonymised_at` is set; the date, officer,
venue, languages and status stay (the meeting is already an interaction in the network)."""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.officehours.models import Appointment
from luotsi.privacy.retention import Declaration, LawfulBasis, PurgeResult, cutoff, register
from luotsi.privacy.services import retention_record

ANONYMISED_NAME = "—"


def appointments_past_retention(*, now: datetime.datetime) -> QuerySet[Appointment]:
    before = cutoff(now=now, days=settings.RETENTION_APPOINTMENTS_DAYS)
    return Appointment.objects.filter(ends_at__lt=before, anonymised_at__isnull=True)


@transaction.atomic
def appointments_anonymise_expired(*, now: datetime.datetime, dry_run: bool = False) -> PurgeResult:
    """Anonymise every appointment that ended more than RETENTION_APPOINTMENTS_DAYS ago
    (booked or cancelled). Idempotent."""
    pks = list(appointments_past_retention(now=now).values_list("pk", flat=True))
    result = {"anonymised": len(pks)}
    if dry_run or not pks:
        return result
    moment = timezone.now()
    for pk in pks:
        # A fresh random token each: the old personal link must lead nowhere.
        Appointment.objects.filter(pk=pk).update(
            name=ANONYMISED_NAME,
            email="",
            topic="",
            token=secrets.token_urlsafe(32),
            anonymised_at=moment,
        )
    retention_record(
        object_type="officehours.appointment",
        result=result,
        days=settings.RETENTION_APPOINTMENTS_DAYS,
    )
    return result


register(
    Declaration(
        key="appointments",
        order=40,
        title=_("Office-hours appointments"),
        models=("officehours.Appointment",),
        purpose=_("Booking a meeting with a liaison officer and telling the person about it."),
        lawful_bases=(LawfulBasis.PUBLIC_TASK,),
        data_subjects=_("Residents and others who book an appointment."),
        data_categories=_(
            "Name, e-mail address, the topic, the language of the meeting and any "
            "interpretation needed."
        ),
        recipients=_("The officer met and the coordinator."),
        retention_setting="RETENTION_APPOINTMENTS_DAYS",
        retention_start=_("after the meeting"),
        at_expiry=_(
            "Name, e-mail address and topic are removed and the personal link stops working; "
            "the date, officer and venue are kept for statistics."
        ),
        purge=appointments_anonymise_expired,
    )
)
