"""The coordinator's dashboard (issue 12, part 1): the programme's figures over a period for
the whole team, per major district (and its districts) and per officer, with monthly trends
and links down to the records. Reads only.

Counting is in selectors_dashboard_counts (a dozen grouped queries for every row at once;
FIGURE_DEFINITIONS says how each figure is counted). Here the rows are cut down to what the
user may see (permissions_programme): the coordinator sees every major district and officer;
a district officer their assigned major districts and their own row; a business officer their
own row; everyone who may see the programme sees the team's totals.

Interface used by the annual report: `Figures`, `Row`, `Trend`, `Dashboard`,
`programme_dashboard(*, user, period)`, `major_district_figures(*, major, period)`,
`district_rows(*, major, period)`, `FIGURE_DEFINITIONS`.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import District, MajorDistrict
from luotsi.insights.periods import Period
from luotsi.insights.permissions_programme import (
    major_districts_visible_to,
    officers_visible_to,
    sees_whole_programme,
)
from luotsi.insights.selectors_dashboard_counts import (
    FIGURE_DEFINITIONS,
    TEAM,
    Counts,
    Key,
    Tally,
    count_programme,
    median,
)


def cache_seconds() -> int:
    """Seconds the view keeps a period's counts (the page says so); 0 turns caching off.
    Counting a full year at Helsinki scale takes seconds (the distinct contacts reached are a
    join over every interaction of the year), so the page reuses a count for a while."""
    return int(settings.PROGRAMME_DASHBOARD_CACHE_SECONDS)


# Figures drawn month by month (Figures field, label).
TREND_FIGURES = ("interactions", "events_held", "attendance", "concerns_received")


@dataclass(frozen=True)
class Figures:
    """One row's figures over a period (FIGURE_DEFINITIONS says how each is counted)."""

    interactions: int = 0
    organisations: int = 0  # distinct organisations in those interactions
    contacts: int = 0  # distinct contacts in those interactions
    events_held: int = 0
    attendance: int = 0
    concerns_received: int = 0
    concerns_answered: int = 0  # of those received, answered (answered_at set) by now
    median_answer_days: float | None = None  # median days from sent to first answer
    overdue_commitments: int = 0  # due in the period before today, still open today
    campaigns: int = 0  # campaigns running in the period
    campaign_targets: int = 0
    campaign_reached: int = 0
    coproduction_projects: int = 0  # PB co-production workspaces (not cancelled)
    coproduction_done: int = 0  # of those, implemented
    coproduction_progress: float | None = None  # mean implementation progress 0–100 %
    materials_gaps: int = 0  # material versions needed and not ready today

    @property
    def answered_share(self) -> float | None:
        if not self.concerns_received:
            return None
        return self.concerns_answered / self.concerns_received

    @property
    def campaign_coverage(self) -> float | None:
        """Share 0–1 of campaign targets reached, None without targets."""
        if not self.campaign_targets:
            return None
        return self.campaign_reached / self.campaign_targets


def figures_of(tally: Tally) -> Figures:
    progress = tally.coproduction_progress
    return Figures(
        interactions=tally.interactions,
        organisations=len(tally.organisations),
        contacts=len(tally.contacts),
        events_held=len(tally.events),
        attendance=tally.attendance,
        concerns_received=tally.concerns_received,
        concerns_answered=len(tally.answer_days),
        median_answer_days=median(tally.answer_days),
        overdue_commitments=tally.overdue_commitments,
        campaigns=len(tally.campaigns),
        campaign_targets=tally.campaign_targets,
        campaign_reached=tally.campaign_reached,
        coproduction_projects=len(tally.coproduction),
        coproduction_done=tally.coproduction_done,
        coproduction_progress=sum(progress) / len(progress) if progress else None,
        materials_gaps=tally.materials_gaps,
    )


@dataclass(frozen=True)
class Row:
    """A row of the dashboard: the team, a major district, a district (peruspiiri) or an
    officer. `key` is "team", the area's code or the officer's pk as a string."""

    kind: str  # "team" | "major" | "district" | "officer"
    key: str
    label: str
    figures: Figures
    url: str = ""  # the drill-down page, "" when none


@dataclass(frozen=True)
class Trend:
    """One figure month by month over the period (months = first day of each month)."""

    name: str  # Figures field name, e.g. "interactions"
    label: str
    months: tuple[datetime.date, ...]
    values: tuple[int, ...]


@dataclass(frozen=True)
class Dashboard:
    period: Period
    team: Row  # the whole programme (every officer sees it)
    majors: list[Row] = field(default_factory=list)  # visible major districts
    officers: list[Row] = field(default_factory=list)  # visible officers
    trends: list[Trend] = field(default_factory=list)  # the team's figures per month
    sees_whole: bool = False
    counted_at: datetime.datetime | None = None


@dataclass(frozen=True)
class PeriodCounts:
    """Every row's figures and monthly series (small, so it can be cached)."""

    figures: dict[Key, Figures]
    months: tuple[datetime.date, ...]
    monthly: dict[str, dict[Key, dict[datetime.date, int]]]
    at: datetime.datetime

    def of(self, key: Key) -> Figures:
        return self.figures.get(key) or Figures()


def count_period(period: Period) -> PeriodCounts:
    """Every row's figures of the period, counted now (a dozen grouped queries)."""
    counts: Counts = count_programme(period, today=timezone.localdate())
    return PeriodCounts(
        figures={key: figures_of(tally) for key, tally in counts.tallies.items()},
        months=tuple(counts.months),
        monthly={
            name: {key: dict(values) for key, values in series.items()}
            for name, series in counts.monthly.items()
        },
        at=timezone.now(),
    )


def _counted(period: Period, *, cached: bool) -> PeriodCounts:
    seconds = cache_seconds()
    if not cached or seconds <= 0:
        return count_period(period)
    key = f"programme:dashboard:{period.start}:{period.end}:{timezone.localdate()}"
    found: PeriodCounts | None = cache.get(key)
    if found is None:
        found = count_period(period)
        cache.set(key, found, seconds)
    return found


def _trends(counts: PeriodCounts, key: Key) -> list[Trend]:
    labels = {name: label for name, label, _definition in FIGURE_DEFINITIONS}
    months = counts.months
    return [
        Trend(
            name=name,
            label=str(labels[name]),
            months=months,
            values=tuple(counts.monthly.get(name, {}).get(key, {}).get(m, 0) for m in months),
        )
        for name in TREND_FIGURES
    ]


def officer_label(user: User) -> str:
    return user.get_full_name() or user.get_username()


def programme_dashboard(
    *,
    user: User | AnonymousUser,
    period: Period,
    cached: bool = False,
    counts: PeriodCounts | None = None,
) -> Dashboard:
    """Team totals, a row per major district and per officer the user may see, and the
    team's monthly trends. `cached` (the view) reuses the counts of the same period for
    settings.PROGRAMME_DASHBOARD_CACHE_SECONDS; `counts` (the annual report) are counts the
    caller made already with count_period."""
    counts = counts or _counted(period, cached=cached)
    query = period.query()
    majors = [
        Row(
            kind="major",
            key=major.code,
            label=major.name,
            figures=counts.of(("major", major.pk)),
            url=reverse("programme:dashboard_district", args=[major.code]) + f"?{query}",
        )
        for major in major_districts_visible_to(user).order_by("number")
    ]
    officers = sorted(
        (
            Row(
                kind="officer",
                key=str(officer.pk),
                label=officer_label(officer),
                figures=counts.of(("officer", officer.pk)),
            )
            for officer in officers_visible_to(user)
        ),
        key=lambda row: row.label.casefold(),
    )
    return Dashboard(
        period=period,
        team=Row(kind="team", key="team", label=_("Whole team"), figures=counts.of(TEAM)),
        majors=majors,
        officers=officers,
        trends=_trends(counts, TEAM),
        sees_whole=sees_whole_programme(user),
        counted_at=counts.at,
    )


@dataclass(frozen=True)
class MajorDistrictView:
    """The drill-down page's data: the major district's row, its districts and trends."""

    major: Row
    districts: list[Row]
    trends: list[Trend]
    counted_at: datetime.datetime


def major_district_view(
    *,
    major: MajorDistrict,
    period: Period,
    cached: bool = False,
    counts: PeriodCounts | None = None,
) -> MajorDistrictView:
    counts = counts or _counted(period, cached=cached)
    return MajorDistrictView(
        major=Row(
            kind="major",
            key=major.code,
            label=major.name,
            figures=counts.of(("major", major.pk)),
        ),
        districts=_district_rows(counts, major),
        trends=_trends(counts, ("major", major.pk)),
        counted_at=counts.at,
    )


def _district_rows(counts: PeriodCounts, major: MajorDistrict) -> list[Row]:
    districts = (
        District.objects.filter(major_district=major)
        .defer("geometry", "geometry_simplified")
        .order_by("code")
    )
    return [
        Row(
            kind="district",
            key=district.code,
            label=district.name,
            figures=counts.of(("district", district.pk)),
        )
        for district in districts
    ]


def major_district_figures(*, major: MajorDistrict, period: Period) -> Figures:
    """One major district's figures (no permission check: the caller has done it)."""
    return count_period(period).of(("major", major.pk))


def district_rows(*, major: MajorDistrict, period: Period) -> list[Row]:
    """A row per district (peruspiiri) of the major district (no permission check)."""
    return _district_rows(count_period(period), major)


__all__ = [
    "FIGURE_DEFINITIONS",
    "Dashboard",
    "Figures",
    "MajorDistrictView",
    "PeriodCounts",
    "Row",
    "Trend",
    "count_period",
    "district_rows",
    "major_district_figures",
    "major_district_view",
    "programme_dashboard",
]
