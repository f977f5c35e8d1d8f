"""Registration services: a place or a place in the queue, cancellation, promotion.

Every write locks the event's row first (SELECT … FOR UPDATE on PostgreSQL; SQLite's
immediate transactions serialise writers), so two people can never take the last place.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.events.models import (
    ACTIVE_REGISTRATION,
    Event,
    Registration,
    RegistrationStatus,
)
from luotsi.events.notifications import notify
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    language: str,
    consent: bool,
    phone: str = "",
    accessibility_needs: str = "",
    language_needs: str = "",
) -> Registration:
    """Register one person: confirmed while there is room, otherwise on the waiting list.
    The person gets an e-mail in `language` with their personal cancellation link."""
    email = email.strip().lower()
    if not consent:
        raise ValidationError(
            {"consent": _("Registration needs your consent to keep these details.")}
        )
    try:
        with transaction.atomic():
            event = _locked(event)
            if not event.registration_open():
                raise ValidationError(_("Registration for this event has closed."))
            if event.registrations.filter(ACTIVE_REGISTRATION, email=email).exists():
                raise ValidationError(
                    {"email": _("This e-mail address is already registered for the event.")}
                )
            full = event.capacity is not None and _confirmed_count(event) >= event.capacity
            registration = Registration.objects.create(
                event=event,
                name=name.strip(),
                email=email,
                phone=phone.strip(),
                accessibility_needs=accessibility_needs.strip(),
                language_needs=language_needs.strip(),
                language=language,
                consented_at=timezone.now(),
                status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
                token=secrets.token_urlsafe(32),
            )
            notify(registration, "waitlisted" if full else "confirmed")
    except IntegrityError as exc:
        # The unique constraint caught a duplicate that raced past the check above.
        raise ValidationError(
            {"email": _("This e-mail address is already registered for the event.")}
        ) from exc
    return registration


def _promote_next(event: Event) -> Registration | None:
    """Call holding the event's row lock: give the first person waiting a free place."""
    if event.capacity is not None and _confirmed_count(event) >= event.capacity:
        return None
    waiting = (
        event.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = RegistrationStatus.CONFIRMED
    waiting.promoted_at = timezone.now()
    waiting.save(update_fields=["status", "promoted_at"])
    notify(waiting, "promoted")
    return waiting


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None = None) -> Registration:
    """Cancel through the person's own link (by=None) or by an organiser. The first person on
    the waiting list moves up and is told so."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise ValidationError(_("This registration has already been cancelled."))
    if event.start <= timezone.now():
        raise ValidationError(_("The event has already started; it can no longer be cancelled."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    notify(registration, "cancelled")
    if by is not None:
        audit_record(actor=by, action=AuditAction.CHANGE, obj=registration, summary="cancelled")
    _promote_next(event)
    return registration


@transaction.atomic
def capacity_raised(*, event: Event) -> list[Registration]:
    """After an organiser adds places: move people up from the waiting list to fill them."""
    event = _locked(event)
    promoted = []
    while (registration := _promote_next(event)) is not None:
        promoted.append(registration)
    return promoted
