"""What every part of the scale generator shares: the territory weighted by population, the
officers, the reproducible random streams, batching and progress bars (see scale.py)."""

import datetime
import hashlib
import hmac
import random
import sys
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from django.conf import settings
from django.db.models import Max
from shapely.geometry import Point, shape
from tqdm import tqdm

from luotsi.accounts.models import User
from luotsi.areas.models import City, District, DistrictStatistics, MajorDistrict, SubDistrict

BATCH = 5_000
# Candidate points per sub-district: records are placed on one of them, so maps show a spread
# while every record's areas agree with its point without a point-in-polygon lookup.
POINTS_PER_SUB_DISTRICT = 8


@dataclass(frozen=True)
class Spot:
    """Where a record is: its district, sub-district and point (None when the territory has
    no boundary to put a point in)."""

    district_id: int
    sub_district_id: int | None
    latitude: float | None
    longitude: float | None


@dataclass
class Territory:
    """The city's districts with their latest population, and candidate points in each."""

    city: City
    majors: list[MajorDistrict]
    districts: list[District]
    population: dict[int, int]  # district pk → residents (latest statistics year)
    shares: dict[int, tuple[float, float, float]]  # district pk → (fi/sami, sv, other) shares
    spots: dict[int, list[Spot]]  # district pk → candidate spots
    _cumulative: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._cumulative = list(accumulate(self.population[d.pk] for d in self.districts))

    def pick_districts(self, rng: random.Random, k: int) -> list[District]:
        """`k` districts drawn in proportion to their population."""
        return rng.choices(self.districts, cum_weights=self._cumulative, k=k)

    def spot(self, rng: random.Random, district: District) -> Spot:
        return rng.choice(self.spots[district.pk])

    def major_population(self) -> dict[int, int]:
        totals = {major.pk: 0 for major in self.majors}
        for district in self.districts:
            totals[district.major_district_id] += self.population[district.pk]
        return totals

    def language(self, rng: random.Random, district: District) -> str:
        """A resident's language drawn from the district's language statistics."""
        finnish, swedish, other = self.shares[district.pk]
        draw = rng.random() * (finnish + swedish + other)
        if draw < finnish:
            return "fi"
        if draw < finnish + swedish:
            return "sv"
        return rng.choice(("en", "ru", "et", "so", "ar"))


def _candidate_spots(rng: random.Random, district: District, subs: list[SubDistrict]) -> list[Spot]:
    spots: list[Spot] = []
    areas: list[tuple[int | None, dict | None]] = [(s.pk, s.geometry) for s in subs] or [
        (None, district.geometry)
    ]
    for sub_pk, geometry in areas:
        if not geometry:
            spots.append(Spot(district.pk, sub_pk, None, None))
            continue
        polygon = shape(geometry)
        west, south, east, north = polygon.bounds
        found = 0
        for _attempt in range(POINTS_PER_SUB_DISTRICT * 50):
            lon, lat = rng.uniform(west, east), rng.uniform(south, north)
            if polygon.contains(Point(lon, lat)):
                spots.append(Spot(district.pk, sub_pk, round(lat, 6), round(lon, 6)))
                found += 1
                if found == POINTS_PER_SUB_DISTRICT:
                    break
        if not found:
            inside = polygon.representative_point()
            spots.append(Spot(district.pk, sub_pk, round(inside.y, 6), round(inside.x, 6)))
    return spots


def load_territory(city: City, rng: random.Random) -> Territory:
    majors = list(MajorDistrict.objects.filter(city=city).order_by("number"))
    districts = list(District.objects.filter(city=city).order_by("code"))
    stats = DistrictStatistics.objects.filter(district__city=city)
    year = stats.aggregate(latest=Max("year"))["latest"]
    rows = {row.district_id: row for row in stats.filter(year=year)} if year else {}
    # A district without residents gets none of the records; without any statistics, every
    # district weighs the same.
    population = {d.pk: rows[d.pk].population if d.pk in rows else 0 for d in districts}
    if not any(population.values()):
        population = dict.fromkeys(population, 1)
    shares = {}
    for district in districts:
        row = rows.get(district.pk)
        swedish = (row.share_swedish if row else None) or 0.0
        other = (row.share_foreign if row else None) or 0.0
        finnish = (row.share_finnish_sami if row else None) or max(0.0, 1 - swedish - other)
        shares[district.pk] = (finnish, swedish, other)
    subs: dict[int, list[SubDistrict]] = {}
    for sub in SubDistrict.objects.filter(city=city).order_by("code"):
        subs.setdefault(sub.district_id, []).append(sub)
    spots = {d.pk: _candidate_spots(rng, d, subs.get(d.pk, [])) for d in districts}
    return Territory(city, majors, districts, population, shares, spots)


@dataclass
class Staff:
    coordinator: User
    officers: dict[int, User]  # major district pk → its district officer
    business: list[User]


@dataclass
class Context:
    seed: int
    today: datetime.date
    territory: Territory
    staff: Staff
    progress: bool
    tz: zoneinfo.ZoneInfo = field(default_factory=lambda: zoneinfo.ZoneInfo(settings.TIME_ZONE))

    def rng(self, part: str) -> random.Random:
        """An independent random stream per part, so that changing one part of the generator
        leaves the data of the others as they were."""
        return random.Random(f"luotsi-scale:{self.seed}:{part}")  # noqa: S311 - test data

    def token(self, kind: str, number: int) -> str:
        """A reproducible 64-character hex token (personal links of the made-up people)."""
        return hashlib.sha256(f"luotsi-scale:{self.seed}:{kind}:{number}".encode()).hexdigest()

    def voter_key(self, cycle_number: int, number: int) -> str:
        return hmac.new(
            f"luotsi-scale:{self.seed}".encode(),
            f"{cycle_number}:voter-{number}".encode(),
            hashlib.sha256,
        ).hexdigest()

    def at(self, day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    @property
    def now(self) -> datetime.datetime:
        return self.at(self.today)

    def day(self, rng: random.Random, *, first: int = -730, last: int = 0) -> datetime.date:
        """A day between `first` and `last` days from today (inclusive)."""
        return self.today + datetime.timedelta(days=rng.randint(first, last))

    def officer(self, district: District) -> User:
        return self.staff.officers[district.major_district_id]

    def bar(self, desc: str, total: int) -> "tqdm[Any]":
        return tqdm(
            total=total, desc=desc, unit=" rows", file=sys.stderr, disable=not self.progress
        )


def batches(total: int, size: int = BATCH) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))
