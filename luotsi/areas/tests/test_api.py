import pytest
from django.test import Client

from luotsi.accounts.models import User

pytestmark = pytest.mark.django_db


def test_locate_a_point_names_every_level_and_the_officer(client: Client, officer_south: User):
    officer_south.phone = "+358 9 310 12345"
    officer_south.spoken_languages = "fi, sv, so"
    officer_south.save()
    body = client.get("/api/v1/areas/locate", {"lat": "60.17027", "lon": "24.95222"}).json()
    assert body["district"] == {"code": "101", "name": "Vironniemi", "level": "district"}
    assert body["major_district"]["code"] == "1"
    assert body["sub_district"]["level"] == "sub_district"
    assert body["officer"] == {
        "name": "Sofia South",
        "email": "officer.south@example.org",
        "phone": "+358 9 310 12345",
        "languages": ["fi", "sv", "so"],
    }


def test_ostersundom_is_served_by_the_eastern_officer(client: Client, officer_east: User):
    body = client.get("/api/v1/areas/locate", {"lat": "60.2565", "lon": "25.2000"}).json()
    assert body["major_district"]["code"] == "8"
    assert body["officer"]["name"] == "Elias East"


@pytest.mark.parametrize("address", ["Mannerheimintie 5", "mannerheimvägen 5", "Manerheimintie 5"])
def test_locate_an_address_in_finnish_or_swedish_or_with_a_typo(client: Client, personas, address):
    response = client.get("/api/v1/areas/locate", {"address": address})
    assert response.status_code == 200
    body = response.json()
    assert body["district"]["name"] == "Vironniemi"
    assert body["address"]["label"] == "Mannerheimintie 5"
    assert body["address_corrected"] is (address == "Manerheimintie 5")


def test_names_follow_the_language_of_the_request(client: Client, personas):
    body = client.get(
        "/api/v1/areas/locate",
        {"address": "Mannerheimintie 5"},
        headers={"accept-language": "sv"},
    ).json()
    assert body["district"]["name"] == "Estnäs"
    assert body["address"]["label"] == "Mannerheimvägen 5"


def test_outside_the_city_is_a_404_saying_why(client: Client):
    response = client.get("/api/v1/areas/locate", {"lat": "59.437", "lon": "24.7536"})
    assert response.status_code == 404
    assert "Helsinki" in response.json()["message"]


def test_an_ambiguous_address_is_a_404_with_candidates(client: Client):
    response = client.get("/api/v1/areas/locate", {"address": "Mannerheimintie"})
    assert response.status_code == 404
    assert len(response.json()["candidates"]) > 1


@pytest.mark.parametrize(
    ("params", "field"),
    [({"lat": "100", "lon": "24.9"}, "lat"), ({"lat": "60.1", "lon": "east"}, "lon")],
)
def test_bad_coordinates_are_a_422_naming_the_field(client: Client, params, field):
    response = client.get("/api/v1/areas/locate", params)
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_point_and_address_together_are_refused(client: Client):
    response = client.get(
        "/api/v1/areas/locate", {"lat": "60.17", "lon": "24.95", "address": "X 1"}
    )
    assert response.status_code == 422
    assert response.json()["message"]


def test_the_tree_lists_every_level(client: Client):
    tree = client.get("/api/v1/areas/").json()
    assert len(tree) == 8
    assert sum(len(major["districts"]) for major in tree) == 34
    assert sum(len(d["sub_districts"]) for major in tree for d in major["districts"]) == 148


def test_one_area_with_statistics_that_add_up(client: Client):
    major = client.get("/api/v1/areas/7").json()
    parts = [client.get(f"/api/v1/areas/{c['code']}").json() for c in major["children"]]
    assert major["statistics"]["population"] == sum(p["statistics"]["population"] for p in parts)
    assert major["statistics"]["years_available"] == [2018, 2019, 2020, 2021, 2022, 2023]
    assert parts[0]["parent"]["code"] == "7"
    assert major["names"]["sv"] == "Östra stordistriktet"


def test_boundaries_are_geojson_simplified_for_maps(client: Client):
    collection = client.get("/api/v1/areas/geojson", {"level": "district"}).json()
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 34
    feature = client.get("/api/v1/areas/101/geojson").json()
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feature["properties"] == {"code": "101", "name": "Vironniemi", "level": "district"}
