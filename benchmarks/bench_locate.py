"""Bulk locate: one million random points in Helsinki's bounding box versus a naive loop.

The bulk figure is the steady state, after the one-off index and cell-grid builds (reported
on their own line). The naive baseline tests each point against each sub-district polygon in
a Python loop (what one writes without a spatial index) and falls back to the districts, like
`locate` does. It is timed on a sample and reported per point.
"""

import time
from typing import Any

import numpy as np
from shapely.geometry import Point, shape

from luotsi.areas.locate import GRID_MIN_POINTS, index_for
from luotsi.areas.models import City, District, SubDistrict
from luotsi.testing.territory import ensure_helsinki

POINTS = 1_000_000
NAIVE_SAMPLE = 2_000


def _naive(lons: np.ndarray, lats: np.ndarray, subs: list, districts: list) -> list[int]:
    found = []
    for lon, lat in zip(lons, lats, strict=True):
        point = Point(lon, lat)
        hit = next((pk for pk, polygon in subs if polygon.intersects(point)), None)
        if hit is None:
            hit = next((pk for pk, polygon in districts if polygon.intersects(point)), -1)
        found.append(hit)
    return found


def _shape(geometry: Any) -> Any:
    return shape(geometry)


def run() -> list[str]:
    ensure_helsinki()
    city = City.objects.get(slug="helsinki")
    started = time.perf_counter()
    index = index_for(city)
    build = time.perf_counter() - started

    rng = np.random.default_rng(2026)
    minx, miny, maxx, maxy = 24.78, 60.10, 25.26, 60.32  # Helsinki's bounding box
    lons = rng.uniform(minx, maxx, POINTS)
    lats = rng.uniform(miny, maxy, POINTS)

    started = time.perf_counter()
    index.locate_many(lons[:GRID_MIN_POINTS], lats[:GRID_MIN_POINTS])  # builds the cell grid
    grid_build = time.perf_counter() - started

    started = time.perf_counter()
    found = index.locate_many(lons, lats)
    bulk = time.perf_counter() - started
    inside = int((found.district >= 0).sum())

    subs = [
        (pk, _shape(g))
        for pk, g in SubDistrict.objects.filter(city=city).values_list("pk", "geometry")
    ]
    districts = [
        (pk, _shape(g))
        for pk, g in District.objects.filter(city=city).values_list("pk", "geometry")
    ]
    started = time.perf_counter()
    naive_hits = _naive(lons[:NAIVE_SAMPLE], lats[:NAIVE_SAMPLE], subs, districts)
    naive = (time.perf_counter() - started) / NAIVE_SAMPLE
    # The two methods must agree on the sample's districts before their speeds are compared.
    sub_to_district = dict(SubDistrict.objects.filter(city=city).values_list("pk", "district_id"))
    naive_districts = [sub_to_district.get(h, h) for h in naive_hits]
    disagreements = int((np.array(naive_districts) != found.district[:NAIVE_SAMPLE]).sum())

    bulk_per_point = bulk / POINTS
    return [
        f"index build: {build * 1000:.0f} ms, cell grid: {grid_build:.2f} s "
        "(once per process and territory revision)",
        f"bulk locate: {POINTS:,} points in {bulk:.2f} s = {POINTS / bulk:,.0f} points/s "
        f"({inside:,} inside the city)",
        f"naive loop: {1 / naive:,.0f} points/s (measured on {NAIVE_SAMPLE:,} points; "
        f"{disagreements} disagreements)",
        f"ratio bulk / naive: {naive / bulk_per_point:,.0f}x (target: at least 50x)",
    ]
