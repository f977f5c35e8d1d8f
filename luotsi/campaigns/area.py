"""A campaign's area resolved to the organisations in it.

Three kinds of area (Campaign.area_kind):

- street: organisations whose street address is on the street (its Finnish or Swedish name),
  optionally within a range of house numbers;
- buffer: organisations whose point lies within a distance of any address point of the
  street (the same optional range choosing the points);
- polygon: organisations whose point lies inside a GeoJSON polygon (WGS84).

Only active organisations of the campaign's types, among those the caller passes in
(services pass what the acting officer may see), are matched. Everything here is read-only;
`luotsi.campaigns.services.campaign_save` turns the result into targets.
"""

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from pyproj import Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from luotsi.areas.addresses import AddressPoint, address_index_for, street_key
from luotsi.areas.citydata import data_dir
from luotsi.areas.locate import NOWHERE, default_city, locate_many
from luotsi.campaigns.models import AreaKind, Campaign
from luotsi.network.models import Organisation, OrganisationKind

# A street renovation informs a block or two on either side; beyond this the "area along a
# street" is really a district-wide campaign and a polygon says so more honestly.
MAX_BUFFER_METRES = 2000
# Degrees of latitude per metre, for the coarse database pre-filter only (the exact test is
# done in metres after projecting).
_METRES_PER_DEGREE = 111_320.0
_POSTAL_CODE = re.compile(r"(?:fi-)?[0-9]{5}", re.IGNORECASE)
_CITY_WORDS = frozenset({"helsinki", "helsingfors", "hki"})
_LEADING_DIGITS = re.compile(r"[0-9]{1,5}")


@dataclass(frozen=True)
class AreaMatch:
    """The organisations in an area and the address points that define it (street and
    buffer areas; none for a polygon), from which the campaign's districts are worked out."""

    organisations: list[Organisation]
    points: list[AddressPoint]


def split_kinds(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def house_number(text: str) -> int | None:
    """The leading digits of a house number ("12 A" → 12, "12-14" → 12, "34a" → 34)."""
    found = _LEADING_DIGITS.match(text.strip())
    return int(found.group()) if found else None


def split_address(address: str) -> list[tuple[str, int | None]]:
    """Possible (street key, house number) readings of a street address such as
    "Bulevardi 5 B 12, 00120 Helsinki", the plainest reading first.

    Street names may themselves contain numbers, so every word starting with a digit is a
    possible start of the house number; the whole text is also a reading (no number).
    """
    for segment in address.split(","):
        words = [
            word
            for word in segment.split()
            if not _POSTAL_CODE.fullmatch(word) and word.casefold() not in _CITY_WORDS
        ]
        if words:
            break
    else:
        return []
    readings: list[tuple[str, int | None]] = []
    for index in range(1, len(words)):
        if words[index][0].isdigit():
            readings.append((street_key(" ".join(words[:index])), house_number(words[index])))
    readings.append((street_key(" ".join(words)), None))
    return [(street, number) for street, number in readings if street]


def address_on_street(address: str, names: set[str]) -> tuple[bool, int | None]:
    """Whether the address is on a street whose keys are `names`, and its house number."""
    for street, number in split_address(address):
        if street in names:
            return True, number
    return False, None


def address_street_and_number(address: str) -> tuple[str, int | None]:
    """The street part of an address as written (for grouping a walking list) and the
    number; ("", None) for an empty address."""
    for segment in address.split(","):
        words = segment.split()
        for index in range(1, len(words)):
            if words[index][0].isdigit():
                return " ".join(words[:index]), house_number(words[index])
        if words:
            return " ".join(words), None
    return "", None


def in_range(number: int | None, number_from: int | None, number_to: int | None) -> bool:
    if number_from is None and number_to is None:
        return True
    if number is None:
        return False
    return (number_from is None or number >= number_from) and (
        number_to is None or number <= number_to
    )


def street_points(street: str) -> list[AddressPoint]:
    """The address points of the street (Finnish or Swedish name) in the default city."""
    city = default_city()
    try:
        index = address_index_for(data_dir(city.slug))
    except FileNotFoundError as exc:
        raise ValidationError(
            {"street": _("Street search is not available for %(city)s.") % {"city": city.name}}
        ) from exc
    points = index.street_points(street.strip())
    if not points:
        raise ValidationError(
            {
                "street": _("There is no street called “%(street)s” in %(city)s.")
                % {"street": street.strip(), "city": city.name}
            }
        )
    return points


def street_namer() -> Callable[[str], str]:
    """A function giving a street's Finnish name for any of its names (so that "Bulevarden 5"
    and "Bulevardi 7" are walked as one street); unknown names come back as they are."""
    try:
        index = address_index_for(data_dir(default_city().slug))
    except FileNotFoundError:
        return lambda name: name
    known: dict[str, str] = {}

    def name_of(name: str) -> str:
        if name not in known:
            points = index.street_points(name) if name else []
            known[name] = points[0].street_fi if points else name
        return known[name]

    return name_of


def polygon_geometry(polygon: Any) -> BaseGeometry:
    """The shapely geometry of a GeoJSON Polygon or MultiPolygon; ValidationError otherwise."""
    if not isinstance(polygon, dict) or polygon.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(
            {"polygon": _("Give a GeoJSON geometry of type Polygon or MultiPolygon.")}
        )
    try:
        geometry = shape(polygon)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise ValidationError({"polygon": _("The polygon's coordinates are not valid.")}) from exc
    if geometry.is_empty or geometry.area == 0:
        raise ValidationError({"polygon": _("The polygon is empty.")})
    if not geometry.is_valid:
        raise ValidationError(
            {"polygon": _("The polygon is not valid: %(reason)s") % {"reason": _explain(geometry)}}
        )
    minx, miny, maxx, maxy = geometry.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ValidationError(
            {"polygon": _("The coordinates must be longitude and latitude (WGS84), in that order.")}
        )
    return geometry


def _explain(geometry: BaseGeometry) -> str:
    return str(shapely.is_valid_reason(geometry))


def area_errors(
    *,
    area_kind: str,
    street: str,
    number_from: int | None,
    number_to: int | None,
    buffer_metres: int | None,
    polygon: Any,
    target_kinds: str,
) -> dict[str, str]:
    """What is missing or wrong in the area fields (the form and the service share this)."""
    errors: dict[str, str] = {}
    if area_kind not in AreaKind.values:
        errors["area_kind"] = _("Choose how the area is given.")
        return errors
    if area_kind in (AreaKind.STREET, AreaKind.BUFFER) and not street.strip():
        errors["street"] = _("Give the street, in Finnish or Swedish.")
    if number_from is not None and number_to is not None and number_from > number_to:
        errors["number_to"] = _("The last house number must not be below the first.")
    if area_kind == AreaKind.BUFFER:
        if not buffer_metres:
            errors["buffer_metres"] = _("Give the distance from the street in metres.")
        elif buffer_metres > MAX_BUFFER_METRES:
            errors["buffer_metres"] = _(
                "The distance can be at most %(metres)s metres; draw an area for more."
            ) % {"metres": MAX_BUFFER_METRES}
    if area_kind == AreaKind.POLYGON and not polygon:
        errors["polygon"] = _("Give the area as a GeoJSON polygon.")
    kinds = split_kinds(target_kinds)
    if not kinds:
        errors["target_kinds"] = _("Choose at least one type of organisation.")
    elif any(kind not in OrganisationKind.values for kind in kinds):
        errors["target_kinds"] = _("Unknown type of organisation.")
    return errors


def clear_unused_fields(campaign: Campaign) -> None:
    """Blank the fields the chosen kind of area does not use, so that an old street does not
    linger behind a polygon (and the other way round)."""
    if campaign.area_kind == AreaKind.POLYGON:
        campaign.street = ""
        campaign.number_from = campaign.number_to = campaign.buffer_metres = None
    else:
        campaign.polygon = None
        if campaign.area_kind == AreaKind.STREET:
            campaign.buffer_metres = None


def organisations_in_area(
    campaign: Campaign, *, candidates: QuerySet[Organisation] | None = None
) -> AreaMatch:
    """The active organisations of the campaign's types in its area, among `candidates`
    (default: all). Raises ValidationError naming the field for an unknown street or an
    invalid polygon. An empty result is not an error here; the caller decides."""
    errors = area_errors(
        area_kind=campaign.area_kind,
        street=campaign.street,
        number_from=campaign.number_from,
        number_to=campaign.number_to,
        buffer_metres=campaign.buffer_metres,
        polygon=campaign.polygon,
        target_kinds=campaign.target_kinds,
    )
    if errors:
        raise ValidationError(errors)
    pool = (candidates if candidates is not None else Organisation.objects.all()).filter(
        is_active=True, kind__in=split_kinds(campaign.target_kinds)
    )
    if campaign.area_kind == AreaKind.POLYGON:
        return AreaMatch(_in_polygon(pool, polygon_geometry(campaign.polygon)), [])
    whole_street = street_points(campaign.street)
    points = [
        point
        for point in whole_street
        if in_range(house_number(point.house_number), campaign.number_from, campaign.number_to)
    ]
    if campaign.area_kind == AreaKind.STREET:
        return AreaMatch(_on_street(pool, whole_street, campaign), points)
    if not points:
        return AreaMatch([], [])
    return AreaMatch(_near_points(pool, points, float(campaign.buffer_metres or 0)), points)


def _on_street(
    pool: QuerySet[Organisation], all_points: list[AddressPoint], campaign: Campaign
) -> list[Organisation]:
    # The street's names as the index knows them (every spelling in the data), so an
    # organisation recorded under the Swedish name is on the same street.
    names = {street_key(p.street_fi) for p in all_points} | {
        street_key(p.street_sv) for p in all_points if p.street_sv
    }
    matched = []
    for organisation in pool.exclude(street_address=""):
        on_street, number = address_on_street(organisation.street_address, names)
        if on_street and in_range(number, campaign.number_from, campaign.number_to):
            matched.append(organisation)
    return matched


@lru_cache(maxsize=1)
def _to_metres() -> Transformer:
    # ETRS-TM35FIN, the Finnish national grid: metres, and exact enough anywhere in Finland.
    return Transformer.from_crs("EPSG:4326", "EPSG:3067", always_xy=True)


def _projected(lons: Iterable[float], lats: Iterable[float]) -> Any:
    x, y = _to_metres().transform(np.fromiter(lons, float), np.fromiter(lats, float))
    return shapely.points(np.asarray(x), np.asarray(y))


def _near_points(
    pool: QuerySet[Organisation], points: list[AddressPoint], metres: float
) -> list[Organisation]:
    # A generous bounding box in degrees keeps the database from sending the whole city;
    # the exact distance is measured in metres on the national grid below.
    margin_lat = metres / _METRES_PER_DEGREE * 1.5
    middle = sum(p.lat for p in points) / len(points)
    margin_lon = margin_lat / max(math.cos(math.radians(middle)), 0.1)
    nearby = list(
        pool.filter(
            latitude__gte=min(p.lat for p in points) - margin_lat,
            latitude__lte=max(p.lat for p in points) + margin_lat,
            longitude__gte=min(p.lon for p in points) - margin_lon,
            longitude__lte=max(p.lon for p in points) + margin_lon,
        )
    )
    if not nearby:
        return []
    street = shapely.STRtree(_projected((p.lon for p in points), (p.lat for p in points)))
    places = _projected((o.longitude or 0.0 for o in nearby), (o.latitude or 0.0 for o in nearby))
    hits, _tree = street.query(places, predicate="dwithin", distance=metres)
    inside = {int(i) for i in np.unique(hits)}
    return [organisation for i, organisation in enumerate(nearby) if i in inside]


def _in_polygon(pool: QuerySet[Organisation], geometry: BaseGeometry) -> list[Organisation]:
    minx, miny, maxx, maxy = geometry.bounds
    nearby = list(
        pool.filter(
            longitude__gte=minx, longitude__lte=maxx, latitude__gte=miny, latitude__lte=maxy
        )
    )
    if not nearby:
        return []
    shapely.prepare(geometry)
    inside = shapely.contains_xy(
        geometry,
        np.array([o.longitude for o in nearby], dtype=float),
        np.array([o.latitude for o in nearby], dtype=float),
    )
    return [organisation for organisation, hit in zip(nearby, inside, strict=True) if hit]


def districts_of(match: AreaMatch) -> set[int]:
    """Primary keys of the districts the area touches: those of the organisations found and
    of the address points that define it."""
    found = {o.district_id for o in match.organisations if o.district_id is not None}
    if match.points:
        located = locate_many([p.lat for p in match.points], [p.lon for p in match.points])
        found |= {int(pk) for pk in np.unique(located.district) if pk != NOWHERE}
    return found
