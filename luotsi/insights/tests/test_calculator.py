"""The programme design calculator: the arithmetic against hand-computed values, the observed
engagement read from the published figures (hidden cells stay hidden), and the page (bad
input names the field)."""

from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation

from luotsi.areas.models import District, DistrictStatistics, MajorDistrict
from luotsi.insights import calculator
from luotsi.insights.figures import compute
from luotsi.insights.models import ProgrammeYear
from luotsi.insights.services import participation_refresh
from luotsi.testing import insights as ins
from luotsi.testing.personas import Personas


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


# --- arithmetic -------------------------------------------------------------------------------


def test_officers_needed_are_whole_officers():
    assert calculator.officers_needed(650_000, 120_000) == 6  # 5.42 → 6
    assert calculator.officers_needed(650_000, 17_500) == 38  # 37.14 → 38
    assert calculator.officers_needed(120_000, 120_000) == 1
    assert calculator.officers_needed(120_001, 120_000) == 2
    assert calculator.officers_needed(0, 17_500) == 0
    with pytest.raises(ValueError):
        calculator.officers_needed(1000, 0)


def test_costs_and_residents_per_officer():
    assert calculator.residents_per_officer(650_000, 6) == pytest.approx(108_333.33, abs=0.01)
    assert calculator.residents_per_officer(650_000, 0) is None
    assert calculator.yearly_cost(6, Decimal("100000")) == Decimal("600000.00")
    assert calculator.cost_per_resident(Decimal("600000"), 650_000) == Decimal("0.92")
    assert calculator.cost_per_resident(Decimal("600000"), 0) is None


def test_scenarios():
    helsinki = calculator.scenario_at_level(650_000, 120_000, Decimal("100000"))
    assert helsinki == calculator.Scenario(
        residents_per_officer=650_000 / 6,
        officers=6,
        yearly_cost=Decimal("600000.00"),
        cost_per_resident=Decimal("0.92"),
    )
    neighbourhood = calculator.scenario_at_level(650_000, 17_500, Decimal("100000"))
    assert (neighbourhood.officers, neighbourhood.yearly_cost) == (38, Decimal("3800000.00"))
    assert neighbourhood.cost_per_resident == Decimal("5.85")  # 3,800,000 / 650,000 = 5.846
    given = calculator.scenario_with_officers(35_000, 2, Decimal("95000"))
    assert given.residents_per_officer == 17_500
    assert given.yearly_cost == Decimal("190000.00")
    assert given.cost_per_resident == Decimal("5.43")  # 5.4286


def test_spread_leaves_hidden_areas_out():
    assert calculator.spread([3.0, None, 1.0, 2.0, 10.0]) == calculator.Spread(
        areas=5, hidden=1, median=2.5, low=1.0, high=10.0
    )
    assert calculator.spread([None, None]) == calculator.Spread(2, 2, None, None, None)
    assert calculator.spread([4.0]).median == 4.0


def test_cost_per_officer_is_this_years_figure_or_the_setting(personas, settings):
    settings.PROGRAMME_COST_PER_PERSON_YEAR = 100_000
    assert calculator.cost_per_officer(2030) == (Decimal("100000"), False)
    ProgrammeYear.objects.create(
        year=2030, cost_per_person_year=Decimal("92500.00"), updated_by=personas.coordinator
    )
    assert calculator.cost_per_officer(2030) == (Decimal("92500.00"), True)


# --- observed engagement -----------------------------------------------------------------------


@pytest.fixture
def south_participation(personas: Personas) -> Personas:
    """Vironniemi (101): 3 came, Kampinmalmi (103): 2 (both hidden), Ullanlinna (102): 40."""
    ins.held_event(personas, district_code="101", came={"fi": 3})
    ins.held_event(personas, district_code="103", came={"fi": 2})
    ins.held_event(personas, district_code="102", came={"fi": 30, "sv": 10})
    participation_refresh()
    return personas


def _population(code: str) -> int:
    return DistrictStatistics.objects.filter(district__code=code).latest("year").population


def test_observed_engagement_at_both_levels(south_participation):
    figures = compute()
    ids = {d.code: d.pk for d in District.objects.filter(code__in=["101", "102", "103"])}
    observed = calculator.observed_engagement(figures, [ids["101"], ids["102"], ids["103"]])
    rate_102 = 40 / _population("102") * 1000
    assert [d.per_1000 for d in observed.districts] == [None, pytest.approx(rate_102), None]
    assert observed.district_spread.median == pytest.approx(rate_102)
    assert (observed.district_spread.areas, observed.district_spread.hidden) == (3, 2)
    assert observed.selection_per_1000 is None  # two of its parts are hidden
    south = MajorDistrict.objects.get(number=1)
    south_population = sum(
        _population(d.code) for d in District.objects.filter(major_district=south)
    )
    assert [m.name for m in observed.majors] == [south.name]
    assert observed.major_spread.median == pytest.approx(45 / south_population * 1000)
    only_102 = calculator.observed_engagement(figures, [ids["102"]])
    assert only_102.selection_per_1000 == pytest.approx(rate_102)
    assert calculator.selection_population(figures, [ids["102"]]) == _population("102")


# --- the page ----------------------------------------------------------------------------------


def test_the_page_compares_the_two_models_for_a_selection(south_participation, settings):
    settings.PROGRAMME_COST_PER_PERSON_YEAR = 100_000
    personas = south_participation
    ProgrammeYear.objects.create(
        year=timezone.localdate().year,
        cost_per_person_year=Decimal("90000"),
        updated_by=personas.coordinator,
    )
    response = _client(personas.officer_east).get(
        "/programme/calculator/?districts=101&districts=102&level=officers&officers=2"
    )
    assert response.status_code == 200
    page = response.content.decode()
    population = _population("101") + _population("102")
    assert "The selection: 2 districts" in page
    assert "90,000 € a year (the coordinator's figure" in page
    # Two officers at 90,000 € = 180,000 € a year.
    assert "180,000 €" in page
    assert f"{calculator.officers_needed(population, 17_500)}" in page
    assert "Neither is a forecast" in page
    assert "hidden" in page  # Vironniemi's 3 participations are not shown
    assert 'id="calculator-districts-caption"' in page  # the chart, its summary and table
    assert "median" in page


def test_bad_input_names_the_field(personas):
    client = _client(personas.coordinator)
    response = client.get("/programme/calculator/?level=custom")
    assert response.status_code == 400
    assert "Residents per officer: Give the number of residents per officer." in (
        response.content.decode()
    )
    response = client.get("/programme/calculator/?level=officers&officers=0&districts=999")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Number of officers: Ensure this value is greater than or equal to 1." in page
    assert "Districts: Select a valid choice. 999 is not one of the available choices." in page
    assert client.get("/programme/calculator/?level=nonsense").status_code == 400


def test_who_may_use_the_calculator(personas):
    assert _client(personas.officer_south).get("/programme/calculator/").status_code == 200
    assert _client(personas.business_officer).get("/programme/calculator/").status_code == 200
    assert _client(personas.official).get("/programme/calculator/").status_code == 403
    assert _client(personas.resident).get("/programme/calculator/").status_code == 403
    assert Client().get("/programme/calculator/").status_code == 302
