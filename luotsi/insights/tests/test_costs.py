"""Programme costs (selectors_costs): every figure equals a value computed by hand on a small
fixture, written out literally with the arithmetic in a comment.

The fixture (2025 has 365 days, 2024 has 366):
- officer_south covers the Southern major district (1) all of 2025;
- officer_east covers Eastern (7) and Östersundom (8) from 1.1. to 30.6.2025 (181 days), then
  Eastern (7) alone from 1.7.2025 (184 days) — the mid-year change;
- the business officer works city-wide all of 2025;
- a former officer covered Western (2) all of 2024 (and nothing in 2025);
- cost per person-year 90 000 € in 2025 (a ProgrammeYear); none for 2024 (default 100 000 €);
- events budgets 2025: Southern 10 000 €, Eastern 8 000 €;
- events: Southern café 10.3.2025 (500 € spent, 200 € committed), Southern cancelled
  1.4.2025 (100 € spent: the money is gone, but it is no event held), Southern published
  15.9.2025 (no costs), a Southern draft in 2025 (not counted), Eastern café 5.5.2025
  (300 € spent), and a Southern event on 31.12.2024 (1 000 € spent);
- other costs 2025: coordination 60 000 € city-wide, communications 3 000 € Southern,
  translation 1 500 € Eastern; 2024: 9 999 € city-wide;
- participations (language rows count each person once; the age rows must not be added):
  Southern January 2025: 100 + 20; Eastern June 2025: 50; Southern December 2024: 999.
"""

import datetime
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role
from luotsi.areas.models import District, MajorDistrict
from luotsi.events.models import CostCategory, CostStatus, EventCost, EventsBudget, EventStatus
from luotsi.insights.models import ParticipationCount, ProgrammeCost, ProgrammeYear
from luotsi.insights.periods import Period, year_period
from luotsi.insights.selectors_costs import (
    CITY_WIDE,
    CostRow,
    CostSummary,
    cost_summary,
    cost_years,
    year_rates,
)
from luotsi.testing import events as ev
from luotsi.testing.factories import OfficerAssignmentFactory, UserFactory
from luotsi.testing.personas import Personas

D = Decimal


def local(year: int, month: int, day: int, hour: int = 18) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _major(number: int) -> MajorDistrict:
    return MajorDistrict.objects.get(city__slug="helsinki", number=number)


def _event_cost(event, amount: str, status: str, by) -> EventCost:
    return EventCost.objects.create(
        event=event,
        category=CostCategory.VENUE,
        amount=D(amount),
        status=status,
        recorded_by=by,
    )


def _count(district: str, month: datetime.date, group: str, n: int, dimension="language") -> None:
    ParticipationCount.objects.create(
        month=month,
        district=District.objects.get(code=district),
        channel="event",
        dimension=dimension,
        group=group,
        count=n,
    )


def build_fixture(p: Personas) -> Personas:
    for officer in (p.officer_south, p.officer_east, p.business_officer):
        OfficerAssignment.objects.filter(officer=officer).delete()
    OfficerAssignmentFactory.create(
        officer=p.officer_south, starts_on=datetime.date(2025, 1, 1), major_districts=[_major(1)]
    )
    OfficerAssignmentFactory.create(
        officer=p.officer_east,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 6, 30),
        major_districts=[_major(7), _major(8)],
    )
    OfficerAssignmentFactory.create(
        officer=p.officer_east, starts_on=datetime.date(2025, 7, 1), major_districts=[_major(7)]
    )
    OfficerAssignmentFactory.create(
        officer=p.business_officer,
        kind=AssignmentKind.BUSINESS,
        starts_on=datetime.date(2025, 1, 1),
    )
    former = UserFactory.create(email="former@example.org", role=Role.DISTRICT_OFFICER)
    OfficerAssignmentFactory.create(
        officer=former,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
        major_districts=[_major(2)],
    )
    c = p.coordinator
    ProgrammeYear.objects.create(year=2025, cost_per_person_year=D("90000"), updated_by=c)
    EventsBudget.objects.create(
        major_district=_major(1), year=2025, allocated=D("10000"), updated_by=c
    )
    EventsBudget.objects.create(
        major_district=_major(7), year=2025, allocated=D("8000"), updated_by=c
    )

    cafe = ev.event(p, start=local(2025, 3, 10), status=EventStatus.COMPLETED)
    _event_cost(cafe, "500", CostStatus.SPENT, c)
    _event_cost(cafe, "200", CostStatus.COMMITTED, c)
    cancelled = ev.event(p, start=local(2025, 4, 1), status=EventStatus.CANCELLED)
    _event_cost(cancelled, "100", CostStatus.SPENT, c)
    ev.event(p, start=local(2025, 9, 15), status=EventStatus.PUBLISHED)
    ev.event(p, start=local(2025, 10, 1), status=EventStatus.DRAFT)
    east = ev.event(p, district_code="701", start=local(2025, 5, 5), status=EventStatus.COMPLETED)
    _event_cost(east, "300", CostStatus.SPENT, c)
    old = ev.event(p, start=local(2024, 12, 31, 12), status=EventStatus.COMPLETED)
    _event_cost(old, "1000", CostStatus.SPENT, c)

    for year, major, category, amount in (
        (2025, None, "coordination", "60000"),
        (2025, _major(1), "communications", "3000"),
        (2025, _major(7), "translation", "1500"),
        (2024, None, "coordination", "9999"),
    ):
        ProgrammeCost.objects.create(
            year=year,
            major_district=major,
            category=category,
            description=f"{category} {year}",
            amount=D(amount),
            recorded_by=c,
        )

    _count("101", datetime.date(2025, 1, 1), "finnish", 100)
    _count("101", datetime.date(2025, 1, 1), "swedish", 20)
    _count("101", datetime.date(2025, 1, 1), "0_14", 120, dimension="age")
    _count("701", datetime.date(2025, 6, 1), "finnish", 50)
    _count("102", datetime.date(2024, 12, 1), "finnish", 999)
    return p


@pytest.fixture
def costs(personas: Personas) -> Iterator[Personas]:
    with translation.override("en"):
        yield build_fixture(personas)


def rows(summary: CostSummary) -> dict[str, CostRow]:
    return {row.key: row for row in summary.rows}


def test_person_years_split_mid_year_change_and_city_wide_row(costs):
    summary = cost_summary(user=costs.coordinator, period=year_period(2025))
    by_key = rows(summary)
    assert list(by_key) == ["1", "2", "3", "4", "5", "6", "7", "8", CITY_WIDE]
    assert by_key["1"].person_years == D("1.000")  # 365 / 365
    # 181/365 / 2 (shared with Östersundom) + 184/365 = 274.5/365 = 0.75205…
    assert by_key["7"].person_years == D("0.752")
    assert by_key["8"].person_years == D("0.248")  # 181/365 / 2 = 90.5/365 = 0.24794…
    assert by_key["2"].person_years == D("0.000")  # the former officer left in 2024
    assert by_key[CITY_WIDE].person_years == D("1.000")  # the business officer
    assert summary.total.person_years == D("3.000")


def test_officer_costs_use_the_years_cost_per_person_year(costs):
    by_key = rows(cost_summary(user=costs.coordinator, period=year_period(2025)))
    assert by_key["1"].officer_costs == D("90000.00")  # 1 × 90 000
    assert by_key["7"].officer_costs == D("67684.93")  # 274.5/365 × 90 000 = 67 684.931…
    assert by_key["8"].officer_costs == D("22315.07")  # 90.5/365 × 90 000 = 22 315.068…
    assert by_key[CITY_WIDE].officer_costs == D("90000.00")
    summary = cost_summary(user=costs.coordinator, period=year_period(2025))
    assert summary.total.officer_costs == D("270000.00")


def test_events_budget_spending_and_events_held(costs):
    summary = cost_summary(user=costs.coordinator, period=year_period(2025))
    by_key = rows(summary)
    south, east, oster = by_key["1"], by_key["7"], by_key["8"]
    assert (south.events_budget, south.events_spent, south.events_committed) == (
        D("10000.00"),
        D("600.00"),  # café 500 + the cancelled event's 100
        D("200.00"),
    )
    assert south.events_held == 2  # the café and the published one; not cancelled, not draft
    assert south.cost_per_event == D("400.00")  # (600 + 200) / 2
    assert (east.events_budget, east.events_spent, east.events_held) == (
        D("8000.00"),
        D("300.00"),
        1,
    )
    assert east.cost_per_event == D("300.00")
    assert oster.events_held == 0 and oster.cost_per_event is None
    assert by_key[CITY_WIDE].events_held is None
    total = summary.total
    assert (total.events_budget, total.event_spending, total.events_held) == (
        D("18000.00"),
        D("1100.00"),
        3,
    )
    assert total.cost_per_event == D("366.67")  # 1 100 / 3 = 366.666…


def test_other_costs_totals_and_cost_per_participant(costs):
    summary = cost_summary(user=costs.coordinator, period=year_period(2025))
    by_key = rows(summary)
    assert by_key["1"].other_costs == D("3000.00")
    assert by_key["7"].other_costs == D("1500.00")
    assert by_key[CITY_WIDE].other_costs == D("60000.00")  # coordination, city-wide
    assert by_key["1"].participations == 120  # 100 + 20 (the age rows are the same people)
    assert by_key["7"].participations == 50
    assert by_key["8"].participations == 0
    assert by_key[CITY_WIDE].participations is None
    assert by_key["1"].total_cost == D("93800.00")  # 90 000 + 800 + 3 000
    assert by_key["1"].cost_per_participant == D("781.67")  # 93 800 / 120 = 781.666…
    assert by_key["7"].total_cost == D("69484.93")  # 67 684.93 + 300 + 1 500
    assert by_key["7"].cost_per_participant == D("1389.70")  # 69 484.93 / 50
    assert by_key["8"].cost_per_participant is None  # nobody counted
    assert by_key[CITY_WIDE].total_cost == D("150000.00")  # 90 000 + 60 000
    assert by_key[CITY_WIDE].cost_per_participant is None
    total = summary.total
    assert total.other_costs == D("64500.00")
    assert total.participations == 170
    assert total.total_cost == D("335600.00")  # 270 000 + 1 100 + 64 500
    assert total.cost_per_participant == D("1974.12")  # 335 600 / 170 = 1 974.117…


def test_half_a_year_prorates_budgets_and_other_costs_by_days(costs):
    summary = cost_summary(
        user=costs.coordinator, period=Period(datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
    )
    by_key = rows(summary)
    assert summary.prorated
    assert by_key["1"].events_budget == D("4958.90")  # 10 000 × 181/365 = 4 958.904…
    assert by_key["7"].events_budget == D("3967.12")  # 8 000 × 181/365 = 3 967.123…
    assert by_key["1"].officer_costs == D("44630.14")  # 181/365 × 90 000 = 44 630.136…
    assert by_key["7"].officer_costs == D("22315.07")  # 181/365 / 2 × 90 000
    assert by_key["8"].officer_costs == D("22315.07")
    assert by_key[CITY_WIDE].other_costs == D("29753.42")  # 60 000 × 181/365 = 29 753.424…
    assert by_key["1"].other_costs == D("1487.67")  # 3 000 × 181/365 = 1 487.671…
    assert (by_key["1"].events_spent, by_key["1"].events_held) == (D("600.00"), 1)
    assert by_key["7"].participations == 50  # June is in the half-year
    assert summary.whole_months


def test_a_period_spanning_two_years_uses_each_years_rate_and_the_default(costs):
    period = Period(datetime.date(2024, 7, 1), datetime.date(2025, 6, 30))
    summary = cost_summary(user=costs.coordinator, period=period)
    rates = {rate.year: rate for rate in summary.rates}
    assert rates[2024].cost_per_person_year == D("100000") and rates[2024].is_default
    assert (rates[2024].days, rates[2024].days_in_year) == (184, 366)
    assert rates[2025].cost_per_person_year == D("90000.00") and not rates[2025].is_default
    by_key = rows(summary)
    assert by_key["2"].person_years == D("0.503")  # 184/366 = 0.50273…
    assert by_key["2"].officer_costs == D("50273.22")  # 184/366 × 100 000 = 50 273.224…
    assert by_key["1"].officer_costs == D("44630.14")  # 181/365 × 90 000
    # 9 999 × 184/366 = 5 026.819… (2024) + 60 000 × 181/365 = 29 753.424… (2025)
    assert by_key[CITY_WIDE].other_costs == D("34780.24")  # 34 780.244…
    assert by_key["1"].events_spent == D("1600.00")  # 1 000 (31.12.2024) + 600
    assert by_key["1"].participations == 1119  # 999 (December 2024) + 120


@override_settings(PROGRAMME_COST_PER_PERSON_YEAR=100000)
def test_a_year_without_programme_year_costs_100000_per_person_year(costs):
    ProgrammeYear.objects.all().delete()
    summary = cost_summary(user=costs.coordinator, period=year_period(2025))
    assert rows(summary)["1"].officer_costs == D("100000.00")
    assert summary.total.officer_costs == D("300000.00")  # 3 person-years
    assert year_rates(year_period(2025))[0].is_default


def test_participations_of_a_partial_month_count_the_whole_month(costs):
    summary = cost_summary(
        user=costs.coordinator,
        period=Period(datetime.date(2025, 1, 15), datetime.date(2025, 1, 20)),
    )
    assert rows(summary)["1"].participations == 120
    assert not summary.whole_months


def test_officer_sees_own_major_districts_and_the_whole_total(costs):
    summary = cost_summary(user=costs.officer_east, period=year_period(2025))
    # officer_east's current assignment covers Eastern only since July 2025
    assert [row.key for row in summary.rows] == ["7"]
    assert summary.total.total_cost == D("335600.00")
    south = cost_summary(user=costs.officer_south, period=year_period(2025))
    assert [row.key for row in south.rows] == ["1"]


def test_business_officer_sees_the_city_wide_row_and_the_total(costs):
    summary = cost_summary(user=costs.business_officer, period=year_period(2025))
    assert [row.key for row in summary.rows] == [CITY_WIDE]
    assert summary.total.participations == 170


def test_officials_and_residents_may_not_read_costs(costs):
    from django.core.exceptions import PermissionDenied

    for user in (costs.official, costs.resident, costs.anonymous):
        with pytest.raises(PermissionDenied):
            cost_summary(user=user, period=year_period(2025))


def test_year_over_year_change(costs):
    years = cost_years(
        user=costs.coordinator, years=[2025, 2024], today=datetime.date(2026, 11, 28)
    )
    assert [y.year for y in years] == [2024, 2025]
    # 2024: the former officer 1 × 100 000 + the event 1 000 + other costs 9 999
    assert years[0].total.total_cost == D("110999.00")
    assert years[0].change("total_cost") is None
    change = years[1].change("total_cost")
    assert change is not None
    assert change.difference == D("224601.00")  # 335 600 − 110 999
    assert change.percent == D("202.3")  # 224 601 / 110 999 × 100 = 202.34…
    participations = years[1].change("participations")
    assert participations is not None and participations.difference == D("-829")  # 170 − 999
    assert not years[1].so_far


def test_the_current_year_counts_up_to_today(costs):
    (year,) = cost_years(user=costs.coordinator, years=[2025], today=datetime.date(2025, 6, 30))
    assert year.so_far
    assert year.summary.period.end == datetime.date(2025, 6, 30)
    assert rows(year.summary)["1"].officer_costs == D("44630.14")
