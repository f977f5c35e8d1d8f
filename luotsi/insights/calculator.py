"""The programme design calculator (the seed's transferability question): how many officers an
area needs at a given number of residents per officer, what they cost a year, and how much
participation has been observed per 1,000 residents at the major-district and the district
(neighbourhood) level.

The arithmetic is pure functions (tested with hand-computed values); `observed_engagement`
reads the published participation figures (figures.Figures: the last 12 months, small cells
hidden) and never un-hides a cell. Observed engagement is what happened under the current
model (one officer per major district), not a forecast of another model.
"""

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from luotsi.insights.figures import Figures
from luotsi.insights.selectors_costs import cost_per_person_year

# The two levels the seed compares: Helsinki's model (one officer per major district of about
# 120,000 residents) and a neighbourhood level (a district of 15,000–20,000 residents).
MAJOR_DISTRICT_RESIDENTS = 120_000
NEIGHBOURHOOD_RESIDENTS_LOW = 15_000
NEIGHBOURHOOD_RESIDENTS_HIGH = 20_000
NEIGHBOURHOOD_RESIDENTS = (NEIGHBOURHOOD_RESIDENTS_LOW + NEIGHBOURHOOD_RESIDENTS_HIGH) // 2

CENT = Decimal("0.01")


def officers_needed(population: int, residents_per_officer: float) -> int:
    """Whole officers so that none serves more than `residents_per_officer` residents (0 for
    no residents)."""
    if residents_per_officer <= 0:
        raise ValueError("residents_per_officer must be positive")
    if population <= 0:
        return 0
    return math.ceil(population / residents_per_officer)


def residents_per_officer(population: int, officers: int) -> float | None:
    return population / officers if officers > 0 else None


def yearly_cost(officers: int, cost_per_officer: Decimal) -> Decimal:
    return (Decimal(officers) * cost_per_officer).quantize(CENT, ROUND_HALF_UP)


def cost_per_resident(cost: Decimal, population: int) -> Decimal | None:
    if population <= 0:
        return None
    return (cost / Decimal(population)).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Spread:
    """Observed rates over a set of areas: how many areas, how many hidden (small cells or
    no population), and the median and range of the rest."""

    areas: int
    hidden: int
    median: float | None
    low: float | None
    high: float | None

    @property
    def shown(self) -> int:
        return self.areas - self.hidden


def spread(values: Sequence[float | None]) -> Spread:
    known = sorted(v for v in values if v is not None)
    return Spread(
        areas=len(values),
        hidden=len(values) - len(known),
        median=statistics.median(known) if known else None,
        low=known[0] if known else None,
        high=known[-1] if known else None,
    )


@dataclass(frozen=True)
class Scenario:
    residents_per_officer: float | None
    officers: int
    yearly_cost: Decimal
    cost_per_resident: Decimal | None


def scenario_at_level(population: int, per_officer: float, cost_per_officer: Decimal) -> Scenario:
    """Officers derived from the residents each serves."""
    officers = officers_needed(population, per_officer)
    cost = yearly_cost(officers, cost_per_officer)
    return Scenario(
        residents_per_officer=residents_per_officer(population, officers),
        officers=officers,
        yearly_cost=cost,
        cost_per_resident=cost_per_resident(cost, population),
    )


def scenario_with_officers(population: int, officers: int, cost_per_officer: Decimal) -> Scenario:
    """A given number of officers: the residents each serves follows."""
    cost = yearly_cost(officers, cost_per_officer)
    return Scenario(
        residents_per_officer=residents_per_officer(population, officers),
        officers=officers,
        yearly_cost=cost,
        cost_per_resident=cost_per_resident(cost, population),
    )


# --- reading the observed figures -------------------------------------------------------------


@dataclass(frozen=True)
class AreaRate:
    pk: int
    name: str
    population: int | None
    per_1000: float | None  # None: hidden (fewer than 5 people) or no population


@dataclass(frozen=True)
class Observed:
    majors: list[AreaRate]
    districts: list[AreaRate]
    major_spread: Spread
    district_spread: Spread
    selection_per_1000: float | None  # the whole selection; None if any part is hidden
    window_start: str


def selection_population(figures: Figures, district_ids: Iterable[int]) -> int:
    return sum(
        stats.population
        for pk in district_ids
        if (stats := figures.population.get(("district", pk))) is not None
    )


def observed_engagement(figures: Figures, district_ids: Sequence[int]) -> Observed:
    """Participations per 1,000 residents over the figures' window in the selected districts
    and in the major districts they belong to, as published (hidden cells stay hidden)."""
    names = {d.pk: d.name for districts in figures.districts.values() for d in districts}
    major_ids = sorted({figures.major_of[pk] for pk in district_ids if pk in figures.major_of})
    major_names = {m.pk: m.name for m in figures.majors}

    def rate(kind: str, pk: int, name: str) -> AreaRate:
        stats = figures.population.get((kind, pk))
        return AreaRate(
            pk=pk,
            name=name,
            population=stats.population if stats else None,
            per_1000=figures.per_1000((kind, pk)),
        )

    majors = [rate("major", pk, major_names.get(pk, "")) for pk in major_ids]
    districts = [rate("district", pk, names.get(pk, "")) for pk in district_ids]
    population = selection_population(figures, district_ids)
    cells = [figures.cell(("district", pk)) for pk in district_ids]
    whole: float | None = None
    if population and cells and all(cell.shown for cell in cells):
        whole = sum(cell.value for cell in cells) / population * 1000
    return Observed(
        majors=majors,
        districts=districts,
        major_spread=spread([m.per_1000 for m in majors]),
        district_spread=spread([d.per_1000 for d in districts]),
        selection_per_1000=whole,
        window_start=figures.start.isoformat(),
    )


def cost_per_officer(year: int) -> tuple[Decimal, bool]:
    """(cost per officer per year, whether it is the coordinator's figure for `year`): the
    cost pages' rate (selectors_costs.cost_per_person_year)."""
    rate, is_default = cost_per_person_year(year)
    return rate, not is_default
