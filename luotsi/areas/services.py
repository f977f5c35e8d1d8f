"""Writes for the territory. Reference data is loaded idempotently: running a load twice
leaves the same rows, so `make run` can load on every start."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from luotsi.areas.models import City, MajorDistrict

MAJOR_DISTRICT_COLUMNS = ("number", "name_fi", "name_sv", "name_en")


class TerritoryDataError(ValueError):
    """A reference data file is malformed; the message names the file, row and column."""


@dataclass(frozen=True)
class MajorDistrictRow:
    number: int
    name_fi: str
    name_sv: str
    name_en: str


def read_major_districts_csv(path: Path) -> list[MajorDistrictRow]:
    """Parse `major_districts.csv` (number,name_fi,name_sv,name_en), rejecting bad rows."""
    rows: list[MajorDistrictRow] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(MAJOR_DISTRICT_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise TerritoryDataError(
                _("%(file)s: missing column(s) %(columns)s")
                % {"file": path.name, "columns": ", ".join(sorted(missing))}
            )
        for line, record in enumerate(reader, start=2):
            try:
                number = int(record["number"])
            except ValueError as exc:
                raise TerritoryDataError(
                    _("%(file)s line %(line)d: column number is not a whole number")
                    % {"file": path.name, "line": line}
                ) from exc
            if not record["name_fi"].strip():
                raise TerritoryDataError(
                    _("%(file)s line %(line)d: column name_fi is empty")
                    % {"file": path.name, "line": line}
                )
            rows.append(
                MajorDistrictRow(
                    number=number,
                    name_fi=record["name_fi"].strip(),
                    name_sv=record["name_sv"].strip(),
                    name_en=record["name_en"].strip(),
                )
            )
    return rows


@transaction.atomic
def city_load(*, slug: str, names: dict[str, str], major_districts: list[MajorDistrictRow]) -> City:
    """Create or update a city and its major districts in one transaction."""
    city, _created = City.objects.update_or_create(
        slug=slug,
        defaults={f"name_{lang}": names.get(lang) or None for lang in ("fi", "sv", "en")},
    )
    for row in major_districts:
        MajorDistrict.objects.update_or_create(
            city=city,
            number=row.number,
            defaults={
                "name_fi": row.name_fi,
                "name_sv": row.name_sv or None,
                "name_en": row.name_en or None,
            },
        )
    return city
