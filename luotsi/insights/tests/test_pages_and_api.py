"""The inclusion pages, the API and the CSV: small cells hidden everywhere, other districts
absent, gaps ranked lowest first, bad parameters answered 400/422 naming the field."""

import csv
import io
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation

from luotsi.areas.models import District
from luotsi.insights.figures import compute
from luotsi.insights.models import ParticipationRefresh
from luotsi.insights.services import participation_refresh
from luotsi.testing import insights as ins
from luotsi.testing.personas import Personas


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The assertions read the English texts (pages, and cells' display values)."""
    with translation.override("en"):
        yield


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def three_in_vironniemi(personas: Personas) -> Personas:
    """Vironniemi (101): 3 people came; Ullanlinna (102): 40, 10 of them Swedish speakers;
    Kampinmalmi (103): 2 (two small districts, so neither needs a neighbour hidden)."""
    ins.held_event(personas, district_code="101", came={"fi": 3})
    ins.held_event(personas, district_code="103", came={"fi": 2})
    ins.held_event(personas, district_code="102", came={"fi": 30, "sv": 10})
    participation_refresh()
    return personas


def test_a_district_with_three_participants_shows_less_than_five_on_its_page(three_in_vironniemi):
    html = (
        _client(three_in_vironniemi.officer_south).get("/inclusion/districts/101/").content.decode()
    )
    assert "&lt;5" in html
    assert not re.search(r'<td class="num">3</td>', html)
    assert "participations; – per 1,000" in html or "participations; – per 1 000" in html


def test_suppressed_counts_and_their_ratios_are_hidden_in_the_api(three_in_vironniemi):
    body = (
        _client(three_in_vironniemi.coordinator)
        .get("/api/v1/inclusion/representation?district=101")
        .json()
    )
    assert body["participations"] == {"count": None, "suppressed": "<5"}
    assert body["per_1000_residents"] is None
    finnish = next(g for g in body["groups"] if g["group"] == "finnish")
    assert finnish["participants"] == {"count": None, "suppressed": "<5"}
    assert all(g["ratio"] is None and g["participant_share"] is None for g in body["groups"])
    assert "3" not in {str(g["participants"]["count"]) for g in body["groups"]}


def test_suppressed_counts_read_less_than_five_in_the_csv(three_in_vironniemi):
    response = _client(three_in_vironniemi.coordinator).get("/inclusion/export/representation.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    vironniemi = [r for r in rows if r["code"] == "101"]
    assert vironniemi and all(r["participations"] == "<5" for r in vironniemi)
    assert all(r["ratio"] == "" and r["per_1000_residents"] == "" for r in vironniemi)
    assert not any(r["participants"] == "3" for r in vironniemi)
    ullanlinna = {r["group"]: r for r in rows if r["code"] == "102"}
    assert ullanlinna["swedish"]["participants"] == "10"
    assert float(ullanlinna["swedish"]["ratio"]) > 0


def test_a_lone_small_group_hides_another_group_so_it_cannot_be_subtracted(personas: Personas):
    ins.held_event(personas, district_code="102", came={"fi": 8, "sv": 3})
    figures = ins.refreshed()
    district = District.objects.get(code="102")
    area = ("district", district.pk)
    assert figures.cell(area).display() == "11"
    assert figures.cell(area, ("language", "swedish")).display() == "<5"
    assert figures.cell(area, ("language", "finnish")).display() == "hidden"
    html = _client(personas.coordinator).get("/inclusion/districts/102/").content.decode()
    assert '<td class="num">8</td>' not in html and '<td class="num">hidden</td>' in html


def test_ratio_on_the_page_matches_the_figures(three_in_vironniemi):
    figures = compute()
    district = District.objects.get(code="102")
    swedish = next(
        r
        for r in figures.representation(("district", district.pk), "language")
        if r.group == "swedish"
    )
    assert swedish.result is not None
    assert swedish.result.share == pytest.approx(0.25)
    assert swedish.population_share is not None
    assert swedish.result.ratio == pytest.approx(0.25 / swedish.population_share)


def test_an_officer_of_another_district_gets_404_and_does_not_see_it_listed(three_in_vironniemi):
    east = _client(three_in_vironniemi.officer_east)
    assert east.get("/inclusion/districts/101/").status_code == 404
    assert east.get("/api/v1/inclusion/representation?district=101").status_code == 404
    vironniemi = District.objects.get(code="101").name
    for url in ("/inclusion/", "/inclusion/gaps/"):
        assert vironniemi not in east.get(url).content.decode()
    codes = {row["code"] for row in east.get("/api/v1/inclusion/gaps").json()}
    assert codes and not any(code.startswith("1") for code in codes)
    export = east.get("/inclusion/export/representation.csv").content.decode()
    assert ",101," not in export
    # The city totals are everyone's.
    assert east.get("/api/v1/inclusion/representation").json()["participations"]["count"] == 45


def test_gaps_rank_districts_lowest_first(personas: Personas):
    ins.held_event(personas, district_code="101", came={"fi": 20})
    ins.held_event(personas, district_code="102", came={"fi": 60, "en": 20})
    participation_refresh()
    client = _client(personas.officer_south)
    ranked = client.get("/api/v1/inclusion/gaps").json()
    values = [row["value"] for row in ranked if row["value"] is not None]
    assert values == sorted(values)
    assert ranked[0]["participations"]["count"] == 0  # districts nobody took part in first
    position = {row["code"]: index for index, row in enumerate(ranked)}
    figures = compute()
    rate = {
        code: figures.per_1000(("district", District.objects.get(code=code).pk))
        for code in ("101", "102")
    }
    first, second = sorted(rate, key=lambda code: rate[code] or 0.0)
    assert position[first] < position[second]
    foreign = client.get("/api/v1/inclusion/gaps?indicator=language_foreign").json()
    order = [row["code"] for row in foreign if row["code"] in ("101", "102")]
    assert order == ["101", "102"]  # nobody of another language in 101
    assert foreign[-1]["value"] is None  # districts without participants of known group last
    html = client.get("/inclusion/gaps/?indicator=language_foreign").content.decode()
    names = [District.objects.get(code=code).name for code in ("101", "102")]
    assert html.index(names[0]) < html.index(names[1])


def test_bad_query_parameters_are_answered_400_or_422_naming_the_field(personas: Personas):
    client = _client(personas.officer_south)
    page = client.get("/inclusion/gaps/?indicator=nonsense")
    assert page.status_code == 400
    assert "nonsense" in page.content.decode()
    api = client.get("/api/v1/inclusion/gaps?indicator=nonsense")
    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == "indicator"


def test_staff_refresh_the_figures_and_the_pages_say_when(
    personas: Personas, django_capture_on_commit_callbacks
):
    ins.held_event(personas, came={"fi": 6})
    client = _client(personas.officer_south)
    assert "not been computed yet" in client.get("/inclusion/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/inclusion/refresh/")
    assert response.status_code == 302
    assert ParticipationRefresh.objects.exists()
    html = client.get("/inclusion/").content.decode()
    assert "Figures as of" in html
    assert "participatory budgeting" in html


def test_residents_and_officials_may_not_see_the_figures(personas: Personas):
    for person in (personas.resident, personas.official):
        client = _client(person)
        assert client.get("/inclusion/").status_code == 403
        assert client.get("/api/v1/inclusion/gaps").status_code == 403
    assert Client().get("/inclusion/").status_code == 302
