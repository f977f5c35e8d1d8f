"""Writes for office hours: booking and cancelling appointments, recording past ones as
network interactions, and officers editing their own profile and hours.

Booking locks the officer's row first (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises
writers), so two people racing for the same slot are served one after the other; the partial
unique constraint on (officer, starts_at) is the database's guarantee behind that.
"""

import datetime
import logging
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.accounts.validators import validate_language_codes
from luotsi.network.models import Channel
from luotsi.network.services import interaction_log
from luotsi.officehours import selectors
from luotsi.officehours.models import (
    Appointment,
    AppointmentLanguage,
    AppointmentStatus,
    OfficeHours,
    OfficerProfile,
)
from luotsi.officehours.notifications import notify
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

logger = logging.getLogger(__name__)

MESSAGE_LANGUAGES = ("fi", "sv", "en")


def _already_booked() -> ValidationError:
    return ValidationError(
        {"slot": _("Someone has just booked this time. Please choose another one.")}
    )


@transaction.atomic
def appointment_book(
    *,
    officer: User,
    starts_at: datetime.datetime,
    name: str,
    email: str,
    language: str,
    interpreter_language: str = "",
    topic: str = "",
) -> Appointment:
    """Book one of the officer's free slots. The person gets a confirmation e-mail with their
    cancellation link, in their language (with an interpreter: the page's language)."""
    email = email.strip().lower()
    name = name.strip()
    interpreter_language = interpreter_language.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from exc
    if not name:
        raise ValidationError({"name": _("Give your name.")})
    if language not in AppointmentLanguage.values:
        raise ValidationError({"language": _("Choose a language.")})
    if language == AppointmentLanguage.INTERPRETER:
        if not interpreter_language or "," in interpreter_language:
            raise ValidationError(
                {"interpreter_language": _("Choose the language you need an interpreter for.")}
            )
        validate_language_codes(interpreter_language)
    else:
        interpreter_language = ""
    if starts_at <= timezone.now():
        raise ValidationError({"slot": _("This time has already passed.")})

    # Serialise bookings for this officer: the next booker sees the previous one's slot taken.
    officer = User.objects.select_for_update().get(pk=officer.pk)
    day = timezone.localtime(starts_at).date()
    slot = next((s for s in selectors.slots_for(officer, day, 1) if s.starts_at == starts_at), None)
    if slot is None:
        if Appointment.objects.booked().filter(officer=officer, starts_at=starts_at).exists():
            raise _already_booked()
        raise ValidationError({"slot": _("This is not one of the officer's office hours times.")})
    if language in MESSAGE_LANGUAGES:
        message_language = language
    else:
        page_language = (translation.get_language() or "fi")[:2]
        message_language = page_language if page_language in MESSAGE_LANGUAGES else "fi"
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                officer=officer,
                venue=slot.venue,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                name=name,
                email=email,
                language=language,
                interpreter_language=interpreter_language,
                message_language=message_language,
                topic=topic.strip(),
                token=secrets.token_urlsafe(32),
            )
    except IntegrityError as exc:
        # The partial unique constraint caught a booking that raced past the check above.
        raise _already_booked() from exc
    notify(appointment, "confirmed")
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment) -> Appointment:
    """Cancel through the person's own link; the slot is free again at once."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if not appointment.is_booked:
        raise ValidationError(_("This appointment has already been cancelled."))
    if appointment.starts_at <= timezone.now():
        raise ValidationError(
            _("The appointment has already started; it can no longer be cancelled.")
        )
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.save(update_fields=["status", "cancelled_at"])
    notify(appointment, "cancelled")
    return appointment


@transaction.atomic
def appointments_to_interactions(*, now: datetime.datetime | None = None) -> int:
    """Record each past booked appointment once as a meeting in the officer's network, in the
    venue's district, without the resident's name or e-mail. Returns how many were recorded.

    An appointment the officer may not record (the venue is outside the city, or outside the
    districts they now serve) is logged and left for the coordinator."""
    now = now or timezone.now()
    pending = (
        Appointment.objects.booked()
        # Lock the appointments only: PostgreSQL cannot lock the nullable side of the
        # outer join to the venue's district.
        .select_for_update(of=("self",))
        .filter(ends_at__lte=now, interaction__isnull=True)
        .select_related("officer", "venue", "venue__district")
        .order_by("starts_at", "pk")
    )
    recorded = 0
    for appointment in pending:
        district = appointment.venue.district
        if district is None:
            logger.warning("appointment %s: its venue has no district", appointment.pk)
            continue
        with translation.override(appointment.officer.preferred_language):
            summary = _("Office hours appointment: %(topic)s") % {
                "topic": appointment.topic or _("no topic given")
            }
        try:
            interaction = interaction_log(
                by=appointment.officer,
                occurred_on=timezone.localtime(appointment.starts_at).date(),
                channel=Channel.MEETING,
                summary=summary,
                district=district,
            )
        except (ValidationError, PermissionDenied):
            logger.warning("appointment %s: the officer cannot record it", appointment.pk)
            continue
        appointment.interaction = interaction
        appointment.save(update_fields=["interaction"])
        recorded += 1
    return recorded


def appointments_view_audit(*, appointments: list[Appointment], by: User, page: str) -> None:
    """An officer's page listing bookers (their names and e-mail addresses) leaves a trace,
    like views of the network's people: one event per page shown, with the appointments'
    ids and their number, never the bookers' details. Nothing when the list is empty."""
    if not appointments:
        return
    ids = ", ".join(str(a.pk) for a in appointments)
    summary = f"{page}: {len(appointments)} appointments (ids {ids})"
    if len(summary) > 200:
        summary = summary[:198].rsplit(",", 1)[0] + " …)"
    audit_record(
        actor=by,
        action=AuditAction.VIEW,
        object_type="officehours.appointment",
        object_id=f"officer:{by.pk}",
        summary=summary,
    )


@transaction.atomic
def profile_save(*, profile: OfficerProfile, by: User) -> OfficerProfile:
    """Officers edit their own profile only."""
    if profile.user_id != by.pk:
        raise PermissionDenied
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def office_hours_save(*, hours: OfficeHours, by: User) -> OfficeHours:
    """Add or change one of the officer's own office hours rules."""
    if hours.pk is not None and hours.officer_id != by.pk:
        raise PermissionDenied
    hours.officer = by
    if hours.start and hours.end and hours.end <= hours.start:
        raise ValidationError({"end": _("The end must be after the start.")})
    hours.full_clean()
    hours.save()
    return hours


@transaction.atomic
def office_hours_remove(*, hours: OfficeHours, by: User) -> None:
    """Remove one of the officer's own rules. Appointments already booked stay booked."""
    if hours.officer_id != by.pk:
        raise PermissionDenied
    hours.delete()
