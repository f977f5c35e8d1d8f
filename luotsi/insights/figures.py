"""The published figures: participation counts of the last WINDOW_MONTHS months for every
area of the city (city, major districts, districts, sub-districts), with small cells hidden
by suppression.protect over every sum the pages state, and the population to compare with.

Computed for the whole city at once and only then cut down to what a person may see, so that
a cell is hidden the same way on every page, in the API and in the CSV export.

One window only (the last 12 months, this month included): publishing several overlapping
windows would let a reader subtract one from another and recover hidden counts.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from luotsi.areas.models import City, District, DistrictStatistics, MajorDistrict, SubDistrict
from luotsi.areas.selectors import AreaStatistics
from luotsi.insights.models import (
    AgeGroup,
    Dimension,
    LanguageGroup,
    ParticipationChannel,
    ParticipationCount,
    ParticipationRefresh,
)
from luotsi.insights.statistics import Representation, per_thousand, representation
from luotsi.insights.suppression import Cell, Partition, State, protect

WINDOW_MONTHS = 12

# Areas are ("city", 0), ("major", pk), ("district", pk), ("sub", pk) and ("unplaced", pk):
# the part of a district's participations not placed in any of its sub-districts.
AreaKey = tuple[str, int]
Measure = tuple[str, str]  # ("total", ""), ("language", group), ("age", group), ("channel", c)
CellKey = tuple[AreaKey, Measure]

CITY: AreaKey = ("city", 0)
TOTAL: Measure = ("total", "")
POPULATION_SHARE: dict[tuple[str, str], str] = {
    (Dimension.LANGUAGE, LanguageGroup.FINNISH): "share_finnish_sami",
    (Dimension.LANGUAGE, LanguageGroup.SWEDISH): "share_swedish",
    (Dimension.LANGUAGE, LanguageGroup.FOREIGN): "share_foreign",
    (Dimension.AGE, AgeGroup.AGE_0_14): "share_age_0_14",
    (Dimension.AGE, AgeGroup.AGE_15_64): "share_age_15_64",
    (Dimension.AGE, AgeGroup.AGE_65_PLUS): "share_age_65_plus",
}
DIMENSION_GROUPS: dict[str, list[str]] = {
    Dimension.LANGUAGE: list(LanguageGroup.values),
    Dimension.AGE: list(AgeGroup.values),
}


def _measures() -> list[Measure]:
    return [
        TOTAL,
        *[(dimension, group) for dimension, groups in DIMENSION_GROUPS.items() for group in groups],
        *[("channel", channel) for channel in ParticipationChannel.values],
    ]


MEASURES = _measures()


def window_start(today: datetime.date) -> datetime.date:
    month = today.year * 12 + today.month - 1 - (WINDOW_MONTHS - 1)
    return datetime.date(month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class RepresentationRow:
    """One group of an area, with everything hidden that a hidden count would reveal."""

    dimension: str
    group: str
    label: str
    cell: Cell
    known: Cell
    population_share: float | None
    result: Representation | None  # None when hidden or when there is nothing to compare

    @property
    def hidden(self) -> bool:
        return not (self.cell.shown and self.known.shown)


@dataclass
class Figures:
    refreshed_at: datetime.datetime | None
    start: datetime.date
    population_year: int | None
    cells: dict[CellKey, Cell]
    population: dict[AreaKey, AreaStatistics]
    majors: list[MajorDistrict]
    districts: dict[int, list[District]]  # major pk → districts
    subs: dict[int, list[SubDistrict]]  # district pk → sub-districts
    major_of: dict[int, int] = field(default_factory=dict)

    def cell(self, area: AreaKey, measure: Measure = TOTAL) -> Cell:
        return self.cells[(area, measure)]

    def per_1000(self, area: AreaKey) -> float | None:
        """Participations per 1,000 residents, None when the count is hidden or the
        population is not known (sub-districts)."""
        total = self.cell(area)
        stats = self.population.get(area)
        if not total.shown or stats is None:
            return None
        return per_thousand(total.value, stats.population)

    def known(self, area: AreaKey, dimension: str) -> Cell:
        """Participants whose group is known; hidden unless total and unknown are shown."""
        total, unknown = self.cell(area), self.cell(area, (dimension, "unknown"))
        value = total.value - unknown.value
        return Cell(value) if total.shown and unknown.shown else Cell(value, State.SECONDARY)

    def representation(self, area: AreaKey, dimension: str) -> list[RepresentationRow]:
        known = self.known(area, dimension)
        stats = self.population.get(area)
        labels = dict(
            LanguageGroup.choices if dimension == Dimension.LANGUAGE else AgeGroup.choices
        )
        rows = []
        for group in DIMENSION_GROUPS[dimension]:
            if group == "unknown":
                continue
            cell = self.cell(area, (dimension, group))
            share_field = POPULATION_SHARE[(dimension, group)]
            population_share = stats.share(share_field) if stats else None
            result = (
                representation(cell.value, known.value, population_share)
                if cell.shown and known.shown
                else None
            )
            rows.append(
                RepresentationRow(
                    dimension, group, str(labels[group]), cell, known, population_share, result
                )
            )
        return rows


def _population() -> tuple[dict[AreaKey, AreaStatistics], int | None]:
    """Every district's latest statistics, summed up to major districts and the city the way
    luotsi.areas does (head counts = population × share, rounded)."""
    latest: dict[int, DistrictStatistics] = {}
    for row in DistrictStatistics.objects.select_related("district").order_by("year"):
        latest[row.district_id] = row
    sums: dict[AreaKey, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    years: dict[AreaKey, int] = {}
    for district_pk, row in latest.items():
        for area in (("district", district_pk), ("major", row.district.major_district_id), CITY):
            sums[area]["population"] += row.population
            years[area] = max(years.get(area, 0), row.year)
            for share_field in DistrictStatistics.SHARE_FIELDS:
                share = getattr(row, share_field)
                if share is not None:
                    sums[area][share_field] += round(row.population * share)
    population = {
        area: AreaStatistics(
            year=years[area],
            population=values["population"],
            counts={f: values.get(f, 0) for f in DistrictStatistics.SHARE_FIELDS},
        )
        for area, values in sums.items()
    }
    return population, max(years.values()) if years else None


def _partitions(
    areas: dict[AreaKey, list[AreaKey]],
) -> Iterator[Partition[CellKey]]:
    """Every sum the pages state: an area's groups and channels add up to its total, and
    every measure of an area is the sum of that measure over its parts."""
    for area in areas:
        for dimension in (Dimension.LANGUAGE, Dimension.AGE, "channel"):
            parts = [m for m in MEASURES if m[0] == dimension]
            yield Partition((area, TOTAL), [(area, m) for m in parts])
    for parent, children in areas.items():
        if children:
            for measure in MEASURES:
                yield Partition((parent, measure), [(child, measure) for child in children])


def _withheld(areas: dict[AreaKey, list[AreaKey]]) -> Iterator[CellKey]:
    """Sub-districts are published with their totals and language groups only (the district
    page's table); their age and channel breakdowns would be mostly tiny cells, and hiding
    them for good keeps them from spreading secondary suppression up to the districts."""
    for area in areas:
        if area[0] in ("sub", "unplaced"):
            for measure in MEASURES:
                if measure[0] in (Dimension.AGE, "channel"):
                    yield (area, measure)


def compute(city: City | None = None, today: datetime.date | None = None) -> Figures:
    """The figures of the city (default: the only one), for the window ending this month."""
    today = today or timezone.localdate()
    start = window_start(today)
    majors = list(
        MajorDistrict.objects.filter(**({"city": city} if city else {}))
        .defer("geometry", "geometry_simplified")
        .order_by("number")
    )
    districts: dict[int, list[District]] = defaultdict(list)
    for district in (
        District.objects.filter(major_district__in=majors)
        .defer("geometry", "geometry_simplified")
        .order_by("code")
    ):
        districts[district.major_district_id].append(district)
    subs: dict[int, list[SubDistrict]] = defaultdict(list)
    for sub in (
        SubDistrict.objects.filter(district__major_district__in=majors)
        .select_related("district")
        .defer(
            "geometry", "geometry_simplified", "district__geometry", "district__geometry_simplified"
        )
        .order_by("code")
    ):
        subs[sub.district_id].append(sub)
    tree: dict[AreaKey, list[AreaKey]] = {CITY: [("major", m.pk) for m in majors]}
    major_of: dict[int, int] = {}
    for major in majors:
        tree[("major", major.pk)] = [("district", d.pk) for d in districts[major.pk]]
        for district in districts[major.pk]:
            major_of[district.pk] = major.pk
            parts: list[AreaKey] = [("sub", s.pk) for s in subs[district.pk]]
            tree[("district", district.pk)] = [*parts, ("unplaced", district.pk)]
            for part in tree[("district", district.pk)]:
                tree[part] = []
    counts: dict[CellKey, int] = {(area, m): 0 for area in tree for m in MEASURES}
    rows = (
        ParticipationCount.objects.filter(month__gte=start, district__in=list(major_of))
        .values("district", "sub_district", "channel", "dimension", "group")
        .annotate(n=Sum("count"))
    )
    for row in rows:
        district, n = row["district"], row["n"]
        leaf: AreaKey = (
            ("sub", row["sub_district"]) if row["sub_district"] else ("unplaced", district)
        )
        if leaf not in tree:  # a sub-district moved to another district since: unplaced
            leaf = ("unplaced", district)
        for area in (leaf, ("district", district), ("major", major_of[district]), CITY):
            counts[(area, (row["dimension"], row["group"]))] += n
            if row["dimension"] == Dimension.LANGUAGE:  # each person once
                counts[(area, TOTAL)] += n
                counts[(area, ("channel", row["channel"]))] += n
    population, year = _population()
    refresh = ParticipationRefresh.objects.order_by("-refreshed_at").first()
    return Figures(
        refreshed_at=refresh.refreshed_at if refresh else None,
        start=start,
        population_year=year,
        cells=protect(counts, _partitions(tree), withheld=_withheld(tree)),
        population=population,
        majors=majors,
        districts=dict(districts),
        subs=dict(subs),
        major_of=major_of,
    )


FIGURES_CACHE_SECONDS = 24 * 60 * 60


def current(today: datetime.date | None = None) -> Figures:
    """compute(), cached in the shared cache until the next refresh: the figures change only
    when participation_refresh rebuilds the counts (new generation), when the window moves
    (the date is in the key) or when the territory is reloaded (the areas' revision)."""
    today = today or timezone.localdate()
    refresh = ParticipationRefresh.objects.values_list("generation", flat=True).first()
    if refresh is None:
        return compute(today=today)
    revisions = ",".join(str(r) for r in City.objects.values_list("areas_revision", flat=True))
    key = f"insights:figures:{refresh}:{today.isoformat()}:{revisions}"
    figures: Figures | None = cache.get(key)
    if figures is None:
        figures = compute(today=today)
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures
