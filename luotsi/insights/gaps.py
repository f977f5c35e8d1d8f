"""Outreach gaps: neighbourhoods ranked by an indicator, lowest first, with what has been done
there lately, so that an officer can plan where to go next.

Ranking never reveals a hidden count: a district whose count is "<5" is ranked by what the
reader already knows (fewer than five participants over its public population), and a
hidden representation ratio ranks after every visible one, with the districts that have no
participants of known group last.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.areas.models import District, MajorDistrict, SubDistrict
from luotsi.campaigns.models import CampaignStatus
from luotsi.campaigns.permissions import campaigns_visible_to
from luotsi.events.models import Event, EventStatus
from luotsi.insights.figures import AreaKey, Figures, RepresentationRow
from luotsi.insights.models import Dimension
from luotsi.insights.suppression import THRESHOLD, Cell, State
from luotsi.network.permissions import interactions_visible_to

RECENT_DAYS = 90
PER_1000 = "per_1000"
INDICATORS: dict[str, Promise] = {
    PER_1000: _("Participation per 1,000 residents"),
    "language_foreign": _("Representation of speakers of other languages"),
    "language_swedish": _("Representation of Swedish speakers"),
    "language_finnish": _("Representation of Finnish or Sami speakers"),
    "age_65_plus": _("Representation of people aged 65 or over"),
    "age_0_14": _("Representation of children aged 0–14"),
    "age_15_64": _("Representation of people aged 15–64"),
}


def indicator_parts(indicator: str) -> tuple[str, str]:
    """("language", "foreign") for "language_foreign"."""
    dimension, _sep, group = indicator.partition("_")
    return dimension, group


@dataclass(frozen=True)
class Activity:
    events: int
    campaigns: int | None  # campaigns cover districts, not sub-districts
    interactions: int


@dataclass(frozen=True)
class GapRow:
    area: District | SubDistrict
    major: MajorDistrict
    total: Cell
    per_1000: float | None
    representation: RepresentationRow | None
    value: float | None  # the indicator, None when hidden or not known
    activity: Activity
    sort_key: tuple[int, float, str]

    @property
    def rank_value(self) -> str:
        return "" if self.value is None else f"{self.value:.2f}"


def _indicator_row(
    figures: Figures, area: AreaKey, indicator: str, name: str
) -> tuple[float | None, RepresentationRow | None, tuple[int, float, str]]:
    if indicator == PER_1000:
        value = figures.per_1000(area)
        stats = figures.population.get(area)
        if value is not None:
            return value, None, (0, value, name)
        if stats and stats.population and figures.cell(area).state == State.SMALL:
            # "<5": ranked at the most it can be, which the reader knows already.
            return None, None, (0, THRESHOLD / stats.population * 1000, name)
        return None, None, (2, 0.0, name)
    dimension, group = indicator_parts(indicator)
    row = next(r for r in figures.representation(area, dimension) if r.group == group)
    if row.result is not None:
        return row.result.ratio, row, (0, row.result.ratio, name)
    if row.hidden:
        return None, row, (1, 0.0, name)
    return None, row, (2, 0.0, name)


def _activity(user: User, since: datetime.datetime) -> dict[AreaKey, Activity]:
    events: dict[AreaKey, int] = {}
    held = Event.objects.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.COMPLETED],
        start__gte=since,
        start__lte=timezone.now(),
        district__isnull=False,
    )
    interactions: dict[AreaKey, int] = {}
    logged = interactions_visible_to(user).filter(occurred_on__gte=since.date())
    for source, target in ((held, events), (logged, interactions)):
        for row in source.values("district").annotate(n=Count("pk")):
            target[("district", row["district"])] = row["n"]
        for row in (
            source.filter(sub_district__isnull=False).values("sub_district").annotate(n=Count("pk"))
        ):
            target[("sub", row["sub_district"])] = row["n"]
    campaigns: dict[AreaKey, int] = {}
    for row in (
        campaigns_visible_to(user)
        .exclude(status=CampaignStatus.DRAFT)
        .filter(Q(feedback_deadline__gte=since) | Q(status=CampaignStatus.ACTIVE))
        .values("districts")
        .annotate(n=Count("pk"))
    ):
        if row["districts"] is not None:
            campaigns[("district", row["districts"])] = row["n"]
    keys = set(events) | set(interactions) | set(campaigns)
    return {
        key: Activity(
            events=events.get(key, 0),
            campaigns=campaigns.get(key, 0) if key[0] == "district" else None,
            interactions=interactions.get(key, 0),
        )
        for key in keys
    }


def gaps_list(
    *, figures: Figures, user: User, districts: list[District], indicator: str
) -> tuple[list[GapRow], list[GapRow]]:
    """(districts ranked by `indicator`, sub-districts ranked by their count) — lowest first.

    Precondition: `districts` are the ones the user may see (permissions), `indicator` one
    of INDICATORS. Sub-districts have no population figures, so only their counts rank.
    """
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    activity = _activity(user, since)
    nothing = Activity(0, 0, 0)
    majors = {m.pk: m for m in figures.majors}
    ranked, subs = [], []
    for district in districts:
        area: AreaKey = ("district", district.pk)
        major = majors[district.major_district_id]
        value, row, key = _indicator_row(figures, area, indicator, district.name)
        ranked.append(
            GapRow(
                area=district,
                major=major,
                total=figures.cell(area),
                per_1000=figures.per_1000(area),
                representation=row,
                value=value,
                activity=activity.get(area, nothing),
                sort_key=key,
            )
        )
        for sub in figures.subs.get(district.pk, []):
            sub_area: AreaKey = ("sub", sub.pk)
            cell = figures.cell(sub_area)
            count = float(cell.value if cell.shown else THRESHOLD)
            tier = 0 if cell.shown or cell.state == State.SMALL else 1
            subs.append(
                GapRow(
                    area=sub,
                    major=major,
                    total=cell,
                    per_1000=None,
                    representation=None,
                    value=None,
                    activity=activity.get(sub_area, Activity(0, None, 0)),
                    sort_key=(tier, count, sub.name),
                )
            )
    ranked.sort(key=lambda r: r.sort_key)
    subs.sort(key=lambda r: r.sort_key)
    return ranked, subs


MAP_CLASSES = 5
# Light to dark blue: the darker, the bigger the gap. Hidden / unknown districts are grey.
MAP_COLOURS = ("#08306b", "#2171b5", "#6baed6", "#c6dbef", "#f7fbff")
RATIO_BREAKS = (0.5, 0.8, 1.25, 2.0)


def map_classes(rows: list[GapRow], indicator: str) -> tuple[list[float], dict[str, Any]]:
    """Class breaks and {district code: {"class": i or None, "label": text}} for the map.
    Ratios use fixed breaks around 1 (in proportion); per 1,000 residents uses quintiles of
    the visible values."""
    values = sorted(r.value for r in rows if r.value is not None)
    if indicator == PER_1000:
        breaks = (
            [values[min(len(values) - 1, len(values) * i // MAP_CLASSES)] for i in range(1, 5)]
            if values
            else []
        )
    else:
        breaks = list(RATIO_BREAKS)
    data: dict[str, Any] = {}
    for row in rows:
        klass = None
        if row.value is not None and breaks:
            klass = sum(1 for b in breaks if row.value >= b)
        data[row.area.code] = {"class": klass, "name": row.area.name}
    return breaks, data


def representation_dimension(indicator: str) -> str | None:
    return None if indicator == PER_1000 else Dimension(indicator_parts(indicator)[0])


def legend(breaks: list[float], indicator: str) -> list[dict[str, str]]:
    """The map's colour key, one entry per class: colour and the range it stands for."""
    if not breaks:
        return []
    places = 1 if indicator == PER_1000 else 2
    edges = [number_format(b, decimal_pos=places) for b in breaks]
    labels = [f"< {edges[0]}"]
    labels += [f"{edges[i]} – {edges[i + 1]}" for i in range(len(edges) - 1)]
    labels += [f"≥ {edges[-1]}"]
    return [{"colour": MAP_COLOURS[i], "label": label} for i, label in enumerate(labels)]
