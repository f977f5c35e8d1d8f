"""Instances (projects and budget) and compact ballot profiles.

A profile keeps only the distinct ballots, each with its multiplicity, in a CSR layout:
ballot ``b`` approves (or scores, or ranks) the projects ``indices[indptr[b]:indptr[b + 1]]``
with ``points`` at the same positions (cumulative/scoring profiles only). Project positions
refer to ``Instance.projects``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

VoteType = Literal["approval", "cumulative", "scoring", "ordinal"]
VOTE_TYPES: tuple[VoteType, ...] = ("approval", "cumulative", "scoring", "ordinal")

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Project:
    """A project: its id (as in the Pabulib file), its exact cost and any further columns."""

    id: str
    cost: Fraction
    extra: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)


class Instance:
    """The projects (in a fixed order) and the budget limit, both exact."""

    def __init__(
        self,
        projects: Iterable[Project],
        budget: Fraction | int | str,
        meta: Mapping[str, str] | None = None,
    ) -> None:
        self.projects: list[Project] = list(projects)
        self.budget = Fraction(budget)
        self.meta: dict[str, str] = dict(meta or {})
        self.index: dict[str, int] = {}
        for position, project in enumerate(self.projects):
            if project.id in self.index:
                raise ValueError(f"duplicate project id {project.id!r}")
            if project.cost < 0:
                raise ValueError(f"project {project.id!r} has a negative cost")
            self.index[project.id] = position
        if self.budget < 0:
            raise ValueError("the budget is negative")
        self.costs: list[Fraction] = [p.cost for p in self.projects]
        self.costs_float: FloatArray = np.array([float(c) for c in self.costs], dtype=np.float64)

    def __len__(self) -> int:
        return len(self.projects)

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.projects]

    def total_cost(self, positions: Iterable[int]) -> Fraction:
        return sum((self.costs[i] for i in positions), Fraction(0))


class Profile:
    """Distinct ballots with multiplicities (see the module docstring for the layout)."""

    def __init__(
        self,
        num_projects: int,
        vote_type: VoteType,
        indptr: IntArray,
        indices: IntArray,
        multiplicity: IntArray,
        points: IntArray | None = None,
    ) -> None:
        if vote_type not in VOTE_TYPES:
            raise ValueError(f"unknown vote type {vote_type!r}")
        if vote_type in ("cumulative", "scoring") and points is None:
            raise ValueError(f"a {vote_type} profile needs points")
        self.num_projects = num_projects
        self.vote_type: VoteType = vote_type
        self.indptr = indptr
        self.indices = indices
        self.multiplicity = multiplicity
        self.points = points if vote_type in ("cumulative", "scoring") else None

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_ballots(
        cls,
        num_projects: int,
        ballots: Iterable[Sequence[int]] | Iterable[Mapping[int, int]],
        vote_type: VoteType = "approval",
    ) -> Profile:
        """Collapse ballots (approval/ordinal: project positions; cardinal: position→points)."""
        counter: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
        for ballot in ballots:
            key = _ballot_key(ballot, vote_type)
            counter[key] = counter.get(key, 0) + 1
        return cls.from_counter(num_projects, counter, vote_type)

    @classmethod
    def from_counter(
        cls,
        num_projects: int,
        counter: Mapping[tuple[tuple[int, ...], tuple[int, ...]], int],
        vote_type: VoteType,
    ) -> Profile:
        """Build from ``{(positions, points): multiplicity}`` as `_ballot_key` makes them."""
        keys = list(counter)
        lengths = np.fromiter((len(k[0]) for k in keys), dtype=np.int64, count=len(keys))
        indptr = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        total = int(indptr[-1])
        indices = np.fromiter((i for k in keys for i in k[0]), dtype=np.int64, count=total)
        bad = indices[(indices < 0) | (indices >= num_projects)]
        if len(bad):
            raise ValueError(f"ballot names an unknown project position {int(bad[0])}")
        multiplicity = np.fromiter((counter[k] for k in keys), dtype=np.int64, count=len(keys))
        points = None
        if vote_type in ("cumulative", "scoring"):
            points = np.fromiter((v for k in keys for v in k[1]), dtype=np.int64, count=total)
        return cls(num_projects, vote_type, indptr, indices, multiplicity, points)

    @classmethod
    def from_arrays(
        cls,
        num_projects: int,
        indptr: IntArray,
        indices: IntArray,
        multiplicity: IntArray | None = None,
        vote_type: VoteType = "approval",
        points: IntArray | None = None,
    ) -> Profile:
        """Build from one row per voter (CSR); identical ballots are collapsed here."""
        indptr = np.asarray(indptr, dtype=np.int64)
        indices = np.asarray(indices, dtype=np.int64)
        rows = len(indptr) - 1
        mult = (
            np.ones(rows, dtype=np.int64)
            if multiplicity is None
            else np.asarray(multiplicity, dtype=np.int64)
        )
        if vote_type == "approval" and num_projects <= 62:
            # Fast path: a ballot is a bit mask.
            row_of = np.repeat(np.arange(rows), np.diff(indptr))
            masks = np.zeros(rows, dtype=np.int64)
            np.bitwise_or.at(masks, row_of, np.left_shift(np.int64(1), indices))
            unique, inverse = np.unique(masks, return_inverse=True)
            counts = np.bincount(inverse, weights=mult, minlength=len(unique)).astype(np.int64)
            bits = (unique[:, None] >> np.arange(num_projects)[None, :]) & 1
            new_rows, new_cols = np.nonzero(bits)
            new_indptr = np.zeros(len(unique) + 1, dtype=np.int64)
            np.cumsum(np.bincount(new_rows, minlength=len(unique)), out=new_indptr[1:])
            return cls(num_projects, vote_type, new_indptr, new_cols.astype(np.int64), counts)
        counter: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
        ind_list = indices.tolist()
        pts_list = points.tolist() if points is not None else None
        bounds = indptr.tolist()
        for row in range(rows):
            lo, hi = bounds[row], bounds[row + 1]
            if vote_type == "ordinal":
                key = (tuple(ind_list[lo:hi]), ())
            elif pts_list is not None:
                pairs = sorted(zip(ind_list[lo:hi], pts_list[lo:hi], strict=True))
                key = (tuple(p for p, _ in pairs), tuple(v for _, v in pairs))
            else:
                key = (tuple(sorted(ind_list[lo:hi])), ())
            counter[key] = counter.get(key, 0) + int(mult[row])
        return cls.from_counter(num_projects, counter, vote_type)

    # -- queries ------------------------------------------------------------------------
    @property
    def num_distinct(self) -> int:
        return len(self.multiplicity)

    @property
    def num_voters(self) -> int:
        return int(self.multiplicity.sum())

    def ballot(self, b: int) -> list[int]:
        return self.indices[self.indptr[b] : self.indptr[b + 1]].tolist()

    def ballot_points(self, b: int) -> list[int]:
        if self.points is None:
            return [1] * int(self.indptr[b + 1] - self.indptr[b])
        return self.points[self.indptr[b] : self.indptr[b + 1]].tolist()

    def row_of_entry(self) -> IntArray:
        return np.repeat(np.arange(self.num_distinct, dtype=np.int64), np.diff(self.indptr))

    def weights(self) -> IntArray:
        """Per entry: the points (cardinal) or 1 (approval/ordinal)."""
        if self.points is None:
            return np.ones(len(self.indices), dtype=np.int64)
        return self.points

    def approval_scores(self) -> IntArray:
        """Number of voters whose ballot names each project."""
        mult = self.multiplicity[self.row_of_entry()]
        return np.bincount(self.indices, weights=mult, minlength=self.num_projects).astype(np.int64)

    def total_points(self) -> IntArray:
        """Sum of points per project (equals `approval_scores` for approval ballots)."""
        mult = self.multiplicity[self.row_of_entry()] * self.weights()
        # Integer accumulation: bincount's float weights could round past 2**53.
        out = np.zeros(self.num_projects, dtype=np.int64)
        np.add.at(out, self.indices, mult)
        return out

    def entries_of(self, rows: IntArray) -> IntArray:
        """Positions in ``indices`` of all entries of the given distinct ballots."""
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        total = int(lengths.sum())
        offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return offsets + np.arange(total, dtype=np.int64)

    def supporters(self) -> tuple[IntArray, IntArray, IntArray]:
        """CSC view: for project p, ballots ``rows[ptr[p]:ptr[p+1]]`` with ``weights`` there."""
        rows = self.row_of_entry()
        order = np.argsort(self.indices, kind="stable")
        ptr = np.zeros(self.num_projects + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.indices, minlength=self.num_projects), out=ptr[1:])
        return ptr, rows[order], self.weights()[order]


def _ballot_key(
    ballot: Sequence[int] | Mapping[int, int], vote_type: VoteType
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if vote_type in ("cumulative", "scoring"):
        if not isinstance(ballot, Mapping):
            raise TypeError("cardinal ballots are mappings from project position to points")
        pairs = sorted((int(p), int(v)) for p, v in ballot.items() if v != 0)
        return tuple(p for p, _ in pairs), tuple(v for _, v in pairs)
    if isinstance(ballot, Mapping):
        raise TypeError("approval and ordinal ballots are sequences of project positions")
    if vote_type == "ordinal":
        return tuple(int(p) for p in ballot), ()
    return tuple(sorted({int(p) for p in ballot})), ()
