"""The public participatory-budgeting API: cycles, plans on the ballot and results."""

import pytest
from django.test import Client

from luotsi.budgeting.models import Cycle, PlanStatus
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as br

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_cycles_lists_published_cycles_in_pages(personas, api):
    example = br.greedy_example(personas)
    hidden = pb.cycle(personas, published=False, slug="hidden-cycle")
    body = api.get("/api/v1/budgeting/cycles").json()
    slugs = [c["slug"] for c in body["data"]]
    assert example.cycle.slug in slugs and hidden.slug not in slugs
    assert body["count"] == Cycle.objects.public().count()
    item = next(c for c in body["data"] if c["slug"] == example.cycle.slug)
    assert item["phase"] == "results" and item["results_published"] is True
    assert item["title"] == {"fi": "OmaStadi", "sv": "OmaStadi", "en": "OmaStadi"}
    assert item["url"].endswith(f"/budgeting/{example.cycle.slug}/results/")
    pb.cycle(personas)
    paged = api.get("/api/v1/budgeting/cycles?page_size=1&page=2").json()
    assert paged["count"] == 2 and len(paged["data"]) == 1


def test_cycle_paging_is_bounded(personas, api):
    response = api.get("/api/v1/budgeting/cycles?page_size=1000")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "page_size"
    assert api.get("/api/v1/budgeting/cycles?page=99999999999999999999").status_code == 422


def test_cycle_detail_has_its_rules_and_budgets(personas, api):
    cycle = br.manual_cycle(personas, budgets={1: 70_000, 7: 50_000, None: 30_000})
    body = api.get(f"/api/v1/budgeting/cycles/{cycle.slug}").json()
    assert body["phase"] == "counting"
    assert body["counting_rule"] == "greedy" and body["tie_break"] == "max-votes"
    assert body["ballot_format"] == "district_pick" and body["max_choices"] == 5
    assert body["budgets"][:2] == [
        {
            "area": "1",
            "name": {
                "fi": "Eteläinen suurpiiri",
                "sv": "Södra stordistriktet",
                "en": "Southern major district",
            },
            "amount": 70_000,
        },
        {
            "area": "7",
            "name": {
                "fi": "Itäinen suurpiiri",
                "sv": "Östra stordistriktet",
                "en": "Eastern major district",
            },
            "amount": 50_000,
        },
    ]
    citywide = body["budgets"][2]
    assert citywide["area"] == "citywide" and citywide["amount"] == 30_000
    assert citywide["name"]["en"] == "City-wide" and all(citywide["name"].values())


def test_unknown_or_unpublished_cycle_is_a_json_404(personas, api):
    hidden = pb.cycle(personas, published=False, slug="hidden-cycle")
    for path in (
        "/api/v1/budgeting/cycles/hidden-cycle",
        "/api/v1/budgeting/cycles/nothing-here",
        f"/api/v1/budgeting/cycles/{hidden.slug}/plans",
        f"/api/v1/budgeting/cycles/{hidden.slug}/results",
        "/api/v1/budgeting/cycles/a%00b",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"message": "Not found."}


def test_plans_are_the_ones_on_the_ballot(personas, api):
    cycle = pb.cycle(personas)
    on_ballot = pb.plan(personas, cycle, cost=50_000, code="E-1")
    pb.plan(personas, cycle, cost=10_000, code="E-2", status=PlanStatus.COSTED)
    citywide = pb.plan(personas, cycle, major_number=None, cost=20_000, code="K-1")
    body = api.get(f"/api/v1/budgeting/cycles/{cycle.slug}/plans").json()
    assert body["count"] == 2
    assert [p["code"] for p in body["data"]] == ["E-1", "K-1"]
    first = body["data"][0]
    assert first["cost"] == 50_000 and first["area"] == "1"
    assert first["title"]["fi"] == on_ballot.title_fi and first["title"]["en"] == on_ballot.title_en
    assert body["data"][1]["area"] == "citywide" and citywide.cost_estimate == 20_000


def test_results_are_404_until_published(personas, api):
    example = br.greedy_example(personas, publish=False)
    response = api.get(f"/api/v1/budgeting/cycles/{example.cycle.slug}/results")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found."}


def test_results_give_votes_outcome_and_reasons_in_every_language(personas, api):
    example = br.greedy_example(personas)
    response = api.get(f"/api/v1/budgeting/cycles/{example.cycle.slug}/results")
    assert response.status_code == 200
    body = response.json()
    assert body["counting_rule"] == "greedy" and body["completion"] == "none"
    (area,) = body["areas"]
    assert area["area"] == "1" and area["budget"] == 100_000
    assert area["used"] == 90_000 and area["left"] == 10_000 and area["voters"] == 6
    assert area["pabulib_url"].endswith(f"/budgeting/{example.cycle.slug}/results/1.pb")
    plans = {p["code"]: p for p in area["plans"]}
    assert [p["code"] for p in area["plans"]] == ["S-A", "S-B", "S-C", "S-D", "S-E"]
    c = plans["S-C"]
    assert (c["votes"], c["cost"], c["selected"], c["rank"]) == (3, 35_000, False, 4)
    assert c["reason"] == {
        "code": "rejected_no_fit",
        "params": {"votes": 3, "cost": "35000", "remaining": "30000"},
    }
    assert c["explanation"]["en"] == (
        "Not selected: 3 votes. When its turn came, its cost of 35,000\u00a0€ was more than "
        "the 30,000\u00a0€ still left."
    )
    assert set(c["explanation"]) == {"fi", "sv", "en"}
    assert "35\u00a0000" in c["explanation"]["fi"]
    assert plans["S-A"]["selected"] and plans["S-A"]["rank"] == 1
