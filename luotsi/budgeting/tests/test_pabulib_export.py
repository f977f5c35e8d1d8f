"""Pabulib export of a cycle's budget areas, and the round trip through the counting engine."""

from fractions import Fraction

import pytest
from django.test import Client

from luotsi.budgeting.counting import count
from luotsi.budgeting.counting.pabulib import read_pabulib_text
from luotsi.budgeting.models import Ballot, BallotFormat, Cycle, PlanResult
from luotsi.budgeting.services.results import COMPLETIONS, cycle_count, cycle_publish_results
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as br

pytestmark = pytest.mark.django_db


def _download(cycle: Cycle, area: str) -> str:
    response = Client().get(f"/budgeting/{cycle.slug}/results/{area}.pb")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == (
        f'attachment; filename="finland_helsinki_{cycle.slug}_{area}.pb"'
    )
    return response.content.decode()


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line in ("META", "PROJECTS", "VOTES"):
            current = line
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def _recount(cycle: Cycle, text: str) -> list[str]:
    instance, profile = read_pabulib_text(text)
    outcome = count(
        instance,
        profile,
        cycle.counting_rule,
        completion=COMPLETIONS.get(cycle.counting_rule, "none"),
        tie_break=cycle.tie_break,
        max_share=Fraction(cycle.max_project_share_percent, 100),
    )
    return sorted(outcome.selected)


def _published_selection(cycle: Cycle, area: str) -> list[str]:
    results = PlanResult.objects.filter(plan__cycle=cycle, selected=True)
    if area == "citywide":
        results = results.filter(plan__major_district__isnull=True)
    else:
        results = results.filter(plan__major_district__code=area)
    return sorted(results.values_list("plan__code", flat=True))


def test_export_describes_the_area_and_numbers_the_voters(personas):
    example = br.greedy_example(personas)
    text = _download(example.cycle, "1")
    sections = _sections(text)
    meta = dict(line.split(";", 1) for line in sections["META"][1:])
    assert meta["country"] == "Finland"
    assert meta["unit"] == "Helsinki"
    assert meta["district"] == "Eteläinen suurpiiri"
    assert meta["description"] == "OmaStadi, Eteläinen suurpiiri"
    assert meta["num_projects"] == "5"
    assert meta["num_votes"] == "6"
    assert meta["budget"] == "100000"
    assert meta["vote_type"] == "approval"
    assert meta["rule"] == "greedy"
    assert meta["min_length"] == "1"
    assert meta["max_length"] == "5"  # the round-3 ballot: up to max_choices plans
    assert meta["instance"] and meta["date_begin"].count(".") == 2 and meta["date_end"]
    assert sections["PROJECTS"][0] == "project_id;cost;votes;name;selected"
    assert "S-C;35000;3;C;0" in sections["PROJECTS"]
    assert "S-A;40000;5;A;1" in sections["PROJECTS"]
    assert sections["VOTES"][0] == "voter_id;vote"
    assert [line.split(";")[0] for line in sections["VOTES"][1:]] == ["1", "2", "3", "4", "5", "6"]
    # The voter keys never leave the database.
    for key in Ballot.objects.filter(cycle=example.cycle).values_list("voter_key", flat=True):
        assert key not in text


def test_exported_file_counts_to_the_published_result(personas):
    example = br.greedy_example(personas)
    assert _recount(example.cycle, _download(example.cycle, "1")) == ["S-A", "S-B", "S-D"]
    assert _published_selection(example.cycle, "1") == ["S-A", "S-B", "S-D"]


@pytest.mark.parametrize("rule", ["greedy", "mes", "phragmen"])
def test_round_trip_of_a_district_budget_cycle_with_a_citywide_pot(personas, rule):
    cycle = br.manual_cycle(
        personas,
        budgets={1: 90_000, 7: 60_000, None: 50_000},
        ballot_format=BallotFormat.DISTRICT_BUDGET,
        citywide_percent=25,
        counting_rule=rule,
        tie_break="lexico",
    )
    south = [
        pb.plan(personas, cycle, cost=c, code=f"E-{i}")
        for i, c in enumerate([40_000, 30_000, 25_000, 20_000, 10_000], start=1)
    ]
    east = [
        pb.plan(personas, cycle, major_number=7, cost=c, code=f"I-{i}")
        for i, c in enumerate([30_000, 20_000, 15_000], start=1)
    ]
    city = [
        pb.plan(personas, cycle, major_number=None, cost=c, code=f"K-{i}")
        for i, c in enumerate([25_000, 20_000, 15_000], start=1)
    ]
    patterns = [
        ([south[0], south[1], city[0]], 7),
        ([south[2], south[3], city[1]], 5),
        ([south[4], south[0], city[2], city[0]], 3),
        ([east[0], city[1]], 6),
        ([east[1], east[2]], 4),
        ([east[2], city[2]], 2),
    ]
    for plans, times in patterns:
        br.ballots(cycle, plans, times)
    cycle_count(cycle=cycle, by=personas.coordinator)
    cycle_publish_results(cycle=cycle, by=personas.coordinator)
    for area in ("1", "7", "citywide"):
        text = _download(cycle, area)
        assert _recount(cycle, text) == _published_selection(cycle, area), area
    meta = dict(line.split(";", 1) for line in _sections(_download(cycle, "citywide"))["META"][1:])
    assert meta["district"] == "Koko kaupunki"
    assert meta["max_sum_cost"] == "50000"
    assert meta["num_votes"] == "23"  # every ballot naming a city-wide plan


def test_export_only_after_publication(personas):
    example = br.greedy_example(personas, publish=False)
    assert Client().get(f"/budgeting/{example.cycle.slug}/results/1.pb").status_code == 404
    cycle_publish_results(cycle=example.cycle, by=personas.coordinator)
    assert Client().get(f"/budgeting/{example.cycle.slug}/results/1.pb").status_code == 200
    assert Client().get(f"/budgeting/{example.cycle.slug}/results/7.pb").status_code == 404
