"""After the event: who came, what was learnt (into the network's interaction log), what it
cost against the events budget; and the anonymisation of registrants afterwards."""

import datetime
import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.events import permissions
from luotsi.events.models import (
    AttendanceCount,
    CostStatus,
    Event,
    EventCost,
    EventsBudget,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from luotsi.network import services as network_services
from luotsi.network.models import Channel, Contact
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

ANONYMISED_NAME = "—"


@transaction.atomic
def attendance_record(
    *,
    event: Event,
    by: User,
    attended: Iterable[int],
    walk_ins: int,
    counts: Mapping[tuple[str, str], int],
    notes: str = "",
    contacts: Iterable[Contact] = (),
    commitment: str = "",
    commitment_due_on: datetime.date | None = None,
) -> Event:
    """Record who came (registrations by id, walk-ins and group counts: numbers only), and
    log the notes and the people met as one interaction in the network. A published event
    becomes completed."""
    if not permissions.may_manage(by, event):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.COMPLETED):
        raise ValidationError(_("Attendance is recorded for published events only."))
    if event.start > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the event has started."))
    if commitment and event.interaction_id is not None:
        raise ValidationError(
            {"commitment": _("Add further commitments from the network's pages.")}
        )
    if walk_ins < 0 or any(n < 0 for n in counts.values()):
        raise ValidationError({"walk_ins": _("Counts cannot be negative.")})
    came = set(attended)
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    confirmed.filter(pk__in=came).update(attended=True)
    confirmed.exclude(pk__in=came).update(attended=False)
    event.attendance_counts.all().delete()
    AttendanceCount.objects.bulk_create(
        AttendanceCount(event=event, dimension=dimension, code=code, count=n)
        for (dimension, code), n in counts.items()
        if n
    )
    event.walk_ins = walk_ins
    event.outcome_notes = notes.strip()
    people = list(contacts)
    if event.outcome_notes or people or commitment:
        _log_interaction(event, by, people, commitment, commitment_due_on)
    if event.status == EventStatus.PUBLISHED:
        event.status = EventStatus.COMPLETED
    event.save()
    audit_record(actor=by, action=AuditAction.CHANGE, obj=event, summary="attendance")
    return event


def _log_interaction(
    event: Event,
    by: User,
    contacts: list[Contact],
    commitment: str,
    commitment_due_on: datetime.date | None,
) -> None:
    # The log is read by whoever serves the district next: one fixed language (the title is
    # required in Finnish), not whichever language the recording officer's page was in.
    title = event.title_fi or event.title
    summary = f"{title}: {event.outcome_notes}" if event.outcome_notes else title
    if event.interaction is not None:
        # Recording attendance again corrects the entry instead of adding a second one.
        event.interaction.summary = summary
        event.interaction.save(update_fields=["summary"])
        event.interaction.contacts.add(*contacts)
        return
    if event.district is None:  # published events always have one (a constraint)
        raise ValidationError(_("Place the event in a district first."))
    event.interaction = network_services.interaction_log(
        by=by,
        occurred_on=timezone.localtime(event.start).date(),
        channel=Channel.EVENT,
        summary=summary,
        district=event.district,
        sub_district=event.sub_district,
        contacts=contacts,
        organisations=event.partners.all(),
        topics=event.topics.all(),
        commitment=commitment,
        commitment_due_on=commitment_due_on,
    )


def budget_year(event: Event) -> int:
    return timezone.localtime(event.start).year


@transaction.atomic
def cost_add(
    *,
    event: Event,
    by: User,
    category: str,
    amount: Decimal,
    status: str,
    description: str = "",
) -> EventCost:
    if not permissions.may_manage(by, event):
        raise PermissionDenied
    if event.district is None:
        raise ValidationError(_("Place the event in a district before recording its costs."))
    cost = EventCost(
        event=event,
        category=category,
        amount=amount,
        status=status,
        description=description.strip(),
        recorded_by=by,
    )
    cost.full_clean()
    cost.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=cost, summary=f"{amount} €")
    return cost


@transaction.atomic
def cost_mark_spent(*, cost: EventCost, by: User) -> EventCost:
    if not permissions.may_manage(by, cost.event):
        raise PermissionDenied
    cost.status = CostStatus.SPENT
    cost.save(update_fields=["status"])
    audit_record(actor=by, action=AuditAction.CHANGE, obj=cost, summary="paid")
    return cost


@transaction.atomic
def cost_remove(*, cost: EventCost, by: User) -> None:
    """Undo a cost recorded by mistake (the audit log keeps the trace)."""
    if not permissions.may_manage(by, cost.event):
        raise PermissionDenied
    audit_record(actor=by, action=AuditAction.DELETE, obj=cost, summary=f"{cost.amount} €")
    cost.delete()


@transaction.atomic
def budget_set(
    *, major_district: MajorDistrict, year: int, allocated: Decimal, by: User
) -> EventsBudget:
    if not permissions.may_set_budgets(by):
        raise PermissionDenied
    if allocated < 0:
        raise ValidationError({"allocated": _("The allocation cannot be negative.")})
    budget, _created = EventsBudget.objects.update_or_create(
        major_district=major_district,
        year=year,
        defaults={"allocated": allocated, "updated_by": by},
    )
    audit_record(actor=by, action=AuditAction.CHANGE, obj=budget, summary=f"{allocated} €")
    return budget


@transaction.atomic
def registrations_anonymise(
    *, now: datetime.datetime | None = None, days: int | None = None
) -> int:
    """Remove the names and contact details of everyone registered for events that ended
    more than `days` (EVENTS_ANONYMISE_AFTER_DAYS) ago. Statuses and attendance stay, so
    every count survives. Returns how many registrations were anonymised."""
    days = settings.EVENTS_ANONYMISE_AFTER_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    due = Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)
    moment = timezone.now()
    done = 0
    for registration in due.only("pk").iterator(chunk_size=1000):
        # A fresh random token each: the old personal link must lead nowhere.
        Registration.objects.filter(pk=registration.pk).update(
            name=ANONYMISED_NAME,
            email="",
            phone="",
            accessibility_needs="",
            language_needs="",
            token=secrets.token_urlsafe(32),
            anonymised_at=moment,
        )
        done += 1
    if done:
        audit_record(
            actor=None,
            action=AuditAction.ERASE,
            object_type="events.registration",
            object_id="*",
            summary=f"{done} registrations anonymised ({days} days after the event)",
        )
    return done
