"""What the programme cost over a period, per major district, city-wide and in total, and
what that means per participant and per event (issue 12, part 2). Reads only.

How costs are counted (the cost pages repeat this in their "How costs are counted" box):

- Person-years: each OfficerAssignment contributes the days it overlaps the period divided by
  the days of that calendar year (365 or 366). A district assignment covering several major
  districts is split equally among them. An assignment with no major district (a business
  liaison officer's city-wide work) goes to the "City-wide (business liaison)" row. The
  coordinator has no assignment: their cost is not an officer cost but a ProgrammeCost of the
  category "coordination".
- Officer cost = person-years × that year's cost per person-year (ProgrammeYear; a year
  without one uses settings.PROGRAMME_COST_PER_PERSON_YEAR). A period spanning two years
  uses each year's figure for its own days.
- Events budget: the EventsBudget allocations of the period's years, prorated by days when
  the period covers only part of a year. Event spending: the EventCost rows of events that
  start in the period (local time), with spent and committed shown separately.
- Other costs: ProgrammeCost rows of the period's years, prorated by days for partial years;
  the ones without a major district are in the city-wide row.
- Total cost = officer cost + event spending (spent and committed) + other costs. The events
  budget is an allocation, not a cost, and is shown beside it for comparison only.
- Participations: ParticipationCount (all channels, each person once) for the months the
  period touches (whole months), by the major district of the district counted in. Every
  count is placed in a district, so the city-wide row has none of its own (shown "–").
- Events: published or completed (not draft, not cancelled) events that start in the period.
- Cost per participant = total cost / participations; cost per event = event spending /
  events. Both are None (shown "–") when there is nothing to divide by.

Money is rounded to cents per row; the total row is the sum of the rows as shown, so the
table adds up. Permissions: the coordinator sees every major district and the city-wide row;
a district officer sees the major districts of their current assignments; a business officer
sees the city-wide row; everyone who may see the programme sees the whole programme's total.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.areas.models import MajorDistrict
from luotsi.events.models import CostStatus, Event, EventCost, EventsBudget, EventStatus
from luotsi.insights.models import ParticipationCount
from luotsi.insights.models.costs import ProgrammeCost, ProgrammeYear
from luotsi.insights.models.participation import Dimension
from luotsi.insights.periods import Period, year_period
from luotsi.insights.permissions_programme import (
    can_view_programme,
    major_districts_visible_to,
    sees_whole_programme,
)

CENT = Decimal("0.01")
PERSON_YEAR_PLACES = Decimal("0.001")
ZERO = Decimal("0")
CITY_WIDE = "city-wide"
TOTAL = "total"
HELD_STATUSES = (EventStatus.PUBLISHED, EventStatus.COMPLETED)


@dataclass(frozen=True)
class CostRow:
    """One row of the cost table: a major district, the city-wide work, or the total.

    `participations` and `events_held` are None in the city-wide row (nothing is counted
    there); cost per participant / per event are then None too."""

    key: str  # the major district's code, CITY_WIDE or TOTAL
    label: str
    major_district: MajorDistrict | None
    person_years: Decimal
    officer_costs: Decimal
    events_budget: Decimal
    events_committed: Decimal
    events_spent: Decimal
    other_costs: Decimal
    participations: int | None
    events_held: int | None

    @property
    def is_total(self) -> bool:
        return self.key == TOTAL

    @property
    def is_city_wide(self) -> bool:
        return self.key == CITY_WIDE

    @property
    def event_spending(self) -> Decimal:
        return self.events_committed + self.events_spent

    @property
    def total_cost(self) -> Decimal:
        return self.officer_costs + self.event_spending + self.other_costs

    @property
    def cost_per_participant(self) -> Decimal | None:
        if not self.participations:
            return None
        return (self.total_cost / self.participations).quantize(CENT, ROUND_HALF_UP)

    @property
    def cost_per_event(self) -> Decimal | None:
        if not self.events_held:
            return None
        return (self.event_spending / self.events_held).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class YearRate:
    """The cost per person-year used for (part of) one calendar year of the period."""

    year: int
    cost_per_person_year: Decimal
    is_default: bool  # no ProgrammeYear: settings.PROGRAMME_COST_PER_PERSON_YEAR
    days: int  # days of this year inside the period
    days_in_year: int

    @property
    def is_partial(self) -> bool:
        return self.days < self.days_in_year


@dataclass(frozen=True)
class CostSummary:
    period: Period
    rows: list[CostRow]  # visible major districts (by number), then the city-wide row if seen
    total: CostRow  # the whole programme, whoever asks
    rates: list[YearRate]
    whole_months: bool = field(default=True)  # False: participations include whole months

    @property
    def prorated(self) -> bool:
        return any(rate.is_partial for rate in self.rates)

    @property
    def all_rows(self) -> list[CostRow]:
        return [*self.rows, self.total]


@dataclass(frozen=True)
class Change:
    """From one year to the next: the difference and, when the earlier value is not zero,
    the relative change in per cent (one decimal)."""

    difference: Decimal
    percent: Decimal | None


@dataclass(frozen=True)
class YearCosts:
    """One year of the year-over-year view; the current year counts up to today."""

    year: int
    summary: CostSummary
    previous: "YearCosts | None" = None

    @property
    def so_far(self) -> bool:
        return not self.summary.period.is_calendar_year

    @property
    def total(self) -> CostRow:
        return self.summary.total

    def change(self, metric: str) -> Change | None:
        """The change of the total row's `metric` (a CostRow attribute) from the previous
        year of the list; None for the first year or when either value is missing."""
        if self.previous is None:
            return None
        return change_between(getattr(self.previous.total, metric), getattr(self.total, metric))


def change_between(before: Decimal | int | None, after: Decimal | int | None) -> Change | None:
    if before is None or after is None:
        return None
    before, after = Decimal(before), Decimal(after)
    percent = None
    if before:
        percent = ((after - before) * 100 / before).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Change(difference=after - before, percent=percent)


# -- calculations ---------------------------------------------------------------------------


def days_in_year(year: int) -> int:
    return (datetime.date(year + 1, 1, 1) - datetime.date(year, 1, 1)).days


def year_slices(period: Period) -> list[tuple[int, datetime.date, datetime.date]]:
    """The part of the period in each calendar year: (year, first day, last day)."""
    return [
        (
            year,
            max(period.start, datetime.date(year, 1, 1)),
            min(period.end, datetime.date(year, 12, 31)),
        )
        for year in range(period.start.year, period.end.year + 1)
    ]


def cost_per_person_year(year: int) -> tuple[Decimal, bool]:
    """The year's cost per person-year and whether it is the default (no ProgrammeYear)."""
    row = ProgrammeYear.objects.filter(year=year).values_list("cost_per_person_year", flat=True)
    value = row.first()
    if value is None:
        return Decimal(settings.PROGRAMME_COST_PER_PERSON_YEAR), True
    return value, False


def year_rates(period: Period) -> list[YearRate]:
    set_rates = dict(
        ProgrammeYear.objects.filter(
            year__gte=period.start.year, year__lte=period.end.year
        ).values_list("year", "cost_per_person_year")
    )
    default = Decimal(settings.PROGRAMME_COST_PER_PERSON_YEAR)
    return [
        YearRate(
            year=year,
            cost_per_person_year=set_rates.get(year, default),
            is_default=year not in set_rates,
            days=(last - first).days + 1,
            days_in_year=days_in_year(year),
        )
        for year, first, last in year_slices(period)
    ]


def _overlap(
    first: datetime.date, last: datetime.date, starts: datetime.date, ends: datetime.date | None
) -> int:
    start = max(first, starts)
    end = last if ends is None else min(last, ends)
    return max(0, (end - start).days + 1)


@dataclass
class _Acc:
    person_years: Fraction = Fraction(0)
    officer_costs: Fraction = Fraction(0)
    events_budget: Fraction = Fraction(0)
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    other: Fraction = Fraction(0)
    participations: int = 0
    events_held: int = 0


def _money(value: Fraction | Decimal) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(CENT, ROUND_HALF_UP)


def _accumulate(period: Period, majors: list[MajorDistrict]) -> dict[str, _Acc]:
    """The unrounded figures of every major district (by code) and CITY_WIDE."""
    by_pk = {m.pk: m.code for m in majors}
    acc: dict[str, _Acc] = defaultdict(_Acc)
    rates = year_rates(period)
    slices = year_slices(period)
    shares = {
        rate.year: (Fraction(rate.days, rate.days_in_year), Fraction(rate.cost_per_person_year))
        for rate in rates
    }

    assignments = (
        OfficerAssignment.objects.filter(starts_on__lte=period.end)
        .exclude(ends_on__lt=period.start)
        .prefetch_related("major_districts")
    )
    for assignment in assignments:
        covered = [m.pk for m in assignment.major_districts.all()]
        codes = [by_pk[pk] for pk in covered if pk in by_pk] or [CITY_WIDE]
        if covered and codes == [CITY_WIDE]:
            continue  # another city's districts
        for (_year, first, last), rate in zip(slices, rates, strict=True):
            days = _overlap(first, last, assignment.starts_on, assignment.ends_on)
            if not days:
                continue
            person_years = Fraction(days, rate.days_in_year) / len(codes)
            for code in codes:
                acc[code].person_years += person_years
                acc[code].officer_costs += person_years * Fraction(rate.cost_per_person_year)

    for budget in EventsBudget.objects.filter(
        major_district__in=majors, year__in=list(shares)
    ).values("major_district", "year", "allocated"):
        share, _rate = shares[budget["year"]]
        acc[by_pk[budget["major_district"]]].events_budget += share * Fraction(budget["allocated"])

    in_period = {
        "event__start__gte": period.start_datetime(),
        "event__start__lt": period.end_datetime(),
    }
    for cost in (
        EventCost.objects.filter(event__district__major_district__in=majors, **in_period)
        .values("event__district__major_district", "status")
        .annotate(total=Sum("amount"))
    ):
        row = acc[by_pk[cost["event__district__major_district"]]]
        if cost["status"] == CostStatus.SPENT:
            row.spent += cost["total"]
        else:
            row.committed += cost["total"]

    for held in (
        Event.objects.filter(
            status__in=HELD_STATUSES,
            district__major_district__in=majors,
            start__gte=period.start_datetime(),
            start__lt=period.end_datetime(),
        )
        .values("district__major_district")
        .annotate(n=Count("pk"))
    ):
        acc[by_pk[held["district__major_district"]]].events_held += held["n"]

    for other in ProgrammeCost.objects.filter(year__in=list(shares)).values(
        "major_district", "year", "amount"
    ):
        major = other["major_district"]
        if major is not None and major not in by_pk:
            continue  # another city's district
        share, _rate = shares[other["year"]]
        code = CITY_WIDE if major is None else by_pk[major]
        acc[code].other += share * Fraction(other["amount"])

    for count in (
        ParticipationCount.objects.filter(
            month__in=period.months(),
            dimension=Dimension.LANGUAGE,  # each dimension counts everyone once
            district__major_district__in=majors,
        )
        .values("district__major_district")
        .annotate(n=Sum("count"))
    ):
        acc[by_pk[count["district__major_district"]]].participations += count["n"]
    return acc


def _row(key: str, label: str, major: MajorDistrict | None, acc: _Acc) -> CostRow:
    city_wide = key == CITY_WIDE
    py = Decimal(acc.person_years.numerator) / Decimal(acc.person_years.denominator)
    return CostRow(
        key=key,
        label=label,
        major_district=major,
        person_years=py.quantize(PERSON_YEAR_PLACES, ROUND_HALF_UP),
        officer_costs=_money(acc.officer_costs),
        events_budget=_money(acc.events_budget),
        events_committed=_money(acc.committed),
        events_spent=_money(acc.spent),
        other_costs=_money(acc.other),
        participations=None if city_wide else acc.participations,
        events_held=None if city_wide else acc.events_held,
    )


def _total(rows: Iterable[CostRow], person_years: Fraction) -> CostRow:
    rows = list(rows)
    py = Decimal(person_years.numerator) / Decimal(person_years.denominator)
    return CostRow(
        key=TOTAL,
        label=str(_("Total")),
        major_district=None,
        person_years=py.quantize(PERSON_YEAR_PLACES, ROUND_HALF_UP),
        officer_costs=sum((r.officer_costs for r in rows), ZERO),
        events_budget=sum((r.events_budget for r in rows), ZERO),
        events_committed=sum((r.events_committed for r in rows), ZERO),
        events_spent=sum((r.events_spent for r in rows), ZERO),
        other_costs=sum((r.other_costs for r in rows), ZERO),
        participations=sum(r.participations or 0 for r in rows),
        events_held=sum(r.events_held or 0 for r in rows),
    )


def _programme_majors() -> list[MajorDistrict]:
    return list(
        MajorDistrict.objects.defer("geometry", "geometry_simplified").order_by("city", "number")
    )


def sees_city_wide_costs(user: User | AnonymousUser) -> bool:
    """The city-wide row: the coordinator's, and a business officer's (their own work)."""
    if sees_whole_programme(user):
        return True
    return (
        isinstance(user, User)
        and OfficerAssignment.objects.current()
        .filter(officer=user, major_districts__isnull=True)
        .exists()
    )


def programme_costs(period: Period) -> tuple[list[CostRow], CostRow, list[YearRate]]:
    """Every major district's row and the city-wide row, the total, and the rates used
    (no permission check: callers filter)."""
    majors = _programme_majors()
    acc = _accumulate(period, majors)
    rows = [_row(m.code, m.name, m, acc[m.code]) for m in majors]
    rows.append(_row(CITY_WIDE, str(_("City-wide (business liaison)")), None, acc[CITY_WIDE]))
    person_years = sum((a.person_years for a in acc.values()), Fraction(0))
    return rows, _total(rows, person_years), year_rates(period)


def cost_summary(*, user: User | AnonymousUser, period: Period) -> CostSummary:
    """The cost table for `period` as `user` may see it (see the module docstring).
    Raises PermissionDenied for users who may not see the programme pages."""
    if not can_view_programme(user):
        raise PermissionDenied
    rows, total, rates = programme_costs(period)
    visible = set(major_districts_visible_to(user).values_list("code", flat=True))
    city_wide = sees_city_wide_costs(user)
    shown = [
        row
        for row in rows
        if (row.is_city_wide and city_wide) or (not row.is_city_wide and row.key in visible)
    ]
    last_of_month = (period.end + datetime.timedelta(days=1)).day == 1
    return CostSummary(
        period=period,
        rows=shown,
        total=total,
        rates=rates,
        whole_months=period.start.day == 1 and last_of_month,
    )


def year_so_far(year: int, today: datetime.date | None = None) -> Period:
    """The whole year, or for the current year 1 January to today."""
    today = today or timezone.localdate()
    period = year_period(year)
    if period.start <= today < period.end:
        return replace(period, end=today)
    return period


def cost_years(
    *, user: User | AnonymousUser, years: list[int], today: datetime.date | None = None
) -> list[YearCosts]:
    """The cost summaries of `years` (in increasing order), each linked to the one before for
    the change; the current year counts up to today. Raises PermissionDenied like
    cost_summary."""
    result: list[YearCosts] = []
    previous: YearCosts | None = None
    for year in sorted(set(years)):
        current = YearCosts(
            year=year,
            summary=cost_summary(user=user, period=year_so_far(year, today)),
            previous=previous,
        )
        result.append(current)
        previous = current
    return result
