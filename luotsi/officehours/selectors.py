"""Reads for office hours: who is an officer now, their free slots, their appointments."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.events.models import Venue
from luotsi.officehours.models import Appointment, OfficeHours, OfficerProfile


@dataclass(frozen=True)
class Slot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: Venue


def current_officers(day: datetime.date | None = None) -> QuerySet[User]:
    """People with an officer assignment on `day` (default today): their profiles are public."""
    day = day or timezone.localdate()
    officer_ids = OfficerAssignment.objects.active_on(day).values("officer")
    return User.objects.filter(pk__in=officer_ids, is_active=True).order_by("full_name", "pk")


def access_public_officer(pk: int) -> User:
    """An officer whose profile is public now; anyone else (or no one) is 404."""
    officer = current_officers().filter(pk=pk).first()
    if officer is None:
        raise Http404
    return officer


def profile_of(officer: User) -> OfficerProfile:
    """The officer's profile, unsaved and empty when they have not written one yet."""
    profile = OfficerProfile.objects.filter(user=officer).first()
    return profile or OfficerProfile(user=officer)


def office_hours_of(officer: User, day: datetime.date | None = None) -> QuerySet[OfficeHours]:
    """The officer's rules still valid on `day` (default today) or starting later."""
    day = day or timezone.localdate()
    return (
        OfficeHours.objects.filter(officer=officer)
        .current_or_future(day)
        .select_related("venue")
        .order_by("weekday", "start", "pk")
    )


def _slots_from_rules(officer: User, from_date: datetime.date, days: int) -> list[Slot]:
    rules = list(
        OfficeHours.objects.filter(officer=officer)
        .filter(valid_from__lte=from_date + datetime.timedelta(days=days - 1))
        .current_or_future(from_date)
        .select_related("venue")
    )
    zone = timezone.get_current_timezone()
    slots: dict[datetime.datetime, Slot] = {}
    for offset in range(days):
        day = from_date + datetime.timedelta(days=offset)
        for rule in rules:
            if rule.weekday != day.weekday() or rule.valid_from > day:
                continue
            if rule.valid_until is not None and rule.valid_until < day:
                continue
            step = datetime.timedelta(minutes=rule.slot_minutes)
            start = datetime.datetime.combine(day, rule.start, tzinfo=zone)
            end_of_hours = datetime.datetime.combine(day, rule.end, tzinfo=zone)
            while start + step <= end_of_hours:
                # Two overlapping rules offering the same start time give one slot.
                slots.setdefault(start, Slot(start, start + step, rule.venue))
                start += step
    return [slots[key] for key in sorted(slots)]


def slots_for(
    officer: User,
    from_date: datetime.date,
    days: int,
    *,
    now: datetime.datetime | None = None,
) -> list[Slot]:
    """The officer's free slots on `days` days from `from_date`: generated from the office
    hours rules, without the past and without any slot overlapping a booked appointment."""
    if days <= 0:
        return []
    now = now or timezone.now()
    generated = [
        slot for slot in _slots_from_rules(officer, from_date, days) if slot.starts_at > now
    ]
    if not generated:
        return []
    booked = list(
        Appointment.objects.booked()
        .filter(
            officer=officer,
            starts_at__lt=generated[-1].ends_at,
            ends_at__gt=generated[0].starts_at,
        )
        .values_list("starts_at", "ends_at")
    )
    return [
        slot
        for slot in generated
        if not any(start < slot.ends_at and end > slot.starts_at for start, end in booked)
    ]


def appointments_of(
    officer: User, start: datetime.datetime, end: datetime.datetime | None = None
) -> QuerySet[Appointment]:
    """The officer's booked appointments from `start` (to `end`), earliest first."""
    appointments = Appointment.objects.booked().filter(officer=officer, ends_at__gt=start)
    if end is not None:
        appointments = appointments.filter(starts_at__lt=end)
    return appointments.select_related("venue").order_by("starts_at")


def access_appointment_by_token(token: str) -> Appointment:
    appointment = (
        Appointment.objects.select_related("officer", "venue")
        .filter(token=token, anonymised_at__isnull=True)
        .first()
    )
    if appointment is None or not token:
        raise Http404
    return appointment
