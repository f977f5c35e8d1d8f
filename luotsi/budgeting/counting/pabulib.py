"""Pabulib `.pb` files: streaming reader and writer.

A file has a META section (``key;value``), a PROJECTS section (header with ``project_id``
and ``cost``) and a VOTES section (header with ``voter_id`` and ``vote``; ``points`` for
cumulative and scoring ballots). Fields are ``;``-separated and may be quoted. The reader
goes through the file once, line by line, collapsing identical ballots as it goes; any
malformed line raises `PabulibError` with its line number and the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import IO, cast

from .explain import money
from .model import VOTE_TYPES, Instance, Profile, Project, VoteType

MAX_DIGITS = 18  # amounts beyond 10**18 (or below 10**-18) are rejected as malformed
MAX_POINTS = 10**12


class PabulibError(ValueError):
    """A malformed Pabulib file; ``line`` is 1-based (0 when the whole file is at fault)."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}" if line else reason)


def _number(text: str, line: int, what: str) -> Fraction:
    cleaned = text.strip().replace(",", ".")
    try:
        decimal = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        raise PabulibError(line, f"{what} {text!r} is not a number") from None
    if not decimal.is_finite() or abs(decimal.adjusted()) > MAX_DIGITS:
        raise PabulibError(line, f"{what} {text!r} is not a number in range")
    return Fraction(decimal)


def read_pabulib(source: str | Path | IO[str]) -> tuple[Instance, Profile]:
    """Read a `.pb` file (a path or an open text stream)."""
    if isinstance(source, str | Path):
        try:
            with open(source, encoding="utf-8-sig", newline="") as handle:
                return _read(handle)
        except UnicodeDecodeError as exc:
            raise PabulibError(0, f"the file is not UTF-8 text ({exc.reason})") from None
        except OSError as exc:
            raise PabulibError(0, f"cannot read {source}: {exc.strerror}") from None
    return _read(source)


def _rows(handle: IO[str]) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(handle, delimiter=";", quotechar='"', strict=True)
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise PabulibError(
                reader.line_num, f"cannot split the line into fields ({exc})"
            ) from None
        start = previous + 1
        previous = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield start, row


def _read(handle: IO[str]) -> tuple[Instance, Profile]:
    section = ""
    header: list[str] = []
    meta: dict[str, str] = {}
    projects: list[Project] = []
    index: dict[str, int] = {}
    counter: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
    seen_sections: set[str] = set()
    voter_ids: set[str] = set()
    vote_type: VoteType = "approval"
    vote_col = points_col = -1
    expect_header = False
    for line, row in _rows(handle):
        if line == 1 and row[0].startswith("\ufeff"):
            row[0] = row[0][1:]
        first = row[0].strip().lower()
        if first in ("meta", "projects", "votes") and all(not c.strip() for c in row[1:]):
            if first in seen_sections:
                raise PabulibError(line, f"section {first.upper()} appears twice")
            order = ["meta", "projects", "votes"]
            if section and order.index(first) < order.index(section):
                raise PabulibError(line, f"section {first.upper()} after {section.upper()}")
            if first == "projects" and "meta" not in seen_sections:
                raise PabulibError(line, "PROJECTS before META")
            if first == "votes":
                if "projects" not in seen_sections:
                    raise PabulibError(line, "VOTES before PROJECTS")
                vote_type = _vote_type(meta, line)
                if "budget" not in meta:
                    raise PabulibError(line, "META has no budget")
            section = first
            seen_sections.add(first)
            expect_header = True
            continue
        if not section:
            raise PabulibError(line, "expected a META section first")
        if expect_header:
            expect_header = False
            # A META section may lack its "key;value" header line: then this is an entry.
            if section != "meta" or row[0].strip().lower() == "key":
                header = [h.strip().lower() for h in row]
                if section == "projects":
                    for needed in ("project_id", "cost"):
                        if needed not in header:
                            raise PabulibError(
                                line, f"the PROJECTS header has no {needed!r} column"
                            )
                elif section == "votes":
                    if "vote" not in header:
                        raise PabulibError(line, "the VOTES header has no 'vote' column")
                    vote_col = header.index("vote")
                    points_col = header.index("points") if "points" in header else -1
                    if vote_type in ("cumulative", "scoring") and points_col < 0:
                        raise PabulibError(line, f"{vote_type} votes need a 'points' column")
                continue
        if section == "meta":
            if len(row) < 2:
                raise PabulibError(line, "a META line needs a key and a value")
            meta[row[0].strip()] = row[1].strip()
        elif section == "projects":
            if len(row) != len(header):
                raise PabulibError(
                    line, f"expected {len(header)} fields as in the header, found {len(row)}"
                )
            fields = {h: v.strip() for h, v in zip(header, row, strict=True)}
            pid = fields["project_id"]
            if not pid:
                raise PabulibError(line, "empty project_id")
            if pid in index:
                raise PabulibError(line, f"duplicate project_id {pid!r}")
            cost = _number(fields["cost"], line, "cost")
            if cost < 0:
                raise PabulibError(line, f"negative cost {fields['cost']!r}")
            index[pid] = len(projects)
            extra = {k: v for k, v in fields.items() if k not in ("project_id", "cost")}
            projects.append(Project(pid, cost, extra))
        else:
            if len(row) != len(header):
                raise PabulibError(
                    line, f"expected {len(header)} fields as in the header, found {len(row)}"
                )
            if "voter_id" in header:
                vid = row[header.index("voter_id")].strip()
                if vid in voter_ids:
                    raise PabulibError(line, f"duplicate voter_id {vid!r}")
                voter_ids.add(vid)
            key = _ballot(row, vote_col, points_col, vote_type, index, line)
            counter[key] = counter.get(key, 0) + 1
    if "votes" not in seen_sections:
        missing = [s.upper() for s in ("meta", "projects", "votes") if s not in seen_sections]
        raise PabulibError(0, f"missing section(s): {', '.join(missing)}")
    budget = _number(meta["budget"], 0, "budget")
    if budget < 0:
        raise PabulibError(0, "negative budget")
    instance = Instance(projects, budget, meta)
    profile = Profile.from_counter(len(projects), counter, vote_type)
    return instance, profile


def _vote_type(meta: dict[str, str], line: int) -> VoteType:
    raw = meta.get("vote_type", "approval").strip().lower()
    if raw == "choose-1":
        raw = "approval"
    if raw not in VOTE_TYPES:
        raise PabulibError(line, f"unsupported vote_type {raw!r}")
    return cast(VoteType, raw)


def _ballot(
    row: list[str],
    vote_col: int,
    points_col: int,
    vote_type: VoteType,
    index: dict[str, int],
    line: int,
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    names = [n.strip() for n in row[vote_col].split(",")] if row[vote_col].strip() else []
    positions: list[int] = []
    for name in names:
        if name not in index:
            raise PabulibError(line, f"the vote names an unknown project {name!r}")
        positions.append(index[name])
    if len(set(positions)) != len(positions):
        raise PabulibError(line, "the vote names a project twice")
    if vote_type == "approval":
        return tuple(sorted(positions)), ()
    if vote_type == "ordinal":
        return tuple(positions), ()
    raw_points = row[points_col].strip() if points_col >= 0 else ""
    points_text = [x.strip() for x in raw_points.split(",")] if raw_points else []
    if len(points_text) != len(positions):
        raise PabulibError(
            line, f"{len(positions)} projects in the vote but {len(points_text)} points"
        )
    pairs = []
    for pos, text in zip(positions, points_text, strict=True):
        try:
            value = int(text)
        except ValueError:
            raise PabulibError(line, f"points {text!r} are not a whole number") from None
        if not 0 <= value <= MAX_POINTS:
            raise PabulibError(line, f"points {text!r} out of range (0 to {MAX_POINTS})")
        if value:
            pairs.append((pos, value))
    pairs.sort()
    return tuple(p for p, _ in pairs), tuple(v for _, v in pairs)


def write_pabulib(
    instance: Instance,
    profile: Profile,
    target: str | Path | IO[str],
    selected: Iterable[str] | None = None,
) -> None:
    """Write a `.pb` file; each distinct ballot is written once per voter it stands for.

    ``selected`` (project ids) fills the ``selected`` column of PROJECTS.
    """
    if isinstance(target, str | Path):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            _write(instance, profile, handle, selected)
    else:
        _write(instance, profile, target, selected)


def _write(
    instance: Instance, profile: Profile, handle: IO[str], selected: Iterable[str] | None
) -> None:
    out = csv.writer(handle, delimiter=";", lineterminator="\n")
    meta = dict(instance.meta)
    meta["budget"] = money(instance.budget)
    meta["num_projects"] = str(len(instance))
    meta["num_votes"] = str(profile.num_voters)
    meta["vote_type"] = profile.vote_type
    out.writerow(["META"])
    out.writerow(["key", "value"])
    for key, value in meta.items():
        out.writerow([key, value])
    chosen = set(selected) if selected is not None else None
    extra_keys: list[str] = []
    for p in instance.projects:
        for k in p.extra:
            if k not in extra_keys and not (chosen is not None and k == "selected"):
                extra_keys.append(k)
    out.writerow(["PROJECTS"])
    out.writerow(["project_id", "cost", *extra_keys, *(["selected"] if chosen is not None else [])])
    for p in instance.projects:
        row = [p.id, money(p.cost), *(p.extra.get(k, "") for k in extra_keys)]
        if chosen is not None:
            row.append("1" if p.id in chosen else "0")
        out.writerow(row)
    cardinal = profile.points is not None
    out.writerow(["VOTES"])
    out.writerow(["voter_id", "vote", *(["points"] if cardinal else [])])
    ids = instance.ids
    voter = 0
    for b in range(profile.num_distinct):
        vote = ",".join(ids[p] for p in profile.ballot(b))
        row = [vote]
        if cardinal:
            row.append(",".join(str(v) for v in profile.ballot_points(b)))
        for _ in range(int(profile.multiplicity[b])):
            voter += 1
            out.writerow([str(voter), *row])


def read_pabulib_text(text: str) -> tuple[Instance, Profile]:
    """Convenience for tests: parse a `.pb` file held in a string."""
    return _read(io.StringIO(text))
