"""Writes for events: planning, publishing, series, venues. Registration lives in
`registrations.py`, attendance and money in `accounting.py`; views and the API call these
and nothing else. Each function is one transaction and records who did it."""

import calendar
import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.events import permissions
from luotsi.events.codes import join_codes, split_codes
from luotsi.events.models import (
    Event,
    EventSeries,
    EventStatus,
    Frequency,
    Venue,
)
from luotsi.events.notifications import notify_registrants
from luotsi.events.registrations import capacity_raised
from luotsi.events.scheduling import schedule_anonymisation
from luotsi.network.models import Organisation, Topic
from luotsi.network.permissions import can_use_network, districts_for_recording
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

MAX_OCCURRENCES = 52
# Changing any of these on a published event is news for everyone registered.
NEWSWORTHY_FIELDS = ("start", "end", "venue_id", "location_details")


def _require_organiser(by: User) -> None:
    if not permissions.can_organise(by):
        raise PermissionDenied


@transaction.atomic
def venue_save(*, venue: Venue, by: User, lat: float | None, lon: float | None) -> Venue:
    """Create or correct a venue; the point (from its street address) sets its district."""
    _require_organiser(by)
    if lat is not None and lon is not None:
        venue.place(lat=lat, lon=lon)
    creating = venue.pk is None
    venue.full_clean()
    venue.save()
    audit_record(actor=by, action=AuditAction.CREATE if creating else AuditAction.CHANGE, obj=venue)
    return venue


def _validate_times(event: Event, *, new_start: bool) -> None:
    errors: dict[str, str] = {}
    if event.start and event.end and event.end <= event.start:
        errors["end"] = _("The event must end after it starts.")
    if new_start and event.start and event.start < timezone.now():
        errors["start"] = _("An event cannot start in the past.")
    closes = event.registration_closes_at
    if closes and event.end and closes > event.end:
        errors["registration_closes_at"] = _("Registration must close before the event ends.")
    if errors:
        raise ValidationError(errors)


def _place(event: Event, district: District | None) -> None:
    if event.venue is not None and event.venue.latitude is not None:
        event.place(lat=event.venue.latitude, lon=event.venue.longitude)
    elif event.venue is not None and event.venue.district_id:
        event.place(lat=None, lon=None)
        event.district_id = event.venue.district_id
    elif district is not None:
        event.place(lat=None, lon=None)
        event.district = district
    else:
        raise ValidationError({"venue": _("Choose a venue, or the district the event is in.")})


@transaction.atomic
def event_save(
    *,
    event: Event,
    by: User,
    organisers: Iterable[User] = (),
    partners: Iterable[Organisation] = (),
    topics: Iterable[Topic] | None = None,
    district: District | None = None,
) -> Event:
    """Create or change an event (the form has set its fields). The venue's point places it;
    without a venue, `district` does. Changing the time or place of a published event
    e-mails everyone registered, in their language."""
    _require_organiser(by)
    creating = event.pk is None
    before = None if creating else Event.objects.select_for_update().get(pk=event.pk)
    _validate_times(event, new_start=before is None or before.start != event.start)
    _place(event, district)
    moved = before is None or before.district_id != event.district_id
    allowed = (
        event.district_id is not None
        and districts_for_recording(by).filter(pk=event.district_id).exists()
    )
    if moved and not allowed:
        raise ValidationError({"venue": _("You cannot organise events in this district.")})
    event.languages = join_codes(split_codes(event.languages))
    event.interpretation = join_codes(split_codes(event.interpretation))
    event.audiences = join_codes(split_codes(event.audiences))
    if creating:
        event.created_by = by
    event.full_clean(exclude=["organisers"])
    event.save()
    people = list(organisers) or ([by] if creating else [])
    if people:
        if not all(can_use_network(person) for person in people):
            raise ValidationError({"organisers": _("Organisers must be liaison officers.")})
        event.organisers.set(people)
    event.partners.set(list(partners))
    if topics is not None:
        event.topics.set(list(topics))
    audit_record(actor=by, action=AuditAction.CREATE if creating else AuditAction.CHANGE, obj=event)
    if before is not None and _gained_places(before, event):
        capacity_raised(event=event)
    if before is not None and event.status == EventStatus.PUBLISHED:
        changed = [f for f in NEWSWORTHY_FIELDS if getattr(before, f) != getattr(event, f)]
        if changed:
            notify_registrants(event, "event_changed")
        if before.end != event.end:
            schedule_anonymisation(event)
    return event


def _gained_places(before: Event, after: Event) -> bool:
    if before.capacity is None:
        return False
    return after.capacity is None or after.capacity > before.capacity


def registrants_view_audit(*, event: Event, by: User) -> None:
    """Every staff view of an event's registrants (names, contact details, needs) leaves a
    trace, like views of the network's people."""
    audit_record(
        actor=by,
        action=AuditAction.VIEW,
        object_type="events.registration",
        object_id=f"event:{event.pk}",
        summary="registrants of the event",
    )


def _shift(moment: datetime.datetime, frequency: str, steps: int) -> datetime.datetime:
    """The same local wall-clock time `steps` weeks or months later (18:00 stays 18:00 across
    daylight saving; the 31st becomes the month's last day)."""
    local = timezone.localtime(moment)
    naive = local.replace(tzinfo=None)
    if frequency == Frequency.WEEKLY:
        naive += datetime.timedelta(weeks=steps)
    else:
        month_index = naive.month - 1 + steps
        year, month = naive.year + month_index // 12, month_index % 12 + 1
        day = min(naive.day, calendar.monthrange(year, month)[1])
        naive = naive.replace(year=year, month=month, day=day)
    return timezone.make_aware(naive)


@transaction.atomic
def event_series_create(*, event: Event, by: User, frequency: str, occurrences: int) -> list[Event]:
    """Repeat a saved event: `occurrences` events in all (the given one first), each with
    its own registrations, attendance and costs."""
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choose how often the event repeats.")})
    if not 2 <= occurrences <= MAX_OCCURRENCES:
        raise ValidationError(
            {
                "occurrences": _("A series has between 2 and %(max)d events.")
                % {"max": MAX_OCCURRENCES}
            }
        )
    if not permissions.may_manage(by, event):
        raise PermissionDenied
    series = EventSeries.objects.create(frequency=frequency, created_by=by)
    event.series = series
    event.save(update_fields=["series"])
    organisers, partners, topics = (
        list(event.organisers.all()),
        list(event.partners.all()),
        list(event.topics.all()),
    )
    events = [event]
    for step in range(1, occurrences):
        copy = Event.objects.get(pk=event.pk)
        copy.pk = None
        copy.start = _shift(event.start, frequency, step)
        copy.end = _shift(event.end, frequency, step)
        if event.registration_closes_at is not None:
            copy.registration_closes_at = _shift(event.registration_closes_at, frequency, step)
        copy.published_at = timezone.now() if copy.status == EventStatus.PUBLISHED else None
        copy.interaction = None
        copy.walk_ins, copy.outcome_notes = 0, ""
        copy.save()
        copy.organisers.set(organisers)
        copy.partners.set(partners)
        copy.topics.set(topics)
        events.append(copy)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=series,
        summary=f"{occurrences} events from event {event.pk}",
    )
    return events


@transaction.atomic
def event_publish(*, event: Event, by: User) -> Event:
    if not permissions.may_manage(by, event):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    if event.start < timezone.now():
        raise ValidationError({"start": _("An event cannot start in the past.")})
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(actor=by, action=AuditAction.CHANGE, obj=event, summary="published")
    schedule_anonymisation(event)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: User) -> Event:
    """Cancel a published event; everyone registered hears it in their language."""
    if not permissions.may_manage(by, event):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("Only a published event can be cancelled."))
    if event.end < timezone.now():
        raise ValidationError(_("The event is over; record what happened instead."))
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action=AuditAction.CHANGE, obj=event, summary="cancelled")
    notify_registrants(event, "event_cancelled")
    return event


@transaction.atomic
def event_delete_draft(*, event: Event, by: User) -> None:
    """A draft nobody has seen can go; anything published stays on record."""
    if not permissions.may_manage(by, event):
        raise PermissionDenied
    if event.status != EventStatus.DRAFT or event.costs.exists():
        raise ValidationError(_("Only a draft without costs can be deleted."))
    audit_record(actor=by, action=AuditAction.DELETE, obj=event, summary="draft deleted")
    event.delete()
