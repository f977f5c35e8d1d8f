"""Find the areas and officer for a point or a street address (pages and API share this)."""

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.accounts.selectors import officers_serving
from luotsi.areas.addresses import AddressPoint, address_index_for
from luotsi.areas.citydata import data_dir
from luotsi.areas.locate import Location, OutsideCity, default_city, locate
from luotsi.areas.models import City


class NotFound(LookupError):
    """Nothing could be found; the message says why, `candidates` offers alternatives."""

    def __init__(self, message: str, candidates: list[AddressPoint] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


@dataclass(frozen=True)
class Finding:
    location: Location
    officers: list[User]
    address: AddressPoint | None = None
    corrected: bool = False
    lat: float = 0.0
    lon: float = 0.0


def _addresses_path(city: City) -> Path:
    return data_dir(city.slug)


def find_by_point(lat: float, lon: float, *, city: City | None = None) -> Finding:
    city = city or default_city()
    try:
        location = locate(lat, lon, city=city)
    except OutsideCity as exc:
        raise NotFound(str(exc)) from exc
    return Finding(location, officers_serving(location.major_district), lat=lat, lon=lon)


def find_by_address(query: str, *, city: City | None = None) -> Finding:
    city = city or default_city()
    try:
        index = address_index_for(_addresses_path(city))
    except FileNotFoundError as exc:
        raise NotFound(
            _("Address search is not available for %(city)s.") % {"city": city.name}
        ) from exc
    result = index.lookup(query)
    if result.match is None:
        if result.candidates:
            raise NotFound(
                _("“%(query)s” matches several addresses. Choose one.") % {"query": query},
                result.candidates,
            )
        raise NotFound(
            _("No address “%(query)s” was found in %(city)s.") % {"query": query, "city": city.name}
        )
    finding = find_by_point(result.match.lat, result.match.lon, city=city)
    return Finding(
        finding.location,
        finding.officers,
        address=result.match,
        corrected=result.corrected,
        lat=result.match.lat,
        lon=result.match.lon,
    )


def street_suggestions(prefix: str, *, city: City | None = None, limit: int = 8) -> list[str]:
    city = city or default_city()
    try:
        return address_index_for(_addresses_path(city)).suggest(prefix, limit=limit)
    except FileNotFoundError:
        return []
