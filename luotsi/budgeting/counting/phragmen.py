"""Sequential Phragmén for budgets (pabutools' ``sequential_phragmen`` semantics).

Voters' loads start at 0; in each round the project whose purchase gives the lowest new
maximal load ``(sum of its supporters' loads + cost) / supporters`` is bought and all its
supporters' loads are set to that value. The rule stops as soon as a project tied for the
lowest load does not fit the remaining budget. Loads are grouped into classes (one per
round: a voter's load is the load of the last bought project it approves), kept exactly as
fractions, and searched in floats with an error bound, recomputing exactly only the
projects that can still tie.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from .explain import Explanation, money
from .model import Instance, Profile

_REL_TOL = 1e-7  # far above float64 accumulation error; closer values are compared exactly


def sequential_phragmen(
    instance: Instance,
    profile: Profile,
    eligible: list[int],
    tie_rank: list[int],
    explanations: dict[int, Explanation],
) -> list[int]:
    if profile.vote_type != "approval":
        raise ValueError("Sequential Phragmén applies to approval ballots only")
    ptr, rows_all, _ = profile.supporters()
    mult = profile.multiplicity.astype(np.float64)
    scores = profile.approval_scores()
    cls = np.zeros(profile.num_distinct, dtype=np.int64)
    loads: list[Fraction] = [Fraction(0)]
    loads_f = [0.0]
    budget = instance.budget
    remaining_budget = budget
    spent = Fraction(0)
    candidates = set()
    for p in eligible:
        if instance.costs[p] <= budget:
            candidates.add(p)
        else:
            explanations[p] = Explanation(
                "rejected_exceeds_budget",
                {"cost": money(instance.costs[p]), "budget": money(budget)},
            )
    rows = {p: rows_all[ptr[p] : ptr[p + 1]] for p in candidates}
    selected: list[int] = []
    # Float sums of supporters' loads per project, updated incrementally after each purchase.
    load_sum = np.zeros(instance_size := len(instance), dtype=np.float64)
    ballot_load = np.zeros(profile.num_distinct, dtype=np.float64)
    costs_f = instance.costs_float
    score_f = scores.astype(np.float64)
    cand_mask = np.zeros(instance_size, dtype=bool)
    cand_mask[list(candidates)] = True

    def grouped(p: int) -> tuple[list[int], list[int]]:
        counts = np.bincount(cls[rows[p]], weights=mult[rows[p]], minlength=len(loads))
        nz = np.flatnonzero(counts)
        return nz.tolist(), counts[nz].astype(np.int64).tolist()

    def exact_value(p: int) -> Fraction | None:
        score = int(scores[p])
        if score == 0:
            return None  # infinite
        classes, counts = grouped(p)
        total = sum((loads[c] * n for c, n in zip(classes, counts, strict=True)), Fraction(0))
        return (total + instance.costs[p]) / score

    rnd = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        while candidates:
            values = np.where(score_f > 0, (load_sum + costs_f) / score_f, np.inf)
            values[~cand_mask] = np.nan
            best_f = float(np.nanmin(values))
            if best_f == math.inf:
                tied = sorted(candidates, key=lambda q: tie_rank[q])
                best: Fraction | None = None
            else:
                close = np.flatnonzero(values <= best_f * (1 + _REL_TOL)).tolist()
                exact = {p: exact_value(p) for p in close}
                finite = {p: v for p, v in exact.items() if v is not None}
                best = min(finite.values())
                tied = sorted(
                    (p for p, v in finite.items() if v == best), key=lambda q: tie_rank[q]
                )
            blockers = [p for p in tied if spent + instance.costs[p] > budget]
            if blockers:
                for p in candidates:
                    explanations[p] = Explanation(
                        "rejected_phragmen_stopped",
                        {
                            "round": rnd + 1,
                            "blocker": instance.ids[blockers[0]],
                            "remaining": money(remaining_budget),
                            "cost": money(instance.costs[p]),
                        },
                    )
                break
            winner = tied[0]
            rnd += 1
            candidates.discard(winner)
            cand_mask[winner] = False
            spent += instance.costs[winner]
            remaining_budget = budget - spent
            selected.append(winner)
            load = best
            if load is not None:
                loads.append(load)
                loads_f.append(float(load))
                cls[rows[winner]] = len(loads) - 1
                moved = rows[winner]
                entries = profile.entries_of(moved)
                delta = (float(load) - ballot_load[moved]) * mult[moved]
                lengths = profile.indptr[moved + 1] - profile.indptr[moved]
                load_sum += np.bincount(
                    profile.indices[entries],
                    weights=np.repeat(delta, lengths),
                    minlength=instance_size,
                )
                ballot_load[moved] = float(load)
            explanations[winner] = Explanation(
                "selected_phragmen",
                {
                    "round": rnd,
                    "supporters": int(scores[winner]),
                    "load": "∞" if load is None else money(Fraction(math.floor(load * 100), 100)),
                    "cost": money(instance.costs[winner]),
                },
            )
    return selected
