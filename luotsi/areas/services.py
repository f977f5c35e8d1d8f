"""Writes for the territory. Loading a city is one transaction and idempotent: loading the
same files again leaves the same rows, so `make run` can load on every start."""

import uuid
from dataclasses import dataclass

import shapely
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from luotsi.areas.importing import AreaFeature, ImportProblems, MajorSpec, PopulationRow
from luotsi.areas.models import City, District, DistrictStatistics, MajorDistrict, SubDistrict

LANGUAGES = ("fi", "sv", "en")
# About 30 m at Helsinki's latitude: invisible at city zoom, a tenth of the data to send.
SIMPLIFY_DEGREES = 0.0003


@dataclass(frozen=True)
class ImportSummary:
    city: City
    major_districts: int
    districts: int
    sub_districts: int
    statistics: int


def _names(names: dict[str, str]) -> dict[str, str | None]:
    return {f"name_{lang}": names.get(lang) or None for lang in LANGUAGES}


def _geometry_fields(geometry: BaseGeometry | None) -> dict[str, object]:
    if geometry is None:
        return {"geometry": None, "geometry_simplified": None}
    simplified = shapely.simplify(geometry, SIMPLIFY_DEGREES, preserve_topology=True)
    return {
        "geometry": mapping(shapely.set_precision(geometry, 1e-6)),
        "geometry_simplified": mapping(shapely.set_precision(simplified, 1e-5)),
    }


def _cross_check(
    majors: list[MajorSpec],
    districts: list[AreaFeature],
    sub_districts: list[AreaFeature],
    population: list[PopulationRow],
) -> None:
    problems: list[str] = []
    major_codes = {m.code for m in majors}
    district_codes = {d.code for d in districts}
    for district in districts:
        if district.parent_code not in major_codes:
            problems.append(
                _("District %(code)s: major district %(major)s is not defined.")
                % {"code": district.code, "major": district.parent_code}
            )
    for sub in sub_districts:
        if sub.parent_code not in district_codes:
            problems.append(
                _("Sub-district %(code)s: district %(district)s is not defined.")
                % {"code": sub.code, "district": sub.parent_code}
            )
    for row in population:
        if row.district_code not in district_codes:
            problems.append(
                _("Population: district %(code)s is not defined.") % {"code": row.district_code}
            )
    levels = [
        ("major", {m.code for m in majors}),
        ("district", district_codes),
        ("sub", {s.code for s in sub_districts}),
    ]
    for index, (_level, codes) in enumerate(levels):
        for _other, other_codes in levels[index + 1 :]:
            for code in sorted(codes & other_codes):
                problems.append(
                    _("Code %(code)s is used on two levels; codes must be unique in a city.")
                    % {"code": code}
                )
    if not districts:
        problems.append(_("A city needs at least one district."))
    if problems:
        raise ImportProblems(problems)


@transaction.atomic
def city_import(
    *,
    slug: str,
    names: dict[str, str],
    major_districts: list[MajorSpec],
    districts: list[AreaFeature],
    sub_districts: list[AreaFeature] | None = None,
    population: list[PopulationRow] | None = None,
    attribution: str = "",
) -> ImportSummary:
    """Create or update a city's whole territory; raise ImportProblems and write nothing when
    the parts do not fit together. Areas missing from the new files are removed, unless
    something (e.g. an officer assignment) still refers to them."""
    sub_districts = sub_districts or []
    population = population or []
    _cross_check(major_districts, districts, sub_districts, population)

    city, _created = City.objects.update_or_create(
        slug=slug, defaults={**_names(names), "attribution": attribution}
    )
    district_geometries: dict[str, list[BaseGeometry]] = {m.code: [] for m in major_districts}
    for district in districts:
        district_geometries[district.parent_code or ""].append(district.geometry)

    majors: dict[str, MajorDistrict] = {}
    for spec in major_districts:
        parts = district_geometries.get(spec.code) or []
        union = shapely.union_all(parts) if parts else None
        majors[spec.code], _created = MajorDistrict.objects.update_or_create(
            city=city,
            code=spec.code,
            defaults={"number": spec.number, **_names(spec.names), **_geometry_fields(union)},
        )
    saved_districts: dict[str, District] = {}
    for feature in districts:
        saved_districts[feature.code], _created = District.objects.update_or_create(
            city=city,
            code=feature.code,
            defaults={
                "major_district": majors[feature.parent_code or ""],
                **_names(feature.names),
                **_geometry_fields(feature.geometry),
            },
        )
    for feature in sub_districts:
        SubDistrict.objects.update_or_create(
            city=city,
            code=feature.code,
            defaults={
                "district": saved_districts[feature.parent_code or ""],
                **_names(feature.names),
                **_geometry_fields(feature.geometry),
            },
        )
    DistrictStatistics.objects.filter(district__city=city).delete()
    DistrictStatistics.objects.bulk_create(
        DistrictStatistics(
            district=saved_districts[row.district_code],
            year=row.year,
            population=row.population,
            **row.shares,
        )
        for row in population
    )
    _remove_stale(city, major_districts, districts, sub_districts)
    City.objects.filter(pk=city.pk).update(areas_revision=uuid.uuid4())
    city.refresh_from_db()
    return ImportSummary(
        city, len(major_districts), len(districts), len(sub_districts), len(population)
    )


def _remove_stale(
    city: City,
    majors: list[MajorSpec],
    districts: list[AreaFeature],
    sub_districts: list[AreaFeature],
) -> None:
    try:
        if sub_districts:
            SubDistrict.objects.filter(city=city).exclude(
                code__in=[s.code for s in sub_districts]
            ).delete()
        District.objects.filter(city=city).exclude(code__in=[d.code for d in districts]).delete()
        MajorDistrict.objects.filter(city=city).exclude(code__in=[m.code for m in majors]).delete()
    except ProtectedError as exc:
        names = ", ".join(sorted({str(obj) for obj in exc.protected_objects})[:5])
        raise ImportProblems(
            [
                _(
                    "Areas missing from the new files are still in use and cannot be removed: "
                    "%(names)s."
                )
                % {"names": names}
            ]
        ) from exc
