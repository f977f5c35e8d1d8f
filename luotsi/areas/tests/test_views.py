import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_find_page_works_without_javascript_by_address(client: Client, personas):
    response = client.get("/areas/", {"address": "Vuotie 45"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vuosaari" in html and "Elias East" in html


def test_find_page_by_point_shows_the_area(client: Client, personas):
    html = client.get("/areas/", {"lat": "60.17027", "lon": "24.95222"}).content.decode()
    assert "Vironniemi" in html and "Sofia South" in html


def test_unknown_address_is_explained_with_a_404(client: Client):
    response = client.get("/areas/", {"address": "Olematonkatu 99"})
    assert response.status_code == 404
    assert "Olematonkatu 99" in response.content.decode()


def test_ambiguous_address_offers_candidates_that_resolve(client: Client, personas):
    response = client.get("/areas/", {"address": "Mannerheimintie"})
    assert response.status_code == 404
    candidates = response.context["problem"].candidates
    assert len(candidates) > 1
    first = candidates[0]
    follow = client.get("/areas/", {"lat": str(first.lat), "lon": str(first.lon), "label": "X"})
    assert follow.status_code == 200
    assert follow.context["finding"] is not None


def test_the_plain_list_links_every_district(client: Client):
    html = client.get("/areas/").content.decode()
    assert html.count('href="/areas/') >= 34 + 8


def test_suggestions_list_streets_in_both_languages(client: Client):
    html = client.get("/areas/suggest/", {"address": "mannerh"}).content.decode()
    assert "Mannerheimintie" in html and "Mannerheimvägen" in html
    assert client.get("/areas/suggest/", {"address": "ma"}).content.strip() == b""


def test_district_page_shows_officer_and_population(client: Client, personas):
    html = client.get("/areas/101/").content.decode()
    assert "Vironniemi" in html and "Sofia South" in html
    assert "Kruununhaka" in html  # a sub-district
    assert "<svg" in html and '<table class="data-table">' in html


def test_major_district_page_lists_its_districts(client: Client, personas):
    html = client.get("/areas/7/").content.decode()
    for name in ("Vartiokylä", "Myllypuro", "Mellunkylä", "Vuosaari"):
        assert name in html


def test_sub_districts_have_no_page_of_their_own(client: Client):
    assert client.get("/areas/091392/").status_code == 404


@pytest.mark.parametrize("query", ["x" * 5000, "\x00", "%%%", "1" * 300])
def test_absurd_search_input_never_breaks_the_page(client: Client, query):
    response = client.get("/areas/", {"address": query})
    assert response.status_code in (400, 404)


def test_the_officer_card_lists_contact_details_and_languages(client: Client, officer_south):
    officer_south.phone = "+358 9 310 12345"
    officer_south.spoken_languages = "fi, sv, xx"
    officer_south.save()
    html = client.get("/areas/101/", headers={"accept-language": "en"}).content.decode()
    assert "Finnish, Swedish, xx" in html
    assert 'href="tel:+358931012345"' in html
    assert "officer.south@example.org" in html
