"""The public entry point: `count` runs a rule (and a completion) and explains the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .explain import Explanation, money
from .greedy import greedy_fill, greedy_order
from .mes import MESData, MESRun, Utility
from .model import Instance, Profile
from .phragmen import sequential_phragmen
from .tiebreak import tie_ranks

RULES: tuple[str, ...] = ("greedy", "greedy-cost", "mes", "mes-approval", "phragmen")
COMPLETIONS: tuple[str, ...] = ("none", "add1", "add1-exhaustive", "greedy", "add1-greedy")


class CountingError(ValueError):
    """A rule cannot be applied as asked (wrong vote type, unknown rule, ...)."""


@dataclass
class Outcome:
    rule: str
    completion: str
    tie_break: str
    budget: Fraction
    selected: list[str]
    total_cost: Fraction
    explanations: dict[str, Explanation]
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "completion": self.completion,
            "tie_break": self.tie_break,
            "selected": list(self.selected),
            "total_cost": _number(self.total_cost),
            "budget": _number(self.budget),
            "explanations": {pid: e.as_dict() for pid, e in self.explanations.items()},
            "details": dict(self.details),
        }


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def count(
    instance: Instance,
    profile: Profile,
    rule: str,
    completion: str = "none",
    tie_break: str = "lexico",
    max_share: Fraction | float | str | None = None,
    max_add1_steps: int | None = None,
) -> Outcome:
    """Select projects with `rule`.

    ``completion`` applies to the MES rules only (``none`` otherwise). ``max_share`` caps any
    project's cost at that share of the budget (OmaStadi: ``0.5``); capped projects are not
    eligible under any rule. ``max_add1_steps`` bounds the Add1 iterations (default: none).
    """
    if rule not in RULES:
        raise CountingError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    if completion not in COMPLETIONS:
        raise CountingError(
            f"unknown completion {completion!r}; choose one of {', '.join(COMPLETIONS)}"
        )
    if completion != "none" and not rule.startswith("mes"):
        raise CountingError(f"completion {completion!r} applies to the MES rules only")
    if profile.num_projects != len(instance):
        raise CountingError("the profile and the instance have different numbers of projects")
    if profile.vote_type == "ordinal":
        raise CountingError(
            "ordinal ballots cannot be counted: "
            "the rules need approval, cumulative or scoring ballots"
        )
    scores = profile.approval_scores().tolist()
    points = profile.total_points().tolist()
    try:
        ranks = tie_ranks(tie_break, instance, scores)
    except ValueError as exc:
        raise CountingError(str(exc)) from exc

    explanations: dict[int, Explanation] = {}
    eligible = list(range(len(instance)))
    if max_share is not None:
        share = Fraction(max_share)
        if not 0 < share <= 1:
            raise CountingError("max_share must be in (0, 1]")
        cap = share * instance.budget
        for p in eligible:
            if instance.costs[p] > cap:
                explanations[p] = Explanation(
                    "rejected_over_max_share",
                    {
                        "cost": money(instance.costs[p]),
                        "cap": money(cap),
                        "max_share_percent": money(share * 100),
                    },
                )
        eligible = [p for p in eligible if p not in explanations]

    details: dict[str, Any] = {}
    selected: list[int] = []
    if rule in ("greedy", "greedy-cost"):
        order = greedy_order(instance, points, rule == "greedy-cost", ranks, eligible)
        greedy_fill(instance, order, selected, points, explanations)
    elif rule == "phragmen":
        try:
            selected = sequential_phragmen(instance, profile, eligible, ranks, explanations)
        except ValueError as exc:
            raise CountingError(str(exc)) from exc
    else:
        utility: Utility = "cost" if rule == "mes" else "approval"
        data = MESData(instance, profile, utility, eligible, ranks)
        run, steps = _mes_with_completion(data, completion, max_add1_steps)
        selected = list(run.selected)
        explanations.update(run.explanations)
        details["per_voter_budget"] = money(run.per_voter_budget)
        if completion.startswith("add1"):
            details["add1_steps"] = steps
        if completion in ("greedy", "add1-greedy"):
            rest = [p for p in eligible if p not in set(selected)]
            order = greedy_order(instance, points, False, ranks, rest)
            before = {p: explanations[p] for p in rest if p in explanations}
            greedy_fill(instance, order, selected, points, explanations, completion=True)
            for p in rest:  # keep the MES reason for projects the fill could not add either
                if explanations[p].code == "rejected_no_fit" and p in before:
                    explanations[p] = before[p]
    return Outcome(
        rule=rule,
        completion=completion,
        tie_break=tie_break,
        budget=instance.budget,
        selected=[instance.ids[p] for p in selected],
        total_cost=instance.total_cost(selected),
        explanations={instance.ids[p]: explanations[p] for p in range(len(instance))},
        details=details,
    )


def _mes_with_completion(
    data: MESData, completion: str, max_steps: int | None
) -> tuple[MESRun, int]:
    inst = data.instance
    n = data.num_voters
    if n == 0:
        everyone = data.candidates + data.free + data.unsupported + data.zero_utility
        return MESRun([], {p: _no_voters(inst, p) for p in everyone}, Fraction(0)), 0
    base = inst.budget / n
    first = data.run(base)
    if completion not in ("add1", "add1-exhaustive", "add1-greedy"):
        return first, 0
    exhaustive_stop = completion == "add1-exhaustive"
    candidate_cost = inst.total_cost(data.candidates) + inst.total_cost(data.free)
    if not exhaustive_stop and candidate_cost <= inst.budget:
        # Nothing MES can buy overspends, so the loop would never stop by itself: like
        # pabutools (budget limit raised up to budget * (n + 1)), take the outcome of the
        # last step, floor(budget).
        steps = inst.budget.numerator // inst.budget.denominator
        return (data.run(base + steps) if steps else first), steps
    previous = first
    step = 0
    while max_steps is None or step < max_steps:
        if exhaustive_stop and _exhaustive(data, previous):
            return previous, step
        step += 1
        outcome = data.run(base + step)
        if inst.total_cost(outcome.selected) > inst.budget:
            return previous, step - 1
        previous = outcome
    return previous, step


def _exhaustive(data: MESData, run: MESRun) -> bool:
    inst = data.instance
    chosen = set(run.selected)
    left = inst.budget - inst.total_cost(chosen)
    return all(p in chosen or inst.costs[p] > left for p in data.candidates)


def _no_voters(inst: Instance, p: int) -> Explanation:
    return Explanation("rejected_no_support", {"cost": money(inst.costs[p])})
