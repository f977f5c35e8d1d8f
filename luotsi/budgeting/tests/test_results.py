"""Counting a cycle into results and publishing them (services/results.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from luotsi.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotFormat,
    Cycle,
    Phase,
    PlanResult,
)
from luotsi.budgeting.results_text import explain
from luotsi.budgeting.services.results import cycle_count, cycle_publish_results
from luotsi.privacy.models import AuditEvent
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as br

pytestmark = pytest.mark.django_db


def _results(cycle: Cycle) -> dict[str, PlanResult]:
    return {r.plan.code: r for r in PlanResult.objects.filter(plan__cycle=cycle)}


def test_greedy_example_selects_by_votes_skipping_what_does_not_fit(personas):
    example = br.greedy_example(personas, publish=False)
    results = _results(example.cycle)
    assert {code: r.votes for code, r in results.items()} == {
        "S-A": 5,
        "S-B": 4,
        "S-C": 3,
        "S-D": 2,
        "S-E": 0,
    }
    assert {code for code, r in results.items() if r.selected} == {"S-A", "S-B", "S-D"}
    # Selected in the order chosen, then the others by votes.
    assert [c for c, _r in sorted(results.items(), key=lambda i: i[1].rank)] == [
        "S-A",
        "S-B",
        "S-D",
        "S-C",
        "S-E",
    ]
    # C had more votes than D, but when its turn came only 30 000 € was left.
    c_data = results["S-C"].explanation_data
    assert c_data["code"] == "rejected_no_fit"
    assert c_data["params"] == {"votes": 3, "cost": "35000", "remaining": "30000"}
    assert results["S-D"].explanation_data["params"]["remaining"] == "30000"
    assert results["S-E"].explanation_data["params"]["remaining"] == "10000"
    assert results["S-A"].explanation_data["area_voters"] == 6
    with translation.override("en"):
        assert explain(c_data) == (
            "Not selected: 3 votes. When its turn came, its cost of 35,000\u00a0€ was more "
            "than the 30,000\u00a0€ still left."
        )
        assert explain(results["S-A"].explanation_data) == (
            "Selected: 5 votes. When its turn came, its cost of 40,000\u00a0€ fitted in the "
            "100,000\u00a0€ still left."
        )
    assert results["S-A"].explanation  # stored in the site's language as well
    example.cycle.refresh_from_db()
    assert example.cycle.counted_at is not None
    assert example.cycle.results_published_at is None


def test_explanations_follow_the_readers_language(personas):
    example = br.greedy_example(personas, publish=False)
    data = _results(example.cycle)["S-C"].explanation_data
    with translation.override("fi"):
        finnish = explain(data)
    with translation.override("en"):
        english = explain(data)
    # Finnish groups thousands with a space, English with a comma.
    assert "35\u00a0000" in finnish and "35,000" in english


def test_district_budget_format_counts_each_district_and_the_citywide_pot_apart(personas):
    cycle = br.manual_cycle(
        personas,
        budgets={1: 80_000, 7: 60_000, None: 60_000},
        ballot_format=BallotFormat.DISTRICT_BUDGET,
        citywide_percent=22,
    )
    south_big = pb.plan(personas, cycle, major_number=1, cost=40_000, code="E-1")
    south_small = pb.plan(personas, cycle, major_number=1, cost=30_000, code="E-2")
    east = pb.plan(personas, cycle, major_number=7, cost=30_000, code="I-1")
    city_a = pb.plan(personas, cycle, major_number=None, cost=20_000, code="K-1")
    city_b = pb.plan(personas, cycle, major_number=None, cost=25_000, code="K-2")
    city_c = pb.plan(personas, cycle, major_number=None, cost=30_000, code="K-3")
    br.ballots(cycle, [south_big, south_small, city_a], 3)
    br.ballots(cycle, [south_small, city_b], 2)
    br.ballots(cycle, [east, city_b, city_c], 4)
    br.ballots(cycle, [east], 1)
    summary = cycle_count(cycle=cycle, by=personas.coordinator)
    assert summary.ballots == 10
    results = _results(cycle)
    assert {c: r.votes for c, r in results.items()} == {
        "E-1": 3,
        "E-2": 5,
        "I-1": 5,
        "K-1": 3,
        "K-2": 6,
        "K-3": 4,
    }
    # Southern: E-2 (5 votes) then E-1 fits (30 000 + 40 000 ≤ 80 000).
    assert results["E-1"].selected and results["E-2"].selected
    assert results["I-1"].selected
    # City-wide pot 60 000 €: K-2 (6 votes, 25 000 €) and K-3 (4 votes, 30 000 €) leave
    # 5 000 €, too little for K-1 although it is the cheapest.
    assert results["K-2"].selected and results["K-3"].selected and not results["K-1"].selected
    assert results["K-1"].explanation_data["params"]["remaining"] == "5000"
    assert results["K-1"].explanation_data["area"] == "citywide"
    assert results["K-2"].explanation_data["area_voters"] == 9
    assert results["E-1"].explanation_data["area_voters"] == 5
    assert results["I-1"].explanation_data["budget"] == 60_000
    assert summary.selected == 5


@pytest.mark.parametrize(
    ("tie_break", "winner"), [("max-votes", "T-1"), ("min-cost", "T-2"), ("max-cost", "T-1")]
)
def test_ties_follow_the_cycles_tie_breaking(personas, tie_break, winner):
    cycle = br.manual_cycle(personas, budgets={1: 60_000}, tie_break=tie_break)
    first = pb.plan(personas, cycle, cost=30_000, code="T-1")
    second = pb.plan(personas, cycle, cost=29_000, code="T-2")
    third = pb.plan(personas, cycle, cost=31_000, code="T-3")
    br.ballots(cycle, [first, second], 3)
    br.ballots(cycle, [third], 2)
    cycle_count(cycle=cycle, by=personas.coordinator)
    results = _results(cycle)
    # T-1 and T-2 tie on 3 votes; the winner of the tie goes first, then the other fits
    # only if the money allows (30 000 + 29 000 ≤ 60 000: both do), T-3 does not.
    assert results[winner].rank == 1
    assert {c for c, r in results.items() if r.selected} == {"T-1", "T-2"}
    assert not results["T-3"].selected


def test_tie_decides_which_of_two_plans_fits(personas):
    cycle = br.manual_cycle(personas, budgets={1: 60_000}, tie_break="min-cost")
    dear = pb.plan(personas, cycle, cost=25_000, code="A-1")
    cheap = pb.plan(personas, cycle, cost=24_000, code="A-2")
    other = pb.plan(personas, cycle, cost=26_000, code="A-3")
    br.ballots(cycle, [dear, cheap, other], 4)
    cycle_count(cycle=cycle, by=personas.coordinator)
    results = _results(cycle)
    assert [c for c, r in sorted(results.items(), key=lambda i: i[1].rank)][:2] == [
        "A-2",
        "A-1",
    ]
    assert not results["A-3"].selected
    assert results["A-3"].explanation_data["params"]["remaining"] == "11000"


def test_plan_above_the_max_share_is_not_selected_with_its_reason(personas):
    cycle = br.manual_cycle(personas, budgets={1: 100_000})
    big = pb.plan(personas, cycle, cost=60_000, code="B-1")
    small = pb.plan(personas, cycle, cost=10_000, code="B-2")
    br.ballots(cycle, [big, small], 2)
    cycle_count(cycle=cycle, by=personas.coordinator)
    results = _results(cycle)
    assert not results["B-1"].selected and results["B-2"].selected
    assert results["B-1"].explanation_data["code"] == "rejected_over_max_share"
    with translation.override("en"):
        assert "50 % of the budget (50,000\u00a0€)" in explain(results["B-1"].explanation_data)


def test_equal_shares_cycle_is_counted_within_budget(personas):
    cycle = br.manual_cycle(personas, budgets={1: 100_000}, counting_rule="mes")
    plans = [
        pb.plan(personas, cycle, cost=cost, code=f"M-{i}")
        for i, cost in enumerate([40_000, 30_000, 25_000, 20_000], start=1)
    ]
    br.ballots(cycle, plans[:2], 5)
    br.ballots(cycle, plans[2:], 3)
    br.ballots(cycle, [plans[0]], 2)
    cycle_count(cycle=cycle, by=personas.coordinator)
    results = _results(cycle)
    spent = sum(p.cost_estimate or 0 for p in plans if results[p.code].selected)
    assert 0 < spent <= 100_000
    assert results["M-1"].explanation_data["completion"] == "add1-greedy"
    with translation.override("en"):
        assert all(explain(r.explanation_data) for r in results.values())


def test_recount_replaces_the_results_in_one_go(personas):
    example = br.greedy_example(personas, publish=False)
    before = _results(example.cycle)
    # Four late-entered paper ballots for E (entered before voting closed, say).
    for _ in range(4):
        made = Ballot.objects.create(
            cycle=example.cycle,
            voter_key=br.voter_key(),
            major_district=pb.major(1),
            channel=BallotChannel.PAPER,
            entered_by=personas.officer_south,
        )
        BallotChoice.objects.create(ballot=made, plan=example.plans["E"])
    cycle_count(cycle=example.cycle, by=personas.coordinator)
    after = _results(example.cycle)
    assert PlanResult.objects.filter(plan__cycle=example.cycle).count() == 5
    assert after["S-E"].votes == 4 and before["S-E"].votes == 0
    assert after["S-E"].pk != before["S-E"].pk
    assert (
        AuditEvent.objects.filter(
            object_type="budgeting.cycle",
            object_id=str(example.cycle.pk),
            summary__startswith="PB votes counted",
        ).count()
        == 2
    )


def test_counting_waits_until_voting_has_closed(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        cycle_count(cycle=cycle, by=personas.coordinator)
    assert error.value.messages == ["The votes can be counted only after voting has closed."]
    cycle.refresh_from_db()
    assert cycle.counted_at is None


def test_only_the_coordinator_counts_and_publishes(personas):
    example = br.greedy_example(personas, count=False)
    for person in (personas.officer_south, personas.official, personas.resident):
        with pytest.raises(PermissionDenied):
            cycle_count(cycle=example.cycle, by=person)
        with pytest.raises(PermissionDenied):
            cycle_publish_results(cycle=example.cycle, by=person)
    assert not PlanResult.objects.filter(plan__cycle=example.cycle).exists()


def test_publishing_needs_a_count_and_happens_once(personas):
    example = br.greedy_example(personas, count=False)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        cycle_publish_results(cycle=example.cycle, by=personas.coordinator)
    assert error.value.messages == ["Count the votes before publishing the results."]
    cycle_count(cycle=example.cycle, by=personas.coordinator)
    published = cycle_publish_results(cycle=example.cycle, by=personas.coordinator)
    assert published.results_published_at is not None
    assert published.phase == Phase.RESULTS
    with translation.override("en"), pytest.raises(ValidationError) as error:
        cycle_publish_results(cycle=example.cycle, by=personas.coordinator)
    assert error.value.messages == ["The results have already been published."]
    # Published results are not counted again.
    with translation.override("en"), pytest.raises(ValidationError) as error:
        cycle_count(cycle=example.cycle, by=personas.coordinator)
    assert "no longer be counted again" in error.value.messages[0]


def test_area_without_plans_and_ballots_for_other_plans_are_harmless(personas):
    cycle = br.manual_cycle(personas, budgets={1: 50_000, 2: 50_000})
    plan = pb.plan(personas, cycle, cost=10_000, code="X-1")
    draft = pb.plan(personas, cycle, cost=10_000, code="X-2", status="costed")
    br.ballot(cycle, [plan, draft])
    br.ballot(cycle, [])
    summary = cycle_count(cycle=cycle, by=personas.coordinator)
    assert summary.results == 1
    assert _results(cycle)["X-1"].votes == 1


def _bulk_ballots(cycle: Cycle, plans: list, number: int, first_key: int = 0) -> None:
    made = Ballot.objects.bulk_create(
        [
            Ballot(
                cycle=cycle,
                voter_key=f"{first_key + i:064x}",
                major_district_id=plans[0].major_district_id,
                channel=BallotChannel.ONLINE,
            )
            for i in range(number)
        ],
        batch_size=2000,
    )
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(ballot=ballot, plan=plans[(i + k) % len(plans)])
            for i, ballot in enumerate(made)
            for k in range(1 + i % 3)
        ],
        batch_size=5000,
    )


def _count_queries(personas, number: int) -> tuple[int, dict[str, int]]:
    cycle = br.manual_cycle(personas, budgets={1: 200_000, 7: 100_000, None: 50_000})
    south = [pb.plan(personas, cycle, cost=20_000 + 1000 * i) for i in range(12)]
    east = [pb.plan(personas, cycle, major_number=7, cost=15_000) for _ in range(4)]
    _bulk_ballots(cycle, south, number)
    _bulk_ballots(cycle, east, 3, first_key=10**6)
    with CaptureQueriesContext(connection) as queries:
        cycle_count(cycle=cycle, by=personas.coordinator)
    votes = {r.plan.code: r.votes for r in PlanResult.objects.filter(plan__cycle=cycle)}
    return len(queries), votes


def test_twenty_thousand_ballots_take_as_many_queries_as_ten(personas):
    few, _votes = _count_queries(personas, 10)
    many, votes = _count_queries(personas, 20_000)
    assert many == few
    assert many <= 15
    # Ballot i names 1 + i % 3 plans from plan i % 12 on: every plan gets its share.
    assert sum(votes.values()) == sum(1 + i % 3 for i in range(20_000)) + (1 + 2 + 3)
