"""Street address lookup over a city's address points, held in memory (no database)."""

from __future__ import annotations

import bisect
import csv
import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

# The longest street name in the Helsinki data is 34 characters; anything far longer is
# not an address and would only cost fuzzy-matching time.
MAX_QUERY_LENGTH = 200
FUZZY_CUTOFF = 80.0
# Streets scoring within this many points of the best fuzzy match are indistinguishable
# guesses, so the caller has to choose.
AMBIGUITY_MARGIN = 3.0
SUGGEST_FUZZY_CUTOFF = 80.0
# The data records some addresses twice (usually with two spellings of the Swedish name)
# a few tens of metres apart; closer than this they are treated as one address.
SAME_PLACE_METRES = 100.0

_POSTAL_CODE = re.compile(r"(?:fi-)?[0-9]{5}")
_CITY_WORDS = frozenset({"helsinki", "helsingfors", "hki"})
_HOUSE_NUMBER = re.compile(r"([0-9]{1,4})([a-zåäö]?)(?:[-–][0-9]{1,4}[a-zåäö]?)?\.?")
_STAIRCASE = re.compile(r"[a-zåäö]")
_DATA_NUMBER = re.compile(r"([0-9]+)\s*(.*)")


@dataclass(frozen=True, slots=True)
class AddressPoint:
    street_fi: str
    street_sv: str
    house_number: str
    lat: float
    lon: float

    def label(self, language: str = "fi") -> str:
        """Street name and house number, in Swedish when asked for and available."""
        swedish = language.split("-")[0].lower() == "sv" and bool(self.street_sv)
        street = self.street_sv if swedish else self.street_fi
        return f"{street} {self.house_number}" if self.house_number else street


@dataclass(frozen=True, slots=True)
class AddressResult:
    """match when the query names exactly one point, otherwise candidates, best first."""

    match: AddressPoint | None
    candidates: list[AddressPoint]
    corrected: bool


@dataclass(frozen=True, slots=True)
class _HouseNumber:
    number: int
    letter: str
    # "5 A" is, by Finnish convention, usually staircase A of number 5 rather than number 5a.
    spaced_letter: bool

    @property
    def key(self) -> str:
        return f"{self.number}{self.letter}"


class _Street:
    """All points sharing one Finnish street name."""

    __slots__ = ("by_number", "numbered", "points", "unnumbered")

    def __init__(self, points: list[AddressPoint]) -> None:
        self.points = points
        by_number: dict[str, list[AddressPoint]] = defaultdict(list)
        numbered: list[tuple[int, str, AddressPoint]] = []
        self.unnumbered: list[AddressPoint] = []
        for point in points:
            parsed = _DATA_NUMBER.fullmatch(point.house_number.strip().lower())
            if parsed is None:
                self.unnumbered.append(point)
                continue
            number, letter = int(parsed[1]), parsed[2].replace(" ", "")
            by_number[f"{number}{letter}"].append(point)
            numbered.append((number, letter, point))
        numbered.sort(key=lambda item: (item[0], item[1]))
        self.numbered = numbered
        self.by_number = dict(by_number)

    def overview(self, limit: int) -> list[AddressPoint]:
        """Points spread along the street, its numberless reference point first."""
        head = self.unnumbered[: max(limit, 0)]
        return head + _spread([point for _, _, point in self.numbered], limit - len(head))

    def nearest(self, house: _HouseNumber, limit: int) -> list[AddressPoint]:
        """Points with the closest house numbers, exact number and letter first."""
        best = heapq.nsmallest(
            max(limit, 0),
            self.numbered,
            key=lambda item: (
                abs(item[0] - house.number),
                item[1] != house.letter,
                item[0],
                item[1],
            ),
        )
        return [point for _, _, point in best] + self.unnumbered[: max(limit - len(best), 0)]


def _empty() -> AddressResult:
    return AddressResult(None, [], False)


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _fold(text: str) -> str:
    """Key that ignores case, diacritics, spaces and punctuation ("Töölönkatu" == "toolonkatu")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


def street_key(text: str) -> str:
    """The key under which the index compares street names (case, diacritics, spaces and
    punctuation ignored), for callers matching names of their own against its streets."""
    return _fold(text)


def _spread(items: Sequence[AddressPoint], count: int) -> list[AddressPoint]:
    if count <= 0:
        return []
    if len(items) <= count:
        return list(items)
    if count == 1:
        return [items[0]]
    step = (len(items) - 1) / (count - 1)
    return [items[round(index * step)] for index in range(count)]


def _interleave(lists: Sequence[Sequence[AddressPoint]], limit: int) -> list[AddressPoint]:
    """Round-robin so that every street is represented among the first candidates."""
    result: list[AddressPoint] = []
    if limit <= 0:
        return result
    seen: set[int] = set()
    for depth in range(max((len(items) for items in lists), default=0)):
        for items in lists:
            if depth < len(items) and id(items[depth]) not in seen:
                seen.add(id(items[depth]))
                result.append(items[depth])
                if len(result) >= limit:
                    return result
    return result


def _distance_metres(a: AddressPoint, b: AddressPoint) -> float:
    # An equirectangular approximation is plenty for points on the same street.
    x = (b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(x, b.lat - a.lat) * 111_320.0


def _same_place(points: Sequence[AddressPoint]) -> bool:
    return all(
        _distance_metres(a, b) <= SAME_PLACE_METRES
        for index, a in enumerate(points)
        for b in points[index + 1 :]
    )


def _tokens(query: str) -> list[str]:
    """Casefolded words of the address part of the query, without postal code and city."""
    if len(query) > MAX_QUERY_LENGTH:
        return []
    text = "".join(
        " " if unicodedata.category(char)[0] in "CZ" else char
        for char in unicodedata.normalize("NFC", query).casefold()
    )
    for segment in text.split(","):
        words = [
            word
            for word in segment.split()
            if not _POSTAL_CODE.fullmatch(word) and word not in _CITY_WORDS
        ]
        if words:
            return words
    return []


def _parse_house_number(words: Sequence[str]) -> _HouseNumber | None:
    parsed = _HOUSE_NUMBER.fullmatch(words[0])
    if parsed is None:
        return None
    if not parsed[2] and len(words) > 1 and _STAIRCASE.fullmatch(words[1]):
        return _HouseNumber(int(parsed[1]), words[1], spaced_letter=True)
    return _HouseNumber(int(parsed[1]), parsed[2], spaced_letter=False)


def _readings(words: Sequence[str]) -> list[tuple[str, _HouseNumber | None]]:
    """Possible (street, house number) splits, the whole text as a street name first.

    Some street names themselves contain numbers ("Nordenskiöldinkatu 20 rak 5"), so every
    word starting with a digit is a possible start of the house number.
    """
    readings: list[tuple[str, _HouseNumber | None]] = []
    whole = " ".join(words)
    if any(char.isalpha() for char in whole):
        readings.append((whole, None))
    for index in range(1, len(words)):
        if not words[index][0].isdigit():
            continue
        street = " ".join(words[:index])
        house = _parse_house_number(words[index:])
        if house is not None and any(char.isalpha() for char in street):
            readings.append((street, house))
    return readings


class AddressIndex:
    """In-memory index of address points, built once and then only read."""

    def __init__(self, points: Iterable[AddressPoint]) -> None:
        grouped: dict[str, list[AddressPoint]] = defaultdict(list)
        for point in points:
            grouped[_normalise(point.street_fi)].append(point)
        self._streets = {key: _Street(street_points) for key, street_points in grouped.items()}
        self._size = sum(len(street.points) for street in self._streets.values())

        # One Swedish name can belong to several Finnish streets, so names map to lists.
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._by_folded: dict[str, list[str]] = defaultdict(list)
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for key, street in self._streets.items():
            for point in street.points:
                for name in (point.street_fi, point.street_sv):
                    if name:
                        spellings[_normalise(name)][" ".join(name.split())] += 1
            for name in {_normalise(p.street_fi) for p in street.points} | {
                _normalise(p.street_sv) for p in street.points if p.street_sv
            }:
                _append_once(self._by_name[name], key)
                _append_once(self._by_folded[_fold(name)], key)
        self._folded_names = list(self._by_folded)

        # Autocomplete offers each name once, in its most common spelling, weighted by how
        # many points carry it so that major streets come first.
        entries = sorted(
            (_fold(normalised), counts.most_common(1)[0][0], counts.total())
            for normalised, counts in spellings.items()
        )
        self._suggest_folded = [folded for folded, _, _ in entries]
        self._suggest_names = [name for _, name, _ in entries]
        self._suggest_weights = [weight for _, _, weight in entries]

    @classmethod
    def from_csv(cls, path: Path) -> AddressIndex:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            points = [
                AddressPoint(
                    street_fi=row["street_fi"].strip(),
                    street_sv=(row["street_sv"] or "").strip(),
                    house_number=(row["house_number"] or "").strip(),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                )
                for row in csv.DictReader(handle)
                if row["street_fi"] and row["street_fi"].strip()
            ]
        return cls(points)

    def __len__(self) -> int:
        return self._size

    def lookup(self, query: str, limit: int = 5) -> AddressResult:
        """Resolve free text such as "Mannerheimintie 5 A, 00100 Helsinki"."""
        readings = _readings(_tokens(query))
        if not readings:
            return _empty()
        levels: tuple[tuple[Callable[[str], str], dict[str, list[str]], bool], ...] = (
            (_normalise, self._by_name, False),
            (_fold, self._by_folded, True),
        )
        for key_function, index, corrected in levels:
            for street_text, house in readings:
                target = key_function(street_text)
                keys = index.get(target)
                if keys:
                    streets = [self._streets[key] for key in keys]
                    return _resolve(streets, house, key_function, target, corrected, limit)
        return self._fuzzy_lookup(readings, limit)

    def _fuzzy_lookup(
        self, readings: Sequence[tuple[str, _HouseNumber | None]], limit: int
    ) -> AddressResult:
        # A typo is most likely in the street part of the plainest reading: the words before
        # the first number, or the whole text when there is no number.
        with_number = [reading for reading in readings if reading[1] is not None]
        street_text, house = with_number[0] if with_number else readings[0]
        target = _fold(street_text)
        if len(target) < 3:
            return _empty()
        found = process.extract(
            target, self._folded_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=20
        )
        scores: dict[str, tuple[float, str]] = {}
        for name, score, _ in found:
            for key in self._by_folded[name]:
                scores.setdefault(key, (score, name))
        if not scores:
            return _empty()
        best = max(score for score, _ in scores.values())
        close = [key for key, (score, _) in scores.items() if score >= best - AMBIGUITY_MARGIN]
        if len(close) == 1:
            key = close[0]
            return _resolve([self._streets[key]], house, _fold, scores[key][1], True, limit)
        streets = [self._streets[key] for key in close]
        return AddressResult(None, _street_candidates(streets, house, limit), True)

    def street_points(self, name: str) -> list[AddressPoint]:
        """Every point of the street called `name` in Finnish or Swedish, numbered points in
        house number order, then any without a number; [] when there is no such street.

        Case, spacing and diacritics are ignored ("bulevarden" finds Bulevardi) but typos
        are not corrected: a campaign's area must be exactly the street that was meant. A
        Swedish name shared by several Finnish streets gives the points of all of them.
        """
        if len(name) > MAX_QUERY_LENGTH:
            return []
        levels: tuple[tuple[Callable[[str], str], dict[str, list[str]]], ...] = (
            (_normalise, self._by_name),
            (_fold, self._by_folded),
        )
        for key_function, index in levels:
            keys = index.get(key_function(name))
            if keys:
                return [
                    point
                    for key in keys
                    for point in [p for _, _, p in self._streets[key].numbered]
                    + self._streets[key].unnumbered
                ]
        return []

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Street names (Finnish and Swedish) for autocomplete: prefix matches, then fuzzy."""
        if limit <= 0 or len(prefix) > MAX_QUERY_LENGTH:
            return []
        target = _fold(prefix)
        if not target:
            return []
        start = bisect.bisect_left(self._suggest_folded, target)
        stop = start
        while stop < len(self._suggest_folded) and self._suggest_folded[stop].startswith(target):
            stop += 1
        ranked = sorted(
            range(start, stop),
            key=lambda i: (
                self._suggest_folded[i] != target,
                -self._suggest_weights[i],
                self._suggest_names[i].casefold(),
            ),
        )
        chosen = ranked[:limit]
        if len(chosen) < limit and len(target) >= 3:
            taken = set(chosen)
            fuzzy = [
                (_completion_score(target, self._suggest_folded[index], score), index)
                for _, score, index in process.extract_iter(
                    target,
                    self._suggest_folded,
                    scorer=fuzz.partial_ratio,
                    score_cutoff=SUGGEST_FUZZY_CUTOFF,
                )
                if index not in taken and len(self._suggest_folded[index]) >= len(target)
            ]
            fuzzy.sort(key=lambda item: (-item[0], -self._suggest_weights[item[1]], item[1]))
            chosen += [index for _, index in fuzzy[: limit - len(chosen)]]
        return [self._suggest_names[index] for index in chosen]


def _completion_score(target: str, name: str, partial_score: float) -> float:
    """How well name completes a possibly mistyped target.

    partial_ratio alone rates any name containing a near-copy of the target equally, so a
    typo in the first letters ("maner") would rank "Maneesikatu" above "Mannerheimintie";
    comparing against the name's own beginning favours real completions, and names that
    merely contain the target come after them. partial_ratio also scores a short name found
    inside a long target highly, which is why shorter names are skipped by the caller.
    """
    size = len(target)
    as_prefix = max(fuzz.ratio(target, name[:length]) for length in (size - 1, size, size + 1))
    return max(as_prefix, partial_score * 0.95)


def _append_once(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _street_candidates(
    streets: Sequence[_Street], house: _HouseNumber | None, limit: int
) -> list[AddressPoint]:
    if house is None:
        return _interleave([street.overview(limit) for street in streets], limit)
    return _interleave([street.nearest(house, limit) for street in streets], limit)


def _resolve(
    streets: Sequence[_Street],
    house: _HouseNumber | None,
    key_function: Callable[[str], str],
    name: str,
    corrected: bool,
    limit: int,
) -> AddressResult:
    """Pick the point on the matched street(s), or explain the choice with candidates."""
    if house is None:
        if len(streets) == 1 and len(streets[0].points) == 1:
            return AddressResult(streets[0].points[0], [], corrected)
        return AddressResult(None, _street_candidates(streets, None, limit), corrected)
    hits = [point for street in streets for point in street.by_number.get(house.key, [])]
    if not hits and house.spaced_letter:
        plain = str(house.number)
        hits = [point for street in streets for point in street.by_number.get(plain, [])]
    # Duplicate points often differ only in the Swedish spelling; the one spelled as asked wins.
    preferred = [
        point
        for point in hits
        if key_function(point.street_fi) == name or key_function(point.street_sv) == name
    ]
    hits = preferred or hits
    if hits and _same_place(hits):
        with_both_names = [point for point in hits if point.street_sv]
        return AddressResult((with_both_names or hits)[0], [], corrected)
    return AddressResult(None, _street_candidates(streets, house, limit), corrected)


@lru_cache(maxsize=8)
def _cached_index(path: Path) -> AddressIndex:
    if not path.is_file():
        raise FileNotFoundError(f"No address data at {path}")
    return AddressIndex.from_csv(path)


def address_index_for(data_dir: Path) -> AddressIndex:
    """The index of data_dir / "addresses.csv", loaded once per process."""
    return _cached_index(Path(data_dir).resolve() / "addresses.csv")
