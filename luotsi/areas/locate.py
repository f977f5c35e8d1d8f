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
OUTSIDE = -1  # grid label: the cell touches no district
MIXED = -2  # grid label: the cell straddles a border, test its points exactly
# Below this many points the exact tree query alone is as quick as building the grid.
GRID_MIN_POINTS = 20_000
GRID_CELLS = 400_000
_GEOMETRY = ("geometry", "geometry_simplified")
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
        self._cell_grid: CellGrid | None = None

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
        size = len(lon)
        sub_hit = np.full(size, NOWHERE, dtype=np.int64)
        undecided = np.arange(size)
        if size >= GRID_MIN_POINTS and len(self._district_pk):
            labels = self._grid().labels(lon, lat)
            sub_hit[labels >= 0] = labels[labels >= 0]
            undecided = np.flatnonzero(labels == MIXED)
        # Exact point-in-polygon tests only where the grid cannot decide.
        points = cast(npt.NDArray[np.object_], shapely.points(lon[undecided], lat[undecided]))
        sub_hit[undecided] = self._first_hit(self._sub_tree, points, undecided.size)

        in_sub = sub_hit >= 0
        sub_pk = np.full(size, NOWHERE, dtype=np.int64)
        district_pk = np.full(size, NOWHERE, dtype=np.int64)
        sub_pk[in_sub] = self._sub_pk[sub_hit[in_sub]]
        district_pk[in_sub] = self._sub_district[sub_hit[in_sub]]
        # Slivers between simplified sub-district boundaries: the district polygons decide.
        sliver = np.flatnonzero(sub_hit[undecided] == NOWHERE)
        if sliver.size:
            district_hit = self._first_hit(self._district_tree, points[sliver], sliver.size)
            found = district_hit >= 0
            district_pk[undecided[sliver[found]]] = self._district_pk[district_hit[found]]
        major_pk = np.full(size, NOWHERE, dtype=np.int64)
        located = district_pk != NOWHERE
        if located.any():
            # District pks → their major district, through a sorted lookup table.
            order = np.argsort(self._district_pk)
            positions = np.searchsorted(self._district_pk[order], district_pk[located])
            major_pk[located] = self._district_major[order][positions]
        return BulkLocation(sub_pk, district_pk, major_pk)

    def _grid(self) -> "CellGrid":
        if self._cell_grid is None:
            self._cell_grid = CellGrid(self._sub_tree, self._district_tree)
        return self._cell_grid


class CellGrid:
    """A raster over the city that answers most points with one array lookup.

    Each cell lying wholly inside one sub-district is labelled with it, each cell touching
    no district is OUTSIDE, and only points in the remaining border cells (MIXED) need exact
    polygon tests. Built on the first large bulk request, then reused for the life of the
    index. A point exactly on a shared border may be given to either neighbour, as with the
    exact test.
    """

    def __init__(self, sub_tree: shapely.STRtree, district_tree: shapely.STRtree) -> None:
        minx, miny, maxx, maxy = shapely.total_bounds(district_tree.geometries)
        self.cell = float(np.sqrt((maxx - minx) * (maxy - miny) / GRID_CELLS))
        self.minx, self.miny = float(minx), float(miny)
        self.nx = int(np.ceil((maxx - minx) / self.cell)) or 1
        self.ny = int(np.ceil((maxy - miny) / self.cell)) or 1
        ix, iy = np.meshgrid(np.arange(self.nx), np.arange(self.ny))
        x0 = self.minx + ix.ravel() * self.cell
        y0 = self.miny + iy.ravel() * self.cell
        boxes = shapely.box(x0, y0, x0 + self.cell, y0 + self.cell)
        self.table = np.full(self.nx * self.ny, OUTSIDE, dtype=np.int64)
        touched, _hit = district_tree.query(boxes, predicate="intersects")
        self.table[np.unique(touched)] = MIXED
        inside, sub_index = sub_tree.query(boxes, predicate="within")
        self.table[inside] = sub_index

    def labels(self, lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64]) -> IntArray:
        ix = np.floor((lon - self.minx) / self.cell).astype(np.int64)
        iy = np.floor((lat - self.miny) / self.cell).astype(np.int64)
        on_grid = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        labels = np.full(lon.shape, OUTSIDE, dtype=np.int64)
        labels[on_grid] = self.table[iy[on_grid] * self.nx + ix[on_grid]]
        return labels


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
    district = (
        District.objects.select_related("major_district")
        .defer(*_GEOMETRY, *(f"major_district__{field}" for field in _GEOMETRY))
        .get(pk=district_pk)
    )
    sub_pk = int(found.sub_district[0])
    sub = SubDistrict.objects.defer(*_GEOMETRY).get(pk=sub_pk) if sub_pk != NOWHERE else None
    return Location(city, district.major_district, district, sub)


def locate_many(
    lats: npt.ArrayLike, lons: npt.ArrayLike, *, city: City | None = None
) -> BulkLocation:
    """Vectorised `locate` for arrays of points: primary keys per point (NOWHERE outside)."""
    return index_for(city or default_city()).locate_many(lons, lats)
