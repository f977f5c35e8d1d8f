"""Read a city's territory files into validated values, reporting every problem precisely.

Nothing here writes to the database: `services.city_import` does that in one transaction,
so a file with any error leaves the database as it was.
"""

import csv
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from django.utils.translation import gettext as _
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity
from tqdm import tqdm

WGS84 = CRS.from_epsg(4326)
MAX_REPORTED = 25


class ImportProblems(ValueError):
    """One or more problems in the input; `problems` lists each one, naming where it is."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        text = "\n".join(shown)
        if more:
            text += "\n" + _("… and %(count)d more problem(s)") % {"count": more}
        super().__init__(text)


@dataclass(frozen=True)
class AreaFeature:
    code: str
    names: dict[str, str]
    parent_code: str | None
    geometry: BaseGeometry = field(compare=False)


@dataclass(frozen=True)
class MajorSpec:
    code: str
    number: int
    names: dict[str, str]


@dataclass(frozen=True)
class PopulationRow:
    district_code: str
    year: int
    population: int
    shares: dict[str, float | None]


SHARE_COLUMNS = (
    "share_finnish_sami",
    "share_swedish",
    "share_foreign",
    "share_age_0_14",
    "share_age_15_64",
    "share_age_65_plus",
)


def parse_crs(text: str) -> CRS:
    try:
        return CRS.from_user_input(text)
    except CRSError as exc:
        raise ImportProblems(
            [_("Unknown coordinate reference system %(crs)s.") % {"crs": repr(text)}]
        ) from exc


def _collection_crs(collection: dict[str, Any]) -> CRS | None:
    name = (collection.get("crs") or {}).get("properties", {}).get("name")
    return parse_crs(name) if name else None


def _progress(items: list[Any], label: str, enabled: bool) -> Iterable[Any]:
    # tqdm switches itself off when stderr is not a terminal (disable=None), e.g. in CI logs.
    return tqdm(items, desc=label, unit=" features", disable=None if enabled else True)


def read_area_features(
    path: Path,
    *,
    code_field: str,
    name_field: str,
    name_sv_field: str | None = None,
    name_en_field: str | None = None,
    parent_field: str | None = None,
    source_crs: str | None = None,
    progress: bool = False,
) -> list[AreaFeature]:
    """Read polygons from a GeoJSON FeatureCollection, transformed to WGS84 (lon, lat)."""
    label = path.name
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ImportProblems(
            [
                _("%(file)s: cannot be read (%(error)s).")
                % {"file": label, "error": exc.strerror or exc}
            ]
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportProblems(
            [_("%(file)s: not valid JSON (%(error)s).") % {"file": label, "error": exc}]
        ) from exc
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ImportProblems([_("%(file)s: not a GeoJSON FeatureCollection.") % {"file": label}])
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ImportProblems(
            [_("%(file)s: the FeatureCollection has no features.") % {"file": label}]
        )

    crs = parse_crs(source_crs) if source_crs else _collection_crs(collection) or WGS84
    transformer = None if crs.equals(WGS84) else Transformer.from_crs(crs, WGS84, always_xy=True)
    problems: list[str] = []
    seen: dict[str, int] = {}
    result: list[AreaFeature] = []
    for number, feature in enumerate(_progress(features, label, progress), start=1):
        where = _("%(file)s feature %(number)d") % {"file": label, "number": number}
        parsed = _read_feature(
            feature,
            where,
            problems,
            code_field=code_field,
            name_field=name_field,
            name_sv_field=name_sv_field,
            name_en_field=name_en_field,
            parent_field=parent_field,
            transformer=transformer,
        )
        if parsed is None:
            continue
        if parsed.code in seen:
            problems.append(
                _("%(where)s: code %(code)s is already used by feature %(other)d.")
                % {"where": where, "code": parsed.code, "other": seen[parsed.code]}
            )
            continue
        seen[parsed.code] = number
        result.append(parsed)
    if problems:
        raise ImportProblems(problems)
    return result


def _read_feature(
    feature: Any,
    where: str,
    problems: list[str],
    *,
    code_field: str,
    name_field: str,
    name_sv_field: str | None,
    name_en_field: str | None,
    parent_field: str | None,
    transformer: Transformer | None,
) -> AreaFeature | None:
    if not isinstance(feature, dict):
        problems.append(_("%(where)s: not a GeoJSON feature.") % {"where": where})
        return None
    properties = feature.get("properties") or {}
    missing = [
        name
        for name in (code_field, name_field, parent_field)
        if name and (properties.get(name) is None or str(properties.get(name)).strip() == "")
    ]
    if missing:
        problems.append(
            _("%(where)s: missing field(s) %(fields)s.")
            % {"where": where, "fields": ", ".join(missing)}
        )
        return None
    geometry = _read_geometry(feature.get("geometry"), where, problems, transformer)
    if geometry is None:
        return None
    names = {"fi": str(properties[name_field]).strip()}
    for language, field_name in (("sv", name_sv_field), ("en", name_en_field)):
        if field_name and str(properties.get(field_name) or "").strip():
            names[language] = str(properties[field_name]).strip()
    return AreaFeature(
        code=str(properties[code_field]).strip(),
        names=names,
        parent_code=str(properties[parent_field]).strip() if parent_field else None,
        geometry=geometry,
    )


def _read_geometry(
    raw: Any, where: str, problems: list[str], transformer: Transformer | None
) -> BaseGeometry | None:
    if not isinstance(raw, dict) or raw.get("type") not in ("Polygon", "MultiPolygon"):
        problems.append(
            _("%(where)s: the geometry must be a Polygon or MultiPolygon.") % {"where": where}
        )
        return None
    try:
        geometry = shape(raw)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException):
        problems.append(_("%(where)s: the coordinates are malformed.") % {"where": where})
        return None
    reason = "" if geometry.is_valid else explain_validity(geometry)
    if geometry.is_empty or (geometry.area == 0 and "Self-intersection" not in reason):
        problems.append(_("%(where)s: the polygon is empty.") % {"where": where})
        return None
    if transformer is not None:
        geometry = shapely.transform(geometry, lambda xy: _transform_xy(transformer, xy))
    minx, miny, maxx, maxy = geometry.bounds
    if not all(math.isfinite(v) for v in geometry.bounds) or not (
        -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    ):
        problems.append(
            _(
                "%(where)s: the coordinates are not longitude/latitude; give the file's "
                "coordinate system with --source-crs (e.g. EPSG:3067)."
            )
            % {"where": where}
        )
        return None
    if reason:
        problems.append(
            _("%(where)s: invalid polygon (%(reason)s).") % {"where": where, "reason": reason}
        )
        return None
    return geometry


def _transform_xy(transformer: Transformer, xy: Any) -> Any:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _csv_rows(path: Path, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ImportProblems(
            [
                _("%(file)s: cannot be read (%(error)s).")
                % {"file": path.name, "error": exc.strerror or exc}
            ]
        ) from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = sorted(set(required) - set(reader.fieldnames or []))
        if missing:
            raise ImportProblems(
                [
                    _("%(file)s: missing column(s) %(columns)s")
                    % {"file": path.name, "columns": ", ".join(missing)}
                ]
            )
        for line, row in enumerate(reader, start=2):
            yield line, {key: (value or "").strip() for key, value in row.items() if key}


def read_major_districts_csv(path: Path) -> list[MajorSpec]:
    """`number,name_fi[,name_sv,name_en]`: the major districts, their code being the number."""
    problems: list[str] = []
    specs: list[MajorSpec] = []
    for line, row in _csv_rows(path, ("number", "name_fi")):
        where = _("%(file)s line %(line)d") % {"file": path.name, "line": line}
        if not row["number"].isdigit():
            problems.append(_("%(where)s: column number is not a whole number") % {"where": where})
            continue
        if not row["name_fi"]:
            problems.append(_("%(where)s: column name_fi is empty") % {"where": where})
            continue
        names = {lang: row.get(f"name_{lang}", "") for lang in ("fi", "sv", "en")}
        specs.append(
            MajorSpec(
                code=row["number"],
                number=int(row["number"]),
                names={k: v for k, v in names.items() if v},
            )
        )
    if problems:
        raise ImportProblems(problems)
    return specs


def read_major_map_csv(path: Path) -> tuple[list[MajorSpec], dict[str, str]]:
    """`district,major[,major_name_fi,major_name_sv,major_name_en]` → major districts and the
    major-district code of each district code."""
    majors: dict[str, MajorSpec] = {}
    of_district: dict[str, str] = {}
    problems: list[str] = []
    for line, row in _csv_rows(path, ("district", "major")):
        where = _("%(file)s line %(line)d") % {"file": path.name, "line": line}
        if not row["district"] or not row["major"]:
            problems.append(
                _("%(where)s: district and major must both be given") % {"where": where}
            )
            continue
        of_district[row["district"]] = row["major"]
        if row["major"] not in majors:
            names = {lang: row.get(f"major_name_{lang}", "") for lang in ("fi", "sv", "en")}
            names = {k: v for k, v in names.items() if v} or {"fi": row["major"]}
            majors[row["major"]] = MajorSpec(row["major"], len(majors) + 1, names)
    if problems:
        raise ImportProblems(problems)
    return list(majors.values()), of_district


def read_population_csv(path: Path) -> list[PopulationRow]:
    """`district,year,population[,share_…]`; shares are fractions between 0 and 1."""
    rows: list[PopulationRow] = []
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    for line, row in _csv_rows(path, ("district", "year", "population")):
        where = _("%(file)s line %(line)d") % {"file": path.name, "line": line}
        try:
            year, population = int(row["year"]), int(row["population"])
            if population < 0:
                raise ValueError
        except ValueError:
            problems.append(
                _("%(where)s: year and population must be whole numbers") % {"where": where}
            )
            continue
        shares: dict[str, float | None] = {}
        for column in SHARE_COLUMNS:
            raw = row.get(column, "")
            try:
                value = float(raw) if raw else None
            except ValueError:
                value = -1.0
            if value is not None and not 0 <= value <= 1:
                problems.append(
                    _("%(where)s: %(column)s must be a fraction between 0 and 1")
                    % {"where": where, "column": column}
                )
            shares[column] = value
        key = (row["district"], year)
        if key in seen:
            problems.append(
                _("%(where)s: district %(code)s already has a row for %(year)d")
                % {"where": where, "code": row["district"], "year": year}
            )
        seen.add(key)
        rows.append(PopulationRow(row["district"], year, population, shares))
    if problems:
        raise ImportProblems(problems)
    return rows
