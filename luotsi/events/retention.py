"""Retention of event registrations: declared here, done by `accounting.registrations_anonymise`
(which the older `anonymise_registrations` command and task also call)."""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from luotsi.events.accounting import registrations_anonymise
from luotsi.events.models import Registration
from luotsi.privacy.retention import Declaration, LawfulBasis, PurgeResult, cutoff, register


def registrations_anonymise_expired(
    *, now: datetime.datetime, dry_run: bool = False
) -> PurgeResult:
    """Anonymise registrations for events that ended over EVENTS_ANONYMISE_AFTER_DAYS ago.
    Idempotent; statuses and attendance stay, so every count survives."""
    if dry_run:
        before = cutoff(now=now, days=settings.EVENTS_ANONYMISE_AFTER_DAYS)
        due = Registration.objects.filter(event__end__lt=before, anonymised_at__isnull=True)
        return {"anonymised": due.count()}
    return {"anonymised": registrations_anonymise(now=now)}


register(
    Declaration(
        key="registrations",
        order=20,
        title=_("Event registrations"),
        models=("events.Registration",),
        purpose=_(
            "Running events (places, waiting lists, accessibility and language arrangements) "
            "and telling registrants about changes."
        ),
        lawful_bases=(LawfulBasis.CONSENT, LawfulBasis.PUBLIC_TASK),
        data_subjects=_("People who register for an event."),
        data_categories=_(
            "Name, e-mail address, phone number, accessibility and language needs, message "
            "language, attendance."
        ),
        recipients=_("The event's organisers and the coordinator."),
        retention_setting="EVENTS_ANONYMISE_AFTER_DAYS",
        retention_start=_("after the event ended"),
        at_expiry=_(
            "Name, contact details and needs are removed and the personal link stops working; "
            "the registration's status and attendance are kept for statistics."
        ),
        purge=registrations_anonymise_expired,
    )
)
