"""Load a city's venue list (data/<slug>/city.json → "venues") into Venue rows.

Reloading updates names, addresses and points from the file but keeps what officers have
added (accessibility facts, notes, whether the venue is in use).
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from luotsi.areas.citydata import read_city_config
from luotsi.areas.importing import ImportProblems
from luotsi.areas.located import place_many
from luotsi.areas.models import City
from luotsi.events.models import Venue

REQUIRED_COLUMNS = ("id", "name_fi", "lat", "lon")


@dataclass(frozen=True)
class VenueSummary:
    created: int
    updated: int
    outside_city: int


def _url(value: str) -> str:
    try:
        URLValidator()(value)
    except ValidationError:
        return ""
    return value if len(value) <= 200 else ""


def read_venues(path: Path, source: str) -> list[Venue]:
    """Parse the CSV (id, name_fi, [name_sv], [name_en], lat, lon, [street_address],
    [postal_code], [info_url]); every bad row is reported, naming its line."""
    problems: list[str] = []
    venues: list[Venue] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ImportProblems(
                    [
                        _("%(file)s: missing columns %(columns)s")
                        % {"file": path, "columns": ", ".join(missing)}
                    ]
                )
            for line, row in enumerate(reader, start=2):
                try:
                    lat, lon = float(row["lat"]), float(row["lon"])
                except (TypeError, ValueError):
                    problems.append(
                        _("%(file)s line %(line)d: the coordinates are not numbers")
                        % {"file": path, "line": line}
                    )
                    continue
                if not row["id"].strip() or not row["name_fi"].strip():
                    problems.append(
                        _("%(file)s line %(line)d: the id and the Finnish name are required")
                        % {"file": path, "line": line}
                    )
                    continue
                venue = Venue(
                    source=source,
                    source_id=row["id"].strip()[:40],
                    street_address=(row.get("street_address") or "").strip()[:200],
                    postal_code=(row.get("postal_code") or "").strip()[:10],
                    info_url=_url((row.get("info_url") or "").strip()),
                    latitude=lat,
                    longitude=lon,
                )
                venue.name_fi = row["name_fi"].strip()[:200]
                venue.name_sv = (row.get("name_sv") or "").strip()[:200] or None
                english = (row.get("name_en") or "").strip()[:200]
                venue.name_en = english if english and english != venue.name_fi else None
                venue.name = venue.name_fi
                venues.append(venue)
    except OSError as exc:
        raise ImportProblems([_("%(file)s: %(error)s") % {"file": path, "error": exc}]) from exc
    if problems:
        raise ImportProblems(problems)
    return venues


@transaction.atomic
def load_venues(city: City, path: Path, source: str) -> VenueSummary:
    venues = read_venues(path, source)
    place_many(venues, city=city)
    existing = {v.source_id: v for v in Venue.objects.filter(source=source)}
    fields = [
        "name",
        "name_fi",
        "name_sv",
        "name_en",
        "street_address",
        "postal_code",
        "info_url",
        "latitude",
        "longitude",
        "district",
        "sub_district",
    ]
    new, changed = [], []
    for venue in venues:
        old = existing.get(venue.source_id)
        if old is None:
            new.append(venue)
            continue
        for field in fields:
            setattr(old, field, getattr(venue, field))
        changed.append(old)
    Venue.objects.bulk_create(new)
    Venue.objects.bulk_update(changed, fields, batch_size=500)
    return VenueSummary(
        created=len(new),
        updated=len(changed),
        outside_city=sum(1 for v in venues if v.district_id is None),
    )


def load_city_venues(slug: str) -> VenueSummary | None:
    """Load the venues city.json names, if it names any."""
    folder, config = read_city_config(slug)
    venues_config = config.get("venues")
    if not venues_config:
        return None
    city = City.objects.get(slug=slug)
    return load_venues(city, folder / venues_config["file"], venues_config.get("source", slug))
