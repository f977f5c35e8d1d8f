"""Method of Equal Shares with exact arithmetic and float filtering.

Voters are grouped into *budget classes*: every voter starts in class 0 with the same budget,
and when a project is bought its supporters of class ``c`` (and utility ``u``) move together to
a new class with budget ``b_c - min(b_c, rho * u)``. Voters with nothing left are dropped
(class -1). Exact budgets are integers over one common denominator ``G`` (``b_c = num_c / G``;
``G`` grows by one factor per purchase), so exact work is integer arithmetic; a float copy
drives the vectorised search. For each candidate the affordability ``rho`` is computed in
floats with a rigorous error bound, and only projects whose interval can still reach the
minimum are recomputed exactly (usually one or two per round). Affordabilities never
decrease, so earlier values are lower bounds and most projects are not re-evaluated in a
round (lazy evaluation, as in pabutools).

Utilities are written ``u = scale * v`` with an exact ``scale`` per project (its cost for cost
utilities, else 1) and integer ``v`` per supporter (1, or the points of cardinal ballots).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np

from .explain import Explanation, money
from .model import FloatArray, Instance, IntArray, Profile

Utility = Literal["cost", "approval"]
_EPS = float(np.finfo(np.float64).eps)


def _cents_down(value: float) -> str:
    return money(Fraction(math.floor(value * 100 + 1e-9), 100)) if value >= 0 else "0"


@dataclass
class _Supp:
    rows: IntArray  # distinct-ballot ids supporting the project
    mult: FloatArray  # their multiplicities
    vidx: IntArray | None  # per supporter: index into vals (None: a single value)
    vals: list[int]  # distinct integer utility factors v
    scale: Fraction  # u = scale * v
    u_f: FloatArray  # float(scale * v) per value
    voters: int


@dataclass
class MESRun:
    selected: list[int]
    explanations: dict[int, Explanation]
    per_voter_budget: Fraction


class MESData:
    """Everything MES needs that does not depend on the voters' budget (reused by Add1)."""

    def __init__(
        self,
        instance: Instance,
        profile: Profile,
        utility: Utility,
        eligible: list[int],
        tie_rank: list[int],
    ) -> None:
        self.instance = instance
        self.profile = profile
        self.tie_rank = tie_rank
        self.num_voters = profile.num_voters
        ptr, rows, weights = profile.supporters()
        mult = profile.multiplicity.astype(np.float64)
        cardinal = profile.points is not None
        self.supp: dict[int, _Supp] = {}
        self.free: list[int] = []  # supported projects costing nothing
        self.candidates: list[int] = []
        self.unsupported: list[int] = []
        self.zero_utility: list[int] = []
        for p in eligible:
            lo, hi = int(ptr[p]), int(ptr[p + 1])
            r = rows[lo:hi]
            w = weights[lo:hi]
            keep = w > 0
            r, w = r[keep], w[keep]
            if len(r) == 0:
                self.unsupported.append(p)
                continue
            cost = instance.costs[p]
            cost_utility = utility == "cost" and not cardinal
            if cost == 0:
                if cost_utility:
                    # The cost utility of a free project is 0: pabutools never selects it.
                    self.zero_utility.append(p)
                else:
                    self.free.append(p)
                continue
            vidx: IntArray | None = None
            scale = cost if cost_utility else Fraction(1)
            vals = [1]
            if cardinal and utility == "cost":
                distinct, inverse = np.unique(w, return_inverse=True)
                vals = [int(v) for v in distinct]
                if len(vals) > 1:
                    vidx = inverse.astype(np.int64)
            self.supp[p] = _Supp(
                rows=r,
                mult=mult[r],
                vidx=vidx,
                vals=vals,
                scale=scale,
                u_f=np.array([float(scale * v) for v in vals]),
                voters=int(profile.multiplicity[r].sum()),
            )
            self.candidates.append(p)
        self.free.sort(key=lambda p: tie_rank[p])
        self.num_distinct = profile.num_distinct

    def run(self, per_voter: Fraction) -> MESRun:
        return _Run(self, per_voter).execute()


ObjArray = np.ndarray  # numpy arrays of Python ints (dtype=object): exact, vectorised loops


class _Run:
    def __init__(self, data: MESData, per_voter: Fraction) -> None:
        self.d = data
        self.per_voter = per_voter
        alive = per_voter > 0
        self.cls = np.full(data.num_distinct, 0 if alive else -1, dtype=np.int64)
        # Class c holds nums[c] * scale[gens[c]] / den: numerators are rescaled lazily, by
        # generation (one per change of the common denominator), not class by class.
        self.den = per_voter.denominator
        self.size = 1
        self.nums: ObjArray = np.zeros(64, dtype=object)
        self.nums[0] = per_voter.numerator
        self.gens = np.zeros(64, dtype=np.int64)
        self.scale: list[int] = [1]
        self.scale_obj: ObjArray = np.array([1], dtype=object)
        self.budgets_f = np.zeros(64, dtype=np.float64)
        self.budgets_f[0] = float(per_voter)
        self.compact_at = 4096

    # -- classes --------------------------------------------------------------------------
    def _add_classes(self, nums: ObjArray) -> IntArray:
        """Append classes with these positive numerators (over ``den``); returns their ids."""
        k = len(nums)
        while self.size + k > len(self.nums):
            grow = len(self.nums)
            self.nums = np.concatenate([self.nums, np.zeros(grow, dtype=object)])
            self.gens = np.concatenate([self.gens, np.zeros(grow, dtype=np.int64)])
            self.budgets_f = np.concatenate([self.budgets_f, np.zeros(grow)])
        ids = np.arange(self.size, self.size + k, dtype=np.int64)
        self.nums[ids] = nums
        self.gens[ids] = len(self.scale) - 1
        self.budgets_f[ids] = (nums / self.den).astype(np.float64)
        self.size += k
        return ids

    def _exact_nums(self, classes: IntArray) -> ObjArray:
        """Exact budgets of the classes times the current common denominator."""
        return self.nums[classes] * self.scale_obj[self.gens[classes]]

    def _compact(self) -> None:
        """Renumber the classes still holding voters (dropping the spent and emptied ones)."""
        alive = self.cls >= 0
        keep = np.unique(self.cls[alive])
        remap = np.full(self.size, -1, dtype=np.int64)
        remap[keep] = np.arange(len(keep), dtype=np.int64)
        self.cls[alive] = remap[self.cls[alive]]
        capacity = max(64, 2 * len(keep))
        nums = np.zeros(capacity, dtype=object)
        nums[: len(keep)] = self._exact_nums(keep)
        budgets = np.zeros(capacity, dtype=np.float64)
        budgets[: len(keep)] = self.budgets_f[keep]
        self.nums, self.budgets_f = nums, budgets
        self.gens = np.zeros(capacity, dtype=np.int64)
        self.scale = [1]
        self.scale_obj = np.array([1], dtype=object)
        self.size = len(keep)

    def _groups(self, p: int) -> tuple[IntArray, IntArray, FloatArray]:
        """Supporters of p with money, grouped: (class, value index, voter count)."""
        s = self.d.supp[p]
        c = self.cls[s.rows]
        alive = c >= 0
        nv = len(s.vals)
        key = c[alive] if s.vidx is None else c[alive] * nv + s.vidx[alive]
        counts = np.bincount(key, weights=s.mult[alive], minlength=self.size * nv)
        uniq = np.flatnonzero(counts).astype(np.int64)
        return uniq // nv, uniq % nv, counts[uniq].astype(np.float64)

    # -- affordability ----------------------------------------------------------------------
    def _float_rho(self, p: int) -> tuple[float, float] | None:
        """(rho, error bound), or None when the supporters cannot afford p (exactly checked)."""
        s = self.d.supp[p]
        cost = float(self.d.instance.costs[p])
        gc, gv, counts = self._groups(p)
        if len(gc) == 0:
            return None
        b = self.budgets_f[gc]
        u = s.u_f[gv]
        r = b / u
        if len(gc) > 1:
            order = np.argsort(r, kind="stable")
            r, counts, b, u = r[order], counts[order], b[order], u[order]
        money_ = counts * b
        avail = float(money_.sum())
        slack = 16.0 * (len(gc) + 8) * _EPS * (cost + avail)
        if avail < cost - slack:
            return None
        if avail <= cost + slack and not self._exact_affordable(p):
            return None
        weight = counts * u
        pm = np.cumsum(money_) - money_
        rich = np.cumsum(weight[::-1])[::-1]
        cond = (cost - pm) <= r * rich * (1 + 4 * _EPS) + slack
        k = int(np.argmax(cond)) if cond.any() else len(r) - 1
        rho = max(cost - float(pm[k]), 0.0) / float(rich[k])
        err = 4.0 * slack / float(rich[k]) + 8 * _EPS * rho
        return rho, err

    def _exact_affordable(self, p: int) -> bool:
        cost = self.d.instance.costs[p]
        gc, _, counts = self._groups(p)
        total = (self._exact_nums(gc) * counts.astype(np.int64).astype(object)).sum()
        return bool(total * cost.denominator >= cost.numerator * self.den)

    def _exact(self, p: int) -> tuple[Fraction, int, int] | None:
        """Exact (rho, X, Y): the price per utility factor is ``tau = X / (Y * G)``.

        Walks the supporters' groups from the poorest (by budget per utility), as pabutools
        does, in float order with exact arithmetic; the result is then verified exactly
        against every group left rich, and recomputed in exact order if float order was
        wrong about a near tie.
        """
        s = self.d.supp[p]
        cost = self.d.instance.costs[p]
        gc, gv, counts = self._groups(p)
        if len(gc) == 0:
            return None
        order = np.argsort(self.budgets_f[gc] / s.u_f[gv], kind="stable")
        nums = self._exact_nums(gc[order])
        vals = np.array(s.vals, dtype=object)[gv[order]]
        ns = counts[order].astype(np.int64).astype(object)
        result = self._walk(cost, nums, vals, ns, verify=True)
        if result is None:
            exact_order = sorted(
                range(len(nums)), key=lambda i: Fraction(int(nums[i]), int(vals[i]))
            )
            idx = np.array(exact_order, dtype=np.int64)
            result = self._walk(cost, nums[idx], vals[idx], ns[idx], verify=False)
        if result is None:
            return None
        x, y = result
        return Fraction(x, y * self.den) / s.scale, x, y

    def _walk(
        self, cost: Fraction, nums: ObjArray, vals: ObjArray, ns: ObjArray, verify: bool
    ) -> tuple[int, int] | None:
        cn, cd = cost.numerator, cost.denominator
        money_ = nums * ns
        poor = np.cumsum(money_) - money_  # money of the groups before each one
        vn = vals * ns
        rich = vn.sum() - (np.cumsum(vn) - vn)  # utility weight from each group on
        x = cn * self.den - cd * poor
        # tau * v <= budget  <=>  v * x / (cd * G * rich) <= num / G
        ok = (vals * x <= nums * cd * rich).astype(bool)
        if not ok.any():
            return None
        k = int(np.argmax(ok))
        xk, yk = int(x[k]), int(cd * rich[k])
        if verify and not bool((vals[k:] * xk <= nums[k:] * yk).astype(bool).all()):
            return None
        return xk, yk

    # -- main loop ---------------------------------------------------------------------------
    def execute(self) -> MESRun:
        d = self.d
        inst = d.instance
        explanations: dict[int, Explanation] = {}
        selected: list[int] = list(d.free)
        for p in d.free:
            explanations[p] = Explanation("selected_free", {"cost": "0"})
        for p in d.unsupported:
            explanations[p] = Explanation("rejected_no_support", {"cost": money(inst.costs[p])})
        for p in d.zero_utility:
            explanations[p] = Explanation("rejected_free_no_utility", {"cost": "0"})
        lower: dict[int, float] = dict.fromkeys(d.candidates, 0.0)
        remaining = set(d.candidates)
        rnd = 0
        while remaining:
            best_hi = math.inf
            intervals: dict[int, tuple[float, float]] = {}
            for p in sorted(remaining, key=lambda q: (lower[q], d.tie_rank[q])):
                if lower[p] > best_hi:
                    break
                res = self._float_rho(p)
                if res is None:
                    remaining.discard(p)
                    explanations[p] = self._cannot_afford(p)
                    continue
                rho, err = res
                lo, hi = rho - err, rho + err
                lower[p] = max(lower[p], lo)
                intervals[p] = (lo, hi)
                best_hi = min(best_hi, hi)
            if not intervals:
                break
            close = [p for p, (lo, _) in intervals.items() if lo <= best_hi]
            exact: dict[int, tuple[Fraction, int, int]] = {}
            for p in close:
                value = self._exact(p)
                if value is None:  # pragma: no cover - the float filter removed these
                    remaining.discard(p)
                    explanations[p] = self._cannot_afford(p)
                    continue
                exact[p] = value
                lower[p] = max(lower[p], float(value[0]) * (1 - 4 * _EPS))
            if not exact:
                continue
            winner = min(exact, key=lambda q: (exact[q][0], d.tie_rank[q]))
            rnd += 1
            explanations[winner] = self._buy(winner, *exact[winner], rnd)
            selected.append(winner)
            remaining.discard(winner)
        return MESRun(selected, explanations, self.per_voter)

    def _cannot_afford(self, p: int) -> Explanation:
        gc, _, counts = self._groups(p)
        avail = float(np.dot(self.budgets_f[gc], counts)) if len(gc) else 0.0
        return Explanation(
            "rejected_supporters_cannot_afford",
            {"money": _cents_down(avail), "cost": money(self.d.instance.costs[p])},
        )

    def _buy(self, p: int, rho: Fraction, x: int, y: int, rnd: int) -> Explanation:
        """Charge p's supporters ``min(budget, tau * v)`` with ``tau = x / (y * G)``."""
        s = self.d.supp[p]
        gc, gv, _ = self._groups(p)
        nv = len(s.vals)
        g = math.gcd(x, y)
        x, y = x // g, y // g
        current = self._exact_nums(gc)
        # New common denominator G * y; every class is rescaled lazily via its generation.
        if y != 1:
            self.scale = [f * y for f in self.scale]
            self.scale.append(1)
            self.scale_obj = np.array(self.scale, dtype=object)
            self.den *= y
            current = current * y
        left = current - np.array(s.vals, dtype=object)[gv] * x
        keep = (left > 0).astype(bool)
        mapping = np.full(self.size * nv, -1, dtype=np.int64)
        mapping[(gc * nv + gv)[keep]] = self._add_classes(left[keep])
        c_all = self.cls[s.rows]
        alive = c_all >= 0
        key = c_all[alive] if s.vidx is None else c_all[alive] * nv + s.vidx[alive]
        self.cls[s.rows[alive]] = mapping[key]
        if self.size >= self.compact_at:
            self._compact()
            self.compact_at = max(4096, 4 * self.size)
        top = max(s.vals)
        return Explanation(
            "selected_equal_shares",
            {
                "round": rnd,
                "supporters": s.voters,
                "cost": money(self.d.instance.costs[p]),
                "price": _cents_down(float(rho * s.scale * top)),
            },
        )
