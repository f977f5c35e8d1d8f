"""Small-cell protection: the one rule pages, the API and CSV exports all use.

- Primary suppression: a count of 1–4 people is never shown; it reads "<5".
- Zero is shown as 0. A zero tells nothing about any person (nobody is in the cell), and it
  is the very thing an officer plans from ("no Swedish speakers came"). Zeros are treated as
  known values below, since a reader can subtract them as well as any other number.
- Secondary suppression: a table states sums (a district's total is the sum of its language
  groups, of its age groups, of its channels and of its sub-districts; a major district's
  figures are the sums of its districts' …). When exactly one cell of such a sum is hidden,
  it could be recovered by subtraction, so one more cell is hidden: the smallest non-zero
  visible part (else the total). This repeats until no sum has exactly one hidden cell.
  That defeats recovery by subtraction within one published table set, which is what we
  publish; it is the standard heuristic, not an optimal (fewest cells) solution.
- Derived figures (shares, ratios, per 1,000 residents) are shown only when every count
  they are computed from is shown: see Cell.shown and the callers.

Everything is computed once for the whole city (figures.py), so the same cell is hidden on
every page, in the API and in the export, whichever subset a person is allowed to see.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from django.utils.formats import number_format
from django.utils.translation import gettext as _

THRESHOLD = 5
SMALL_LABEL = f"<{THRESHOLD}"

Key = TypeVar("Key", bound=Hashable)


class State(StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # 1–4 people: primary suppression
    SECONDARY = "secondary"  # hidden so that a small cell cannot be worked out from a sum


@dataclass(frozen=True)
class Cell:
    value: int
    state: State = State.SHOWN

    @property
    def shown(self) -> bool:
        return self.state == State.SHOWN

    @property
    def public_value(self) -> int | None:
        """The count, or None when it is hidden (never the hidden number itself)."""
        return self.value if self.shown else None

    @property
    def marker(self) -> str | None:
        """What stands in for a hidden count in machine-readable output."""
        if self.state == State.SMALL:
            return SMALL_LABEL
        if self.state == State.SECONDARY:
            return "hidden"
        return None

    def display(self) -> str:
        """The text for pages and CSV files: the number, "<5", or "hidden"."""
        if self.state == State.SMALL:
            return SMALL_LABEL
        if self.state == State.SECONDARY:
            return _("hidden")
        return number_format(self.value, force_grouping=True)

    def __str__(self) -> str:
        return self.display()


@dataclass(frozen=True)
class Partition(Generic[Key]):
    """`total` is the sum of `parts`."""

    total: Key
    parts: Sequence[Key]


def protect(
    counts: Mapping[Key, int],
    partitions: Iterable[Partition[Key]],
    withheld: Iterable[Key] = (),
    *,
    threshold: int = THRESHOLD,
) -> dict[Key, Cell]:
    """Cells for `counts` with primary and secondary suppression over `partitions`.

    `withheld` cells are never published (e.g. a breakdown no page shows): they count as
    hidden from the start, so they protect their neighbours instead of being protected by
    them, and come back as SECONDARY. `threshold`: the smallest count shown (the open data
    takes it from settings.OPEN_DATA_MIN_CELL; the pages keep THRESHOLD, which their "<5"
    labels name)."""
    hidden: dict[Key, State] = dict.fromkeys(withheld, State.SECONDARY)
    hidden |= {key: State.SMALL for key, value in counts.items() if 0 < value < threshold}
    partition_list = list(partitions)
    changed = True
    while changed:
        changed = False
        for partition in partition_list:
            members = [partition.total, *partition.parts]
            if sum(1 for key in members if key in hidden) != 1:
                continue
            candidates = [k for k in partition.parts if k not in hidden and counts[k] > 0]
            if not candidates:
                # Only the total is left to hide (a lone hidden part among zeros cannot
                # happen when the total is at least 5, but a hidden total can).
                candidates = [partition.total] if partition.total not in hidden else []
            if candidates:
                chosen = min(candidates, key=lambda k: counts[k])
                hidden[chosen] = State.SECONDARY
                changed = True
    return {key: Cell(value, hidden.get(key, State.SHOWN)) for key, value in counts.items()}
