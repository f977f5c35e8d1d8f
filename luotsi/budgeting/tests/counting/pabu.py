"""Bridge to pabutools (test and benchmark only): the same election and the same rules."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from gmpy2 import mpq  # type: ignore[import-untyped]
from pabutools.election import (  # type: ignore[import-untyped]
    AbstractCardinalProfile,
    Additive_Cardinal_Sat,
    ApprovalBallot,
    ApprovalProfile,
    Cardinality_Sat,
    Cost_Sat,
    CumulativeBallot,
    CumulativeProfile,
)
from pabutools.election import (
    Instance as PInstance,
)
from pabutools.election import (
    Project as PProject,
)
from pabutools.rules import (  # type: ignore[import-untyped]
    completion_by_rule_combination,
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)

from luotsi.budgeting.counting import Instance, Profile


def _q(value: Fraction) -> Any:
    return mpq(value.numerator, value.denominator)


def to_pabutools(instance: Instance, profile: Profile, multi: bool = True) -> tuple[Any, Any]:
    projects = [PProject(p.id, _q(p.cost)) for p in instance.projects]
    pinst = PInstance(projects, budget_limit=_q(instance.budget))
    ballots = []
    cardinal = profile.points is not None
    for b in range(profile.num_distinct):
        if cardinal:
            ballot = CumulativeBallot(
                {
                    projects[i]: v
                    for i, v in zip(profile.ballot(b), profile.ballot_points(b), strict=True)
                }
            )
        else:
            ballot = ApprovalBallot([projects[i] for i in profile.ballot(b)])
        ballots.extend([ballot] * int(profile.multiplicity[b]))
    if cardinal:
        prof = CumulativeProfile(ballots, instance=pinst)
    else:
        prof = ApprovalProfile(ballots, instance=pinst)
    if multi:
        prof = prof.as_multiprofile()
    return pinst, prof


def pabutools_outcome(
    instance: Instance, profile: Profile, rule: str, completion: str = "none"
) -> list[str]:
    """The selected project ids per pabutools, with lexicographic tie-breaking."""
    pinst, prof = to_pabutools(instance, profile)
    return pabutools_rule(pinst, prof, rule, completion)


def pabutools_rule(pinst: Any, prof: Any, rule: str, completion: str = "none") -> list[str]:
    """Run pabutools' counterpart of our `rule`/`completion` on pabutools objects.

    Approval: greedy = Cost_Sat, greedy-cost = Cardinality_Sat, mes = Cost_Sat, mes-approval =
    Cardinality_Sat. Cumulative (cardinal) ballots: greedy-cost and mes use points
    (Additive_Cardinal_Sat); mes-approval uses Cardinality_Sat.
    """
    n = prof.num_ballots()
    cardinal = isinstance(prof, AbstractCardinalProfile)
    if rule == "greedy":
        out = greedy_utilitarian_welfare(pinst, prof, sat_class=Cost_Sat)
    elif rule == "greedy-cost":
        sat = Additive_Cardinal_Sat if cardinal else Cardinality_Sat
        out = greedy_utilitarian_welfare(pinst, prof, sat_class=sat)
    elif rule == "phragmen":
        out = sequential_phragmen(pinst, prof)
    else:
        sat = Cost_Sat if rule == "mes" else Cardinality_Sat
        if cardinal and rule == "mes":
            sat = Additive_Cardinal_Sat
        mes_params: dict[str, Any] = {"sat_class": sat}
        if completion in ("none", "greedy"):
            out = method_of_equal_shares(pinst, prof, **mes_params)
        elif completion == "add1-exhaustive":
            out = method_of_equal_shares(pinst, prof, voter_budget_increment=1, **mes_params)
        else:  # add1, add1-greedy
            out = (
                exhaustion_by_budget_increase(
                    pinst,
                    prof,
                    method_of_equal_shares,
                    dict(mes_params),
                    exhaustive_stop=False,
                    budget_step=n,
                )
                if n
                else method_of_equal_shares(pinst, prof, **mes_params)
            )
        if completion in ("greedy", "add1-greedy"):
            out = completion_by_rule_combination(
                pinst,
                prof,
                [lambda *a, **k: out, greedy_utilitarian_welfare],
                [{}, {"sat_class": Cost_Sat}],
            )
    return [p.name for p in out]
