"""Reads for events: the public calendar with its filters, counts, and budgets."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.areas.models import District, MajorDistrict
from luotsi.events import permissions
from luotsi.events.codes import has_code
from luotsi.events.models import (
    AGE_BANDS,
    AttendanceCount,
    CostStatus,
    CountDimension,
    Event,
    EventCost,
    EventsBudget,
    Registration,
    RegistrationStatus,
)


@dataclass(frozen=True)
class EventFilter:
    """What a resident (or an API client) narrows the calendar by; all optional."""

    districts: QuerySet[District] | None = None
    kind: str = ""
    language: str = ""
    audience: str = ""
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    text: str = ""


# Area boundaries are large JSON documents: lists of events need the areas' names only.
AREA_BOUNDARIES = [
    f"{area}__{field}"
    for area in ("district", "district__major_district", "sub_district")
    for field in ("geometry", "geometry_simplified")
]


def with_places(events: QuerySet[Event]) -> QuerySet[Event]:
    """The venue and the areas each event is in, in the same query (boundaries left out)."""
    return events.select_related(
        "venue", "district", "district__major_district", "sub_district"
    ).defer(*AREA_BOUNDARIES)


def public_events(filters: EventFilter | None = None) -> QuerySet[Event]:
    """Published, cancelled and completed events, soonest first; without a start, only
    events that have not ended yet."""
    f = filters or EventFilter()
    events = with_places(Event.objects.public())
    events = events.filter(end__gte=f.start or timezone.now())
    if f.end is not None:
        events = events.filter(start__lte=f.end)
    if f.districts is not None:
        events = events.filter(district__in=f.districts)
    if f.kind:
        events = events.filter(kind=f.kind)
    if f.language:
        events = events.filter(
            has_code("languages", f.language) | has_code("interpretation", f.language)
        )
    if f.audience:
        events = events.filter(has_code("audiences", f.audience))
    if f.text:
        words = Q()
        for field in (
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "venue__name",
        ):
            words |= Q(**{f"{field}__icontains": f.text})
        events = events.filter(words)
    return events.order_by("start", "pk")


def registration_counts(event: Event) -> dict[str, int]:
    """Confirmed, waitlisted, cancelled and attended (these survive anonymisation)."""
    rows = event.registrations.values("status").annotate(n=Count("pk"))
    by_status = {row["status"]: row["n"] for row in rows}
    return {
        "confirmed": by_status.get(RegistrationStatus.CONFIRMED, 0),
        "waitlisted": by_status.get(RegistrationStatus.WAITLISTED, 0),
        "cancelled": by_status.get(RegistrationStatus.CANCELLED, 0),
        "attended": event.registrations.filter(attended=True).count(),
    }


def confirmed_counts(event_ids: list[int]) -> dict[int, int]:
    """Confirmed registrations per event, for a page of events (one grouped query over the
    page's ids: cheaper than annotating the whole filtered list before paging)."""
    rows = (
        Registration.objects.filter(event_id__in=event_ids, status=RegistrationStatus.CONFIRMED)
        .values("event_id")
        .annotate(n=Count("pk"))
    )
    return {row["event_id"]: row["n"] for row in rows}


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return max(event.capacity - taken, 0)


def registrants(user: User | AnonymousUser, event: Event) -> QuerySet[Registration]:
    """The people registered, for the event's organisers and the coordinator only."""
    if not permissions.may_see_registrants(user, event):
        return Registration.objects.none()
    return event.registrations.all()


def managed_events(user: User) -> QuerySet[Event]:
    return with_places(permissions.events_managed_by(user)).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
    )


@dataclass(frozen=True)
class BudgetLine:
    major_district: MajorDistrict | None
    allocated: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.committed - self.spent

    @property
    def over(self) -> bool:
        return self.remaining < 0


def _sum(costs: QuerySet[EventCost], status: str) -> dict[int, Decimal]:
    rows = (
        costs.filter(status=status)
        .values("event__district__major_district")
        .annotate(total=Sum("amount"))
    )
    return {row["event__district__major_district"]: row["total"] for row in rows}


def budget_lines(user: User | AnonymousUser, year: int) -> tuple[list[BudgetLine], BudgetLine]:
    """One line per major district the user may see, and their total. Costs count in the
    year their event starts (local time)."""
    majors = list(permissions.budget_districts_for(user).order_by("number"))
    allocations = {
        b.major_district_id: b.allocated
        for b in EventsBudget.objects.filter(year=year, major_district__in=majors)
    }
    costs = EventCost.objects.annotate(
        year=ExtractYear("event__start", tzinfo=timezone.get_current_timezone())
    ).filter(year=year, event__district__major_district__in=majors)
    committed, spent = _sum(costs, CostStatus.COMMITTED), _sum(costs, CostStatus.SPENT)
    zero = Decimal("0")
    lines = [
        BudgetLine(
            major_district=m,
            allocated=allocations.get(m.pk, zero),
            committed=committed.get(m.pk, zero),
            spent=spent.get(m.pk, zero),
        )
        for m in majors
    ]
    total = BudgetLine(
        major_district=None,
        allocated=sum((line.allocated for line in lines), zero),
        committed=sum((line.committed for line in lines), zero),
        spent=sum((line.spent for line in lines), zero),
    )
    return lines, total


def budget_line_for(event: Event) -> BudgetLine | None:
    """The budget the event's costs count against (for warnings when recording a cost)."""
    if event.district is None:
        return None
    year = timezone.localtime(event.start).year
    major = event.district.major_district
    budget = EventsBudget.objects.filter(major_district=major, year=year).first()
    costs = EventCost.objects.filter(
        event__district__major_district=major,
        event__start__year=year,
    )
    totals: dict[str, Any] = {
        status: costs.filter(status=status).aggregate(t=Sum("amount"))["t"] or Decimal("0")
        for status in CostStatus.values
    }
    return BudgetLine(
        major_district=major,
        allocated=budget.allocated if budget else Decimal("0"),
        committed=totals[CostStatus.COMMITTED],
        spent=totals[CostStatus.SPENT],
    )


def attendance_by_event(event_ids: Iterable[int]) -> dict[int, int]:
    """event pk → heads: the larger of (attended registrations + walk-ins) and the sum of the
    organisers' age-band counts, the rule of the participation figures (insights/sources.py)."""
    ids = list(set(event_ids))
    if not ids:
        return {}
    registered = dict(
        Registration.objects.filter(event_id__in=ids, attended=True)
        .values("event_id")
        .annotate(n=Count("pk"))
        .values_list("event_id", "n")
    )
    ages = dict(
        AttendanceCount.objects.filter(
            event_id__in=ids, dimension=CountDimension.AGE, code__in=AGE_BANDS
        )
        .values("event_id")
        .annotate(n=Sum("count"))
        .values_list("event_id", "n")
    )
    walk_ins = dict(Event.objects.filter(pk__in=ids).values_list("pk", "walk_ins"))
    return {pk: max(registered.get(pk, 0) + walk_ins.get(pk, 0), ages.get(pk) or 0) for pk in ids}
