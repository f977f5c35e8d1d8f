from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point
from shapely.geometry import shape as _shape

from luotsi.areas import locate as locating
from luotsi.areas.locate import NOWHERE, OutsideCity, locate, locate_many
from luotsi.areas.models import City, District, MajorDistrict, SubDistrict
from luotsi.testing.territory import load_helsinki

pytestmark = pytest.mark.django_db


def shape(geometry: Any) -> Any:
    return _shape(geometry)


@pytest.mark.parametrize(
    ("lat", "lon", "district", "major"),
    [
        (60.17027, 24.95222, "Vironniemi", "Eteläinen suurpiiri"),  # Helsinki Cathedral
        (60.20775, 25.14357, "Vuosaari", "Itäinen suurpiiri"),  # Vuosaari metro station
        (60.19891, 24.93310, "Pasila", "Keskinen suurpiiri"),  # Pasila station
        (60.24993, 25.01101, "Malmi", "Koillinen suurpiiri"),  # Malmi station
        (60.15955, 24.87960, "Lauttasaari", "Eteläinen suurpiiri"),  # Lauttasaari metro
    ],
)
def test_known_places_are_located_in_their_district(lat, lon, district, major):
    location = locate(lat, lon)
    assert (location.district.name_fi, location.major_district.name_fi) == (district, major)
    assert location.sub_district is not None
    assert location.sub_district.district == location.district


def test_a_point_outside_the_city_says_so_with_the_city_name():
    with pytest.raises(OutsideCity, match="Helsinki"):
        locate(60.2055, 24.6559)  # Espoo centre


def test_bulk_locate_agrees_with_single_locate_and_marks_points_outside():
    lats = [60.17027, 60.20775, 59.0, 60.2055]
    lons = [24.95222, 25.14357, 24.0, 24.6559]
    found = locate_many(lats, lons)
    assert found.district[2] == found.district[3] == NOWHERE
    assert found.major_district[3] == NOWHERE
    for i in (0, 1):
        single = locate(lats[i], lons[i])
        assert found.district[i] == single.district.pk
        assert found.major_district[i] == single.major_district.pk
        assert found.sub_district[i] == single.sub_district.pk  # type: ignore[union-attr]


def test_every_address_point_of_helsinki_lies_in_a_district():
    import csv
    from pathlib import Path

    from django.conf import settings as django_settings

    path = Path(django_settings.BASE_DIR) / "data" / "helsinki" / "addresses.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = locate_many([float(r["lat"]) for r in rows], [float(r["lon"]) for r in rows])
    outside = int((found.district == NOWHERE).sum())
    # One point, Kalkkirannantie 585, lies just over the eastern border in the source data.
    assert outside == 1
    assert (found.sub_district != NOWHERE).mean() > 0.99


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lat=st.floats(min_value=60.10, max_value=60.32),
    lon=st.floats(min_value=24.78, max_value=25.26),
)
def test_bulk_locate_matches_a_plain_polygon_search(lat, lon):
    """Property: the index answers what testing every district polygon one by one answers."""
    found = int(locate_many([lat], [lon]).district[0])
    point = Point(lon, lat)
    containing = {
        pk
        for pk, geometry in District.objects.filter(city__slug="helsinki").values_list(
            "pk", "geometry"
        )
        if shape(geometry).covers(point)
    }
    subs = {
        district
        for district, geometry in SubDistrict.objects.filter(city__slug="helsinki").values_list(
            "district_id", "geometry"
        )
        if shape(geometry).covers(point)
    }
    if subs:
        assert found in subs
    elif containing:
        assert found in containing
    else:
        assert found == NOWHERE


def test_the_index_is_rebuilt_after_the_territory_changes():
    city = City.objects.get(slug="helsinki")
    before = locating.index_for(city)
    assert locating.index_for(city) is before  # built once per process
    load_helsinki()
    assert locating.index_for(city) is not before


def test_district_populations_add_up_to_the_major_district():
    from luotsi.areas.selectors import area_statistics

    for major in MajorDistrict.objects.filter(city__slug="helsinki"):
        districts = [area_statistics(d, year=2023) for d in major.districts.all()]
        total = area_statistics(major, year=2023)
        assert total is not None
        assert total.population == sum(d.population for d in districts if d)
        # Head counts of the language groups add up the same way.
        assert total.counts["share_swedish"] == sum(
            d.counts["share_swedish"] for d in districts if d
        )


def test_helsinki_has_its_real_numbers():
    assert MajorDistrict.objects.filter(city__slug="helsinki").count() == 8
    assert District.objects.filter(city__slug="helsinki").count() == 34
    assert SubDistrict.objects.filter(city__slug="helsinki").count() == 148
    vironniemi = District.objects.get(city__slug="helsinki", code="101")
    assert (vironniemi.name_fi, vironniemi.name_sv) == ("Vironniemi", "Estnäs")
    assert vironniemi.statistics.get(year=2023).population > 10_000
    # Major district boundaries are the union of their districts.
    south = MajorDistrict.objects.get(city__slug="helsinki", number=1)
    assert shape(south.geometry).area == pytest.approx(
        sum(shape(d.geometry).area for d in south.districts.all()), rel=1e-3
    )
    assert np.isfinite(shape(south.geometry_simplified).area)


def test_the_cell_grid_gives_the_same_answers_as_exact_tests():
    """Large requests go through the raster; small ones test polygons exactly. Same answers."""
    from luotsi.areas.locate import GRID_MIN_POINTS

    rng = np.random.default_rng(7)
    count = GRID_MIN_POINTS * 2
    lats, lons = rng.uniform(60.10, 60.32, count), rng.uniform(24.78, 25.26, count)
    through_grid = locate_many(lats, lons)
    step = GRID_MIN_POINTS // 4
    exact = [locate_many(lats[i : i + step], lons[i : i + step]) for i in range(0, count, step)]
    for level in ("sub_district", "district", "major_district"):
        expected = np.concatenate([getattr(part, level) for part in exact])
        assert np.array_equal(getattr(through_grid, level), expected), level
