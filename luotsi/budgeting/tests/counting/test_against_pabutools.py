"""Property tests: every rule and completion selects the same set as pabutools.

Instances are small but adversarial: ties (few distinct costs, few voters), projects costing
nothing or the whole budget, empty ballots, a single voter, no voter at all, and ids whose
string order differs from their numeric order ("10" < "9").
"""

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luotsi.budgeting.counting import Instance, Profile, Project, count

pytest.importorskip("pabutools")  # test-only dependency

from .pabu import pabutools_outcome

IDS = ["1", "2", "9", "10", "a", "B"]


@st.composite
def elections(draw: st.DrawFn, cardinal: bool = False) -> tuple[Instance, Profile]:
    budget = draw(st.integers(0, 24))
    m = draw(st.integers(1, 6))
    ids = draw(st.permutations(IDS))[:m]
    cost = st.one_of(st.sampled_from([0, budget, budget // 2]), st.integers(0, 12))
    projects = [Project(pid, Fraction(draw(cost))) for pid in ids]
    n = draw(st.integers(0, 7))
    if cardinal:
        ballot = st.dictionaries(st.integers(0, m - 1), st.integers(0, 3), max_size=m)
        ballots = draw(st.lists(ballot, min_size=n, max_size=n))
        return Instance(projects, budget), Profile.from_ballots(m, ballots, "cumulative")
    sets = draw(st.lists(st.sets(st.integers(0, m - 1)), min_size=n, max_size=n))
    return Instance(projects, budget), Profile.from_ballots(m, [sorted(b) for b in sets])


CASES = [
    ("greedy", "none"),
    ("greedy-cost", "none"),
    ("phragmen", "none"),
    ("mes", "none"),
    ("mes", "add1"),
    ("mes", "add1-exhaustive"),
    ("mes", "greedy"),
    ("mes", "add1-greedy"),
    ("mes-approval", "none"),
    ("mes-approval", "add1"),
    ("mes-approval", "add1-exhaustive"),
    ("mes-approval", "add1-greedy"),
]

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(("rule", "completion"), CASES)
@FAST
@given(election=elections())
def test_approval_same_as_pabutools(rule, completion, election):
    instance, profile = election
    ours = count(instance, profile, rule, completion)
    assert set(ours.selected) == set(pabutools_outcome(instance, profile, rule, completion))
    assert ours.total_cost <= instance.budget
    assert set(ours.explanations) == set(instance.ids)
    for pid, why in ours.explanations.items():
        assert why.selected == (pid in ours.selected), (pid, why)


CARDINAL_CASES = [
    ("greedy-cost", "none"),
    ("mes", "none"),
    ("mes", "add1-exhaustive"),
    ("mes-approval", "none"),
]


@pytest.mark.parametrize(("rule", "completion"), CARDINAL_CASES)
@FAST
@given(election=elections(cardinal=True))
def test_cumulative_same_as_pabutools(rule, completion, election):
    instance, profile = election
    ours = count(instance, profile, rule, completion)
    assert set(ours.selected) == set(pabutools_outcome(instance, profile, rule, completion))
