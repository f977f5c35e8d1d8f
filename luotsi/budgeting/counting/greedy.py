"""Greedy rules: by votes (OmaStadi) or by votes per euro, skipping what does not fit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from .explain import Explanation, money
from .model import Instance


def greedy_order(
    instance: Instance,
    scores: Sequence[int],
    per_cost: bool,
    tie_rank: Sequence[int],
    candidates: Iterable[int],
) -> list[int]:
    """Candidates ordered by score (or score per euro), best first, ties by `tie_rank`.

    Scores per euro are compared exactly (fractions). A free project with a positive score
    comes first under ``per_cost`` (infinite density); a project without score has density 0,
    as in pabutools.
    """

    def key(p: int) -> tuple[int, Fraction, int]:
        score = int(scores[p])
        if not per_cost:
            return (0, Fraction(-score), tie_rank[p])
        if score > 0 and instance.costs[p] == 0:
            return (-1, Fraction(0), tie_rank[p])
        density = Fraction(score) / instance.costs[p] if score > 0 else Fraction(0)
        return (0, -density, tie_rank[p])

    return sorted(candidates, key=key)


def greedy_fill(
    instance: Instance,
    order: Sequence[int],
    selected: list[int],
    scores: Sequence[int],
    explanations: dict[int, Explanation],
    completion: bool = False,
) -> list[int]:
    """Walk `order`, taking each project that fits the remaining budget; returns additions."""
    remaining = instance.budget - instance.total_cost(selected)
    added: list[int] = []
    for p in order:
        cost = instance.costs[p]
        params = {"votes": int(scores[p]), "cost": money(cost), "remaining": money(remaining)}
        if cost <= remaining:
            remaining -= cost
            added.append(p)
            code = "selected_completion_fits" if completion else "selected_fits"
            explanations[p] = Explanation(code, params)
        else:
            explanations[p] = Explanation("rejected_no_fit", params)
    selected.extend(added)
    return added
