"""Point-in-polygon location of coordinates, for one point or millions.

Each process keeps one spatial index (shapely 2 STRtree) per city, built on first use and
rebuilt when the city's `areas_revision` changes (every territory import sets a new one), so all
processes notice an import without any messaging between them.

A point is placed in the sub-district that contains it; where simplified sub-district
boundaries leave slivers, the district polygons decide; outside every district the point is
outside the city.
"""

import threading
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt
import shapely
from django.conf import settings
from django.utils.translation import gettext as _
from shapely.geometry import shape

from luotsi.areas.models import City, District, MajorDistrict, SubDistrict

NOWHERE = -1
IntArray = npt.NDArray[np.int64]


class OutsideCity(LookupError):
    """The point is not inside any district of the city."""

    def __init__(self, city: City) -> None:
        self.city = city
        super().__init__(_("The location is outside %(city)s.") % {"city": city.name})


@dataclass(frozen=True)
class Location:
    city: City
    major_district: MajorDistrict
    district: District
    sub_district: SubDistrict | None


@dataclass(frozen=True)
class BulkLocation:
    """Primary keys per input point; NOWHERE (-1) where a level was not found."""

    sub_district: IntArray
    district: IntArray
    major_district: IntArray


class LocateIndex:
    def __init__(self, city: City) -> None:
        self.revision = city.areas_revision
        subs = list(
            SubDistrict.objects.filter(city=city).values_list("pk", "district_id", "geometry")
        )
        districts = list(
            District.objects.filter(city=city).values_list("pk", "major_district_id", "geometry")
        )
        self._sub_tree = shapely.STRtree([shape(g) for _pk, _d, g in subs if g])
        self._sub_pk = np.array([pk for pk, _d, g in subs if g], dtype=np.int64)
        self._sub_district = np.array([d for _pk, d, g in subs if g], dtype=np.int64)
        self._district_tree = shapely.STRtree([shape(g) for _pk, _m, g in districts if g])
        self._district_pk = np.array([pk for pk, _m, g in districts if g], dtype=np.int64)
        self._district_major = np.array([m for _pk, m, g in districts if g], dtype=np.int64)

    @staticmethod
    def _first_hit(tree: shapely.STRtree, points: npt.NDArray[np.object_], size: int) -> IntArray:
        """Index of the first tree geometry covering each point, NOWHERE when none does."""
        hits = np.full(size, NOWHERE, dtype=np.int64)
        if len(tree.geometries) == 0 or size == 0:
            return hits
        point_index, tree_index = tree.query(points, predicate="intersects")
        # A point on a shared border touches two polygons: keep one, deterministically.
        order = np.lexsort((tree_index, point_index))
        point_index, tree_index = point_index[order], tree_index[order]
        first = np.unique(point_index, return_index=True)[1]
        hits[point_index[first]] = tree_index[first]
        return hits

    def locate_many(self, lons: npt.ArrayLike, lats: npt.ArrayLike) -> BulkLocation:
        lon = np.atleast_1d(np.asarray(lons, dtype=np.float64))
        lat = np.atleast_1d(np.asarray(lats, dtype=np.float64))
        # Always an array here: lon and lat are 1-d arrays (stubs also allow a single Point).
        points = cast(npt.NDArray[np.object_], shapely.points(lon, lat))
        size = len(lon)
        sub_hit = self._first_hit(self._sub_tree, points, size)
        in_sub = sub_hit >= 0
        sub_pk = np.full(size, NOWHERE, dtype=np.int64)
        district_pk = np.full(size, NOWHERE, dtype=np.int64)
        sub_pk[in_sub] = self._sub_pk[sub_hit[in_sub]]
        district_pk[in_sub] = self._sub_district[sub_hit[in_sub]]
        missing = np.flatnonzero(district_pk == NOWHERE)
        if missing.size:
            district_hit = self._first_hit(self._district_tree, points[missing], missing.size)
            found = district_hit >= 0
            district_pk[missing[found]] = self._district_pk[district_hit[found]]
        major_pk = np.full(size, NOWHERE, dtype=np.int64)
        located = district_pk != NOWHERE
        if located.any():
            # District pks → their major district, through a sorted lookup table.
            keys = self._district_pk
            order = np.argsort(keys)
            positions = np.searchsorted(keys[order], district_pk[located])
            major_pk[located] = self._district_major[order][positions]
        return BulkLocation(sub_pk, district_pk, major_pk)


_indexes: dict[str, LocateIndex] = {}
_lock = threading.Lock()


def default_city() -> City:
    return City.objects.get(slug=settings.LUOTSI_CITY)


def index_for(city: City) -> LocateIndex:
    """The process's index for `city`, rebuilt if the territory changed since it was built."""
    revision = City.objects.filter(pk=city.pk).values_list("areas_revision", flat=True).get()
    index = _indexes.get(city.slug)
    if index is None or index.revision != revision:
        with _lock:
            index = _indexes.get(city.slug)
            if index is None or index.revision != revision:
                city.areas_revision = revision
                index = LocateIndex(city)
                _indexes[city.slug] = index
    return index


def locate(lat: float, lon: float, *, city: City | None = None) -> Location:
    """The areas containing (lat, lon) in WGS84; raises OutsideCity when there are none."""
    city = city or default_city()
    found = index_for(city).locate_many([lon], [lat])
    district_pk = int(found.district[0])
    if district_pk == NOWHERE:
        raise OutsideCity(city)
    district = District.objects.select_related("major_district").get(pk=district_pk)
    sub_pk = int(found.sub_district[0])
    sub = SubDistrict.objects.get(pk=sub_pk) if sub_pk != NOWHERE else None
    return Location(city, district.major_district, district, sub)


def locate_many(
    lats: npt.ArrayLike, lons: npt.ArrayLike, *, city: City | None = None
) -> BulkLocation:
    """Vectorised `locate` for arrays of points: primary keys per point (NOWHERE outside)."""
    return index_for(city or default_city()).locate_many(lons, lats)
