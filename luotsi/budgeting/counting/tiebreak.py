"""Deterministic tie-breaking.

Every rule orders tied projects by a key; the key of each rule ends with the project id
compared as a string, so no two projects ever stay tied and outcomes never depend on hash
or set order.

* ``lexico`` (default) — smallest project id first, comparing ids as strings ("10" < "9").
  This is pabutools' default ``lexico_tie_breaking`` and reproduces its outcomes exactly.
* ``min-cost`` — cheapest first, then ``lexico``.
* ``max-cost`` — most expensive first, then ``lexico``.
* ``max-votes`` — most approvals (voters naming the project) first, then ``lexico``.

pabutools' ``min_cost``/``max_cost``/``app_score`` rules leave equal-key projects in the order
it happened to list them (for MES: set iteration order, which varies between runs), so they
agree with ours whenever the key alone decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from .model import Instance

TIE_BREAKS: tuple[str, ...] = ("lexico", "min-cost", "max-cost", "max-votes")

TieKey = tuple[Fraction | int, str]


def tie_key_function(
    name: str, instance: Instance, votes: Sequence[int]
) -> Callable[[int], TieKey]:
    """Sort key over project positions: smaller sorts first and wins the tie."""
    ids = instance.ids
    costs = instance.costs
    if name == "lexico":
        return lambda p: (0, ids[p])
    if name == "min-cost":
        return lambda p: (costs[p], ids[p])
    if name == "max-cost":
        return lambda p: (-costs[p], ids[p])
    if name == "max-votes":
        return lambda p: (-int(votes[p]), ids[p])
    raise ValueError(f"unknown tie-breaking rule {name!r}; choose one of {', '.join(TIE_BREAKS)}")


def tie_ranks(name: str, instance: Instance, votes: Sequence[int]) -> list[int]:
    """Position of each project in the total tie-breaking order (0 wins every tie)."""
    key = tie_key_function(name, instance, votes)
    order = sorted(range(len(instance)), key=key)
    ranks = [0] * len(instance)
    for rank, p in enumerate(order):
        ranks[p] = rank
    return ranks
