"""Engine internals: exactness safeguards, and medium-size profiles against pabutools."""

from fractions import Fraction

import numpy as np
import pytest

from luotsi.budgeting.counting import Instance, Profile, Project, count
from luotsi.budgeting.counting.mes import MESData, _Run
from luotsi.budgeting.counting.tiebreak import tie_ranks

pytest.importorskip("pabutools")  # test-only dependency

from .pabu import pabutools_outcome


def random_election(seed: int, voters: int, projects: int, budget: int):
    rng = np.random.default_rng(seed)
    costs = rng.choice([1000, 2000, 3000, 5000, 8000], size=projects)
    weights = 1.0 / np.arange(1, projects + 1)
    ballots = []
    for _ in range(voters):
        k = int(rng.integers(0, 5))
        ballots.append(
            sorted(rng.choice(projects, size=k, replace=False, p=weights / weights.sum()))
        )
    instance = Instance([Project(str(i), Fraction(int(c))) for i, c in enumerate(costs)], budget)
    return instance, Profile.from_ballots(projects, ballots)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    ("rule", "completion"),
    [("mes", "none"), ("mes-approval", "none"), ("phragmen", "none"), ("mes", "add1-greedy")],
)
def test_medium_profiles_match_pabutools(seed, rule, completion):
    # Hundreds of voters make many budget classes, exercising the float filter.
    instance, profile = random_election(seed, voters=250, projects=12, budget=20_000)
    ours = count(instance, profile, rule, completion)
    assert set(ours.selected) == set(pabutools_outcome(instance, profile, rule, completion))


def reference_rho(run: _Run, p: int) -> Fraction | None:
    """Affordability from the exact class budgets, by the textbook algorithm."""
    s = run.d.supp[p]
    gc, gv, counts = run._groups(p)
    groups = sorted(
        (
            Fraction(int(run._exact_nums(np.array([c]))[0]), run.den),
            s.scale * s.vals[v],
            int(n),
        )
        for c, v, n in zip(gc.tolist(), gv.tolist(), counts.tolist(), strict=True)
    )
    groups.sort(key=lambda g: g[0] / g[1])
    paid, weight = Fraction(0), sum(u * n for _, u, n in groups)
    for budget, u, n in groups:
        rho = (run.d.instance.costs[p] - paid) / weight
        if rho * u <= budget:
            return rho
        paid += budget * n
        weight -= u * n
    return None


def test_exact_walk_survives_a_wrong_float_order():
    instance, profile = random_election(7, voters=120, projects=8, budget=60_000)
    ranks = tie_ranks("lexico", instance, profile.approval_scores().tolist())
    data = MESData(instance, profile, "cost", list(range(len(instance))), ranks)
    run = _Run(data, instance.budget / profile.num_voters)
    bought = 0
    for p in data.candidates:
        exact = run._exact(p)
        if exact is not None and bought < 3:
            run._buy(p, *exact, bought + 1)
            bought += 1
    assert run.size > 3
    honest = {p: run._exact(p) for p in data.candidates}
    for p, value in honest.items():
        assert (value[0] if value else None) == reference_rho(run, p)
    # Scramble the float copy used for ordering: the exact walk must notice and recover.
    run.budgets_f[: run.size] = run.budgets_f[: run.size][::-1].copy()
    for p, value in honest.items():
        assert run._exact(p) == value


def test_large_multiplicities_and_many_distinct_ballots():
    rng = np.random.default_rng(5)
    voters, projects = 20_000, 40
    lengths = rng.integers(0, 6, size=voters)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.concatenate([rng.choice(projects, size=k, replace=False) for k in lengths]).astype(
        np.int64
    )
    profile = Profile.from_arrays(projects, indptr, indices)
    assert profile.num_voters == voters
    instance = Instance(
        [
            Project(f"p{i}", Fraction(int(c)))
            for i, c in enumerate(rng.integers(1, 50, projects) * 1000)
        ],
        300_000,
    )
    for rule in ("greedy", "mes", "phragmen"):
        outcome = count(instance, profile, rule)
        assert outcome.total_cost <= instance.budget
        assert len(set(outcome.selected)) == len(outcome.selected)
