"""Hand-computed examples, with the working written out."""

from fractions import Fraction

import pytest

from luotsi.budgeting.counting import (
    MESSAGES,
    CountingError,
    Instance,
    Profile,
    Project,
    count,
)


def run(election, rule, completion="none", **options):
    instance, profile = election
    return count(instance, profile, rule, completion, **options)


def election(
    costs: dict[str, int] | dict[str, str], budget: int | str, ballots: list[list[str]]
) -> tuple[Instance, Profile]:
    instance = Instance([Project(pid, Fraction(c)) for pid, c in costs.items()], budget)
    profile = Profile.from_ballots(
        len(instance), [[instance.index[p] for p in ballot] for ballot in ballots]
    )
    return instance, profile


@pytest.fixture
def majority():
    """Budget 100; A, B, C cost 50; three voters approve {A, B}, one voter {C}."""
    return election({"A": 50, "B": 50, "C": 50}, 100, [["A", "B"]] * 3 + [["C"]])


def test_greedy_majority(majority):
    # A and B have 3 votes each (tie -> A first), both fit; C (1 vote) no longer fits.
    outcome = run(majority, "greedy")
    assert outcome.selected == ["A", "B"]
    assert outcome.total_cost == 100
    assert outcome.explanations["C"].code == "rejected_no_fit"
    assert outcome.explanations["C"].params == {"votes": 1, "cost": "50", "remaining": "0"}


def test_mes_majority(majority):
    # Each voter gets 25. A and B: three supporters pay 50/3 each (tie -> A). Afterwards
    # A's supporters have 3 * 25/3 = 25 < 50 for B; C's single supporter has 25 < 50.
    outcome = run(majority, "mes")
    assert outcome.selected == ["A"]
    why = outcome.explanations["B"]
    assert why.code == "rejected_supporters_cannot_afford"
    assert why.params == {"money": "25", "cost": "50"}
    assert (
        why.message
        == "Not selected: its supporters' remaining money 25 could not cover its cost 50."
    )
    assert outcome.explanations["A"].params["price"] == "16.66"


def test_mes_add1_majority(majority):
    # B becomes affordable after A once 3 * (b - 50/3) >= 50, i.e. b >= 33 1/3 -> b = 34
    # (exhaustive: C does not fit). C becomes affordable at b = 50, and buying A, B and C
    # overspends, so plain Add1 keeps b = 49.
    exhaustive = run(majority, "mes", "add1-exhaustive")
    assert exhaustive.selected == ["A", "B"]
    assert exhaustive.details == {"per_voter_budget": "34", "add1_steps": 9}
    add1 = run(majority, "mes", "add1")
    assert add1.selected == ["A", "B"]
    assert add1.details == {"per_voter_budget": "49", "add1_steps": 24}


def test_mes_greedy_completion(majority):
    outcome = run(majority, "mes", "greedy")
    assert outcome.selected == ["A", "B"]
    assert outcome.explanations["B"].code == "selected_completion_fits"


def test_phragmen_majority(majority):
    # Loads: A, B 50/3 (tie -> A), C 50. Then B (3*50/3 + 50)/3 = 100/3 < 50: B.
    # Then C at 50 is next but does not fit: stop.
    outcome = run(majority, "phragmen")
    assert outcome.selected == ["A", "B"]
    assert outcome.explanations["C"].code == "rejected_phragmen_stopped"
    assert outcome.explanations["C"].params["blocker"] == "C"


@pytest.fixture
def two_groups():
    """Budget 300, all projects cost 100; 4 voters approve {A,B,C}, 2 voters {D,E}."""
    return election(dict.fromkeys("ABCDE", 100), 300, [["A", "B", "C"]] * 4 + [["D", "E"]] * 2)


def test_greedy_ignores_the_minority(two_groups):
    assert run(two_groups, "greedy").selected == ["A", "B", "C"]


def test_mes_is_proportional(two_groups):
    # 50 each. A: 4 pay 25 (rho 1/4); D: 2 pay 50 (rho 1/2). A, then B (4 * 25 = 100),
    # then the majority is broke and D is bought by the minority.
    outcome = run(two_groups, "mes")
    assert outcome.selected == ["A", "B", "D"]
    assert outcome.explanations["C"].params["money"] == "0"
    assert run(two_groups, "mes-approval").selected == ["A", "B", "D"]


def test_phragmen_is_proportional(two_groups):
    # A at load 25; B and D tie at 50 (-> B); then D at 50 beats C at 75; C does not fit.
    assert run(two_groups, "phragmen").selected == ["A", "B", "D"]


@pytest.fixture
def skipping():
    """Budget 100: A costs 80 (5 votes), B 30 (4 votes), C 20 (3 votes)."""
    ballots = [["A", "B", "C"]] * 3 + [["A", "B"], ["A"]]
    return election({"A": 80, "B": 30, "C": 20}, 100, ballots)


def test_greedy_skips_what_does_not_fit(skipping):
    outcome = run(skipping, "greedy")
    assert outcome.selected == ["A", "C"]
    assert outcome.explanations["B"].params == {"votes": 4, "cost": "30", "remaining": "20"}
    assert outcome.explanations["C"].message == (
        "Selected: with 3 votes it was next in line and its cost 20 fitted the remaining budget 20."
    )


def test_greedy_cost_uses_votes_per_euro(skipping):
    # C 3/20 > B 4/30 > A 5/80.
    assert run(skipping, "greedy-cost").selected == ["C", "B"]


def test_max_share_caps_projects(skipping):
    outcome = run(skipping, "greedy", max_share=Fraction(1, 2))
    assert outcome.selected == ["B", "C"]
    assert outcome.explanations["A"].code == "rejected_over_max_share"
    assert outcome.explanations["A"].params == {
        "cost": "80",
        "cap": "50",
        "max_share_percent": "50",
    }


@pytest.mark.parametrize(
    ("tie_break", "expected"),
    [("lexico", ["10"]), ("min-cost", ["10"]), ("max-cost", ["9"]), ("max-votes", ["10"])],
)
def test_tie_breaking(tie_break, expected):
    # Equal votes; ids compare as strings, so "10" < "9".
    instance, profile = election({"9": 60, "10": 40}, 60, [["9"], ["10"]])
    assert count(instance, profile, "greedy", tie_break=tie_break).selected == expected


def test_max_votes_tie_break_in_mes():
    # Approval utilities: X costs its one supporter 10, Y costs each of its two supporters
    # 10: rho is 10 for both, a tie. Lexico prefers X, max-votes prefers Y.
    instance, profile = election({"X": 10, "Y": 20}, 20, [["X", "Y"], ["Y"]])
    assert count(instance, profile, "mes-approval").selected == ["X"]
    assert count(instance, profile, "mes-approval", tie_break="max-votes").selected == ["Y"]


def test_decimal_costs_are_exact():
    # In floats 0.1 + 0.2 > 0.3; exactly, both fit.
    instance, profile = election({"A": "0.1", "B": "0.2"}, "0.3", [["A", "B"]] * 3)
    assert count(instance, profile, "greedy").selected == ["A", "B"]
    assert count(instance, profile, "phragmen").selected == ["A", "B"]
    # MES: 0.1 per voter, 0.3 in all, exactly enough for both.
    assert set(count(instance, profile, "mes").selected) == {"A", "B"}


def test_money_exactly_equal_to_cost():
    # mes-approval, budget 4, 3 voters with 4/3 each. "4" is free; "2" (cost 1) and "3"
    # (cost 3, 3 supporters) tie at rho 1 -> "2". Then "3"'s supporters hold 4/3 + 1/3 + 4/3
    # = 3 exactly: affordable (3 in floats is 2.9999999999999996).
    instance, profile = election(
        {"0": 4, "1": 5, "2": 1, "3": 3, "4": 0},
        4,
        [["3", "1"], ["2", "1", "4", "0", "3"], ["1", "4", "3"]],
    )
    assert count(instance, profile, "mes-approval").selected == ["4", "2", "3"]


def test_exact_tie_between_different_float_paths():
    # Budget 7, 7 voters with 1 each (one votes for nothing). P costs 3 (3 supporters), Q
    # costs 6 (6 supporters, including P's). Cost utilities: rho_P = (3/3)/3 = 1/3 and
    # rho_Q = (6/6)/6 = 1/6, so Q; then P's supporters have 0 left.
    instance, profile = election({"P": 3, "Q": 6}, 7, [["P", "Q"]] * 3 + [["Q"]] * 3 + [[]])
    outcome = count(instance, profile, "mes")
    assert outcome.selected == ["Q"]
    assert outcome.explanations["P"].params["money"] == "0"
    # Approval utilities: both cost each supporter exactly 1, a tie broken lexicographically;
    # then Q's supporters hold 3 < 6.
    assert count(instance, profile, "mes-approval").selected == ["P"]


def test_free_project_and_no_voters():
    instance, profile = election({"F": 0, "A": 5}, 10, [["F"], ["A"]])
    # Under cost utilities a free project gives no utility (pabutools agrees).
    assert count(instance, profile, "mes").selected == ["A"]
    assert count(instance, profile, "mes").explanations["F"].code == "rejected_free_no_utility"
    assert count(instance, profile, "mes-approval").selected == ["F", "A"]
    empty = Profile.from_ballots(2, [])
    assert count(instance, empty, "mes").selected == []
    # Greedy takes unsupported projects that fit, as pabutools does.
    assert count(instance, empty, "greedy").selected == ["A", "F"]


def test_every_message_renders():
    instance, profile = election({"A": 80, "B": 30, "C": 20}, 100, [["A", "B"], ["C"]])
    for rule in ("greedy", "greedy-cost", "mes", "mes-approval", "phragmen"):
        for pid, why in count(instance, profile, rule).explanations.items():
            assert why.code in MESSAGES
            assert why.message and "{" not in why.message, (rule, pid)
            assert why.as_dict()["code"] == why.code


def test_bad_requests():
    instance, profile = election({"A": 1}, 1, [["A"]])
    with pytest.raises(CountingError, match="unknown rule"):
        count(instance, profile, "borda")
    with pytest.raises(CountingError, match="MES rules only"):
        count(instance, profile, "greedy", "add1")
    with pytest.raises(CountingError, match="tie-breaking"):
        count(instance, profile, "greedy", tie_break="coin")
    with pytest.raises(CountingError, match="max_share"):
        count(instance, profile, "greedy", max_share=2)
    ordinal = Profile.from_ballots(1, [[0]], "ordinal")
    with pytest.raises(CountingError, match="ordinal"):
        count(instance, ordinal, "greedy")
    cumulative = Profile.from_ballots(1, [{0: 2}], "cumulative")
    with pytest.raises(CountingError, match="approval ballots only"):
        count(instance, cumulative, "phragmen")


def test_collapsing_identical_ballots():
    import numpy as np

    indptr = np.array([0, 2, 4, 5, 5, 7])
    indices = np.array([0, 1, 1, 0, 2, 1, 0])
    profile = Profile.from_arrays(3, indptr, indices)
    assert profile.num_voters == 5
    assert profile.num_distinct == 3  # {0,1} x3, {2}, {}
    assert sorted(profile.multiplicity.tolist()) == [1, 1, 3]
    assert profile.approval_scores().tolist() == [3, 3, 1]
