"""`import_city` loads any city from its own files, or refuses and changes nothing."""

import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from pyproj import Transformer

from luotsi.areas.locate import OutsideCity, locate
from luotsi.areas.models import City, District, DistrictStatistics, MajorDistrict

pytestmark = pytest.mark.django_db

# A made-up city of four square districts around (25.0 E, 61.0 N), two per major district.
SQUARES = {
    "A1": (25.00, 61.00),
    "A2": (25.01, 61.00),
    "B1": (25.00, 61.01),
    "B2": (25.01, 61.01),
}


def square(lon: float, lat: float, size: float = 0.01) -> list[list[list[float]]]:
    return [
        [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    ]


def feature(code: str, ring, **extra) -> dict:
    return {
        "type": "Feature",
        "properties": {
            "koodi": code,
            "nimi": f"Alue {code}",
            "namn": f"Område {code}",
            "suuralue": code[0],
            **extra,
        },
        "geometry": {"type": "Polygon", "coordinates": ring},
    }


def write_city(tmp_path, features, name="districts.geojson", crs=None) -> str:
    collection = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    path = tmp_path / name
    path.write_text(json.dumps(collection))
    return str(path)


def import_city(path, *extra: str) -> None:
    with translation.override("en"):
        call_command(
            "import_city",
            "testby",
            "--name",
            "Testikylä",
            "--name-sv",
            "Testby",
            "--districts",
            path,
            "--code-field",
            "koodi",
            "--name-field",
            "nimi",
            "--name-sv-field",
            "namn",
            *extra,
            verbosity=0,
        )


def test_a_synthetic_city_loads_and_locates(tmp_path):
    features = [feature(code, square(*corner)) for code, corner in SQUARES.items()]
    population = tmp_path / "population.csv"
    population.write_text(
        "district,year,population,share_swedish\nA1,2024,1000,0.5\nA2,2024,3000,0.1\nB1,2024,500,\n"
    )
    import_city(
        write_city(tmp_path, features), "--major-field", "suuralue", "--population", str(population)
    )
    city = City.objects.get(slug="testby")
    assert (city.name_fi, city.name_sv) == ("Testikylä", "Testby")
    assert MajorDistrict.objects.filter(city=city).count() == 2
    assert District.objects.filter(city=city).count() == 4
    assert DistrictStatistics.objects.filter(district__city=city).count() == 3
    location = locate(61.005, 25.015, city=city)
    assert (location.district.code, location.major_district.code) == ("A2", "A")
    assert location.district.name_sv == "Område A2"
    with pytest.raises(OutsideCity, match="Testikylä"):
        locate(61.5, 25.5, city=city)


def test_without_a_grouping_the_whole_city_is_one_major_district(tmp_path):
    features = [feature(code, square(*corner)) for code, corner in SQUARES.items()]
    import_city(write_city(tmp_path, features))
    assert list(
        MajorDistrict.objects.filter(city__slug="testby").values_list("code", flat=True)
    ) == ["0"]


def test_a_major_map_file_groups_the_districts(tmp_path):
    features = [feature(code, square(*corner)) for code, corner in SQUARES.items()]
    mapping = tmp_path / "majors.csv"
    mapping.write_text(
        "district,major,major_name_fi,major_name_sv\nA1,N,Pohjoinen,Norra\nA2,N,Pohjoinen,Norra\n"
        "B1,S,Eteläinen,Södra\nB2,S,Eteläinen,Södra\n"
    )
    import_city(write_city(tmp_path, features), "--major-map", str(mapping))
    north = MajorDistrict.objects.get(city__slug="testby", code="N")
    assert (north.name_fi, north.name_sv) == ("Pohjoinen", "Norra")
    assert sorted(north.districts.values_list("code", flat=True)) == ["A1", "A2"]


@pytest.mark.parametrize(("crs", "epsg"), [("EPSG:3067", 3067), ("EPSG:3879", 3879)])
def test_projected_finnish_coordinates_are_transformed(tmp_path, crs, epsg):
    to_projected = Transformer.from_crs(4326, epsg, always_xy=True)
    features = []
    for code, (lon, lat) in SQUARES.items():
        ring = [[list(to_projected.transform(x, y)) for x, y in square(lon, lat)[0]]]
        features.append(feature(code, ring))
    import_city(write_city(tmp_path, features), "--major-field", "suuralue", "--source-crs", crs)
    assert locate(61.015, 25.005, city=City.objects.get(slug="testby")).district.code == "B1"


def test_the_files_own_crs_member_is_honoured(tmp_path):
    to_projected = Transformer.from_crs(4326, 3067, always_xy=True)
    features = [
        feature(code, [[list(to_projected.transform(x, y)) for x, y in square(*c)[0]]])
        for code, c in SQUARES.items()
    ]
    path = write_city(tmp_path, features, crs="urn:ogc:def:crs:EPSG::3067")
    import_city(path, "--major-field", "suuralue")
    assert District.objects.filter(city__slug="testby").count() == 4


def _bad_inputs():
    good = [feature(code, square(*corner)) for code, corner in SQUARES.items()]
    bow_tie = [[[25.0, 61.0], [25.01, 61.01], [25.01, 61.0], [25.0, 61.01], [25.0, 61.0]]]
    no_name = feature("A2", square(25.01, 61.0))
    del no_name["properties"]["nimi"]
    return [
        ("not json", "{this is not json", "not valid JSON"),
        ("not a collection", json.dumps({"type": "Feature"}), "not a GeoJSON FeatureCollection"),
        ("missing field", [good[0], no_name], "feature 2: missing field(s) nimi"),
        (
            "duplicate code",
            [good[0], feature("A1", square(25.02, 61.0))],
            "feature 2: code A1 is already used by feature 1",
        ),
        (
            "self-intersecting",
            [good[0], feature("X", bow_tie)],
            "feature 2: invalid polygon (Self-intersection",
        ),
        (
            "empty polygon",
            [good[0], feature("E", [[[25.0, 61.0], [25.0, 61.0], [25.0, 61.0], [25.0, 61.0]]])],
            "feature 2: the polygon is empty",
        ),
        (
            "a point",
            [
                good[0],
                {
                    "type": "Feature",
                    "properties": {"koodi": "P", "nimi": "P", "suuralue": "P"},
                    "geometry": {"type": "Point", "coordinates": [25, 61]},
                },
            ],
            "feature 2: the geometry must be a Polygon or MultiPolygon",
        ),
        (
            "projected without crs",
            [
                feature(
                    "M",
                    [[[385000, 6672000], [386000, 6672000], [386000, 6673000], [385000, 6672000]]],
                )
            ],
            "feature 1: the coordinates are not longitude/latitude",
        ),
    ]


@pytest.mark.parametrize(
    ("label", "content", "message"), _bad_inputs(), ids=[c[0] for c in _bad_inputs()]
)
def test_bad_input_is_refused_with_the_feature_number_and_nothing_is_written(
    tmp_path, label, content, message
):
    if isinstance(content, list):
        path = write_city(tmp_path, content)
    else:
        path = tmp_path / "districts.geojson"
        path.write_text(content)
    before = (City.objects.count(), District.objects.count(), MajorDistrict.objects.count())
    with pytest.raises(CommandError, match=re.escape(message)):
        import_city(str(path), "--major-field", "suuralue")
    assert (City.objects.count(), District.objects.count(), MajorDistrict.objects.count()) == before


def test_an_unknown_crs_is_refused_before_reading(tmp_path):
    path = write_city(tmp_path, [feature("A1", square(25.0, 61.0))])
    with pytest.raises(CommandError, match="Unknown coordinate reference system 'EPSG:99999'"):
        import_city(path, "--source-crs", "EPSG:99999")
    assert not City.objects.filter(slug="testby").exists()


def test_population_for_an_unknown_district_is_refused_and_nothing_is_written(tmp_path):
    features = [feature(code, square(*corner)) for code, corner in SQUARES.items()]
    population = tmp_path / "population.csv"
    population.write_text("district,year,population\nA1,2024,10\nZZ,2024,5\n")
    with pytest.raises(CommandError, match="Population: district ZZ is not defined"):
        import_city(write_city(tmp_path, features), "--population", str(population))
    assert not City.objects.filter(slug="testby").exists()


def test_reimporting_updates_in_place_and_drops_removed_districts(tmp_path):
    features = [feature(code, square(*corner)) for code, corner in SQUARES.items()]
    import_city(write_city(tmp_path, features), "--major-field", "suuralue")
    first_pk = District.objects.get(city__slug="testby", code="A1").pk
    import_city(write_city(tmp_path, features[:3]), "--major-field", "suuralue")
    assert District.objects.get(city__slug="testby", code="A1").pk == first_pk
    assert sorted(District.objects.filter(city__slug="testby").values_list("code", flat=True)) == [
        "A1",
        "A2",
        "B1",
    ]


def test_load_city_helsinki_is_repeatable():
    call_command("load_city", "helsinki", verbosity=0)
    call_command("load_city", "helsinki", verbosity=0)
    assert City.objects.filter(slug="helsinki").count() == 1
    assert District.objects.filter(city__slug="helsinki").count() == 34
