"""Reads for the territory. Areas and their statistics are public reference data."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from luotsi.areas.models import (
    Area,
    City,
    District,
    DistrictStatistics,
    MajorDistrict,
    SubDistrict,
)

LANGUAGE_SHARES = ("share_finnish_sami", "share_swedish", "share_foreign")
AGE_SHARES = ("share_age_0_14", "share_age_15_64", "share_age_65_plus")


@dataclass(frozen=True)
class AreaStatistics:
    """Population of an area in a year; `counts` are head counts per share field.

    A major district's figures are the sums of its districts' head counts, so the parts
    always add up to the whole; its shares are those sums divided by its population.
    """

    year: int
    population: int
    counts: dict[str, int]

    def share(self, field: str) -> float | None:
        return self.counts[field] / self.population if self.population else None


GEOMETRY_FIELDS = ("geometry", "geometry_simplified")


def major_districts_list(
    city: City | None = None, *, with_districts: bool = True
) -> QuerySet[MajorDistrict]:
    """Major districts in their official order, optionally with their districts; without
    boundaries, which are large and only the map endpoints need."""
    queryset = MajorDistrict.objects.select_related("city").defer(*GEOMETRY_FIELDS)
    if with_districts:
        districts = District.objects.defer(*GEOMETRY_FIELDS).order_by("code")
        queryset = queryset.prefetch_related(Prefetch("districts", queryset=districts))
    if city is not None:
        queryset = queryset.filter(city=city)
    return queryset.order_by("city__name", "number")


def area_by_code(city: City, code: str) -> Area | None:
    """The area of any level with this code in the city, or None."""
    for model in (MajorDistrict, District, SubDistrict):
        area = model.objects.filter(city=city, code=code).defer(*GEOMETRY_FIELDS).first()
        if area is not None:
            return area
    return None


def _districts_of(area: Area) -> QuerySet[District]:
    if isinstance(area, MajorDistrict):
        return District.objects.filter(major_district=area)
    if isinstance(area, District):
        return District.objects.filter(pk=area.pk)
    return District.objects.none()


def statistics_years(area: Area) -> list[int]:
    return sorted(
        set(
            DistrictStatistics.objects.filter(district__in=_districts_of(area)).values_list(
                "year", flat=True
            )
        )
    )


def area_statistics(area: Area, year: int | None = None) -> AreaStatistics | None:
    """The area's population composition in `year` (default: the latest year with data)."""
    years = statistics_years(area)
    if not years:
        return None
    year = year if year in years else years[-1]
    rows = DistrictStatistics.objects.filter(district__in=_districts_of(area), year=year)
    population = 0
    counts = dict.fromkeys(DistrictStatistics.SHARE_FIELDS, 0)
    for row in rows:
        population += row.population
        for field in DistrictStatistics.SHARE_FIELDS:
            share = getattr(row, field)
            if share is not None:
                counts[field] += round(row.population * share)
    return AreaStatistics(year=year, population=population, counts=counts)


def sub_districts_of(district: District) -> QuerySet[SubDistrict]:
    return SubDistrict.objects.filter(district=district).defer(*GEOMETRY_FIELDS).order_by("code")


def population_history(area: Area) -> list[tuple[int, int]]:
    """(year, population) for every year with data, oldest first."""
    totals: dict[int, int] = {}
    for year, population in DistrictStatistics.objects.filter(
        district__in=_districts_of(area)
    ).values_list("year", "population"):
        totals[year] = totals.get(year, 0) + population
    return sorted(totals.items())
