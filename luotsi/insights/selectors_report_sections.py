"""The annual report's work plans and participatory budgeting sections: the officers' work
plans of the period's years counted together (never per person), and the co-produced PB
plans by implementation status."""

from collections import Counter
from dataclasses import dataclass, field

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import ImplementationStatus, Plan
from luotsi.insights import selectors_workplans
from luotsi.insights.periods import Period
from luotsi.insights.permissions_programme import OFFICER_ROLES


@dataclass(frozen=True)
class PlanYear:
    """The officers' work plans of one year, counted together."""

    year: int
    officers: int  # officers who worked in the scope during the period
    plans: int
    goals: int
    met: int
    on_track: int
    behind: int


def officers_in_scope(period: Period, major: MajorDistrict | None) -> list[User]:
    """The officers whose assignments overlap the period (in the major district when one is
    chosen)."""
    assignments = OfficerAssignment.objects.filter(starts_on__lte=period.end).exclude(
        ends_on__lt=period.start
    )
    if major is not None:
        assignments = assignments.filter(major_districts=major)
    ids = set(assignments.values_list("officer_id", flat=True))
    if major is None:
        ids |= set(User.objects.filter(role__in=OFFICER_ROLES).values_list("pk", flat=True))
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def plan_years(period: Period, officers: list[User]) -> list[PlanYear]:
    rows = []
    for year in range(period.start.year, period.end.year + 1):
        summaries = selectors_workplans.plan_summaries(year=year, officers=officers).values()
        rows.append(
            PlanYear(
                year=year,
                officers=len(officers),
                plans=len(summaries),
                goals=sum(s.goals for s in summaries),
                met=sum(s.met for s in summaries),
                on_track=sum(s.on_track for s in summaries),
                behind=sum(s.behind for s in summaries),
            )
        )
    return rows


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class PBStatus:
    """The participatory budgeting plans in co-production (with a workspace opened by the end
    of the period) by implementation status, now."""

    workspaces: int  # not cancelled (as the dashboard's "PB co-production")
    average_progress: int | None  # per cent, over the plans not cancelled
    statuses: list[StatusCount] = field(default_factory=list)

    @property
    def done(self) -> int:
        return next((s.count for s in self.statuses if s.status == ImplementationStatus.DONE), 0)


def pb_status(period: Period, major: MajorDistrict | None) -> PBStatus:
    plans = Plan.objects.filter(
        workspace__isnull=False, workspace__created_at__lt=period.end_datetime()
    )
    if major is not None:
        plans = plans.filter(major_district=major)
    rows = list(plans.values_list("implementation_status", "implementation_progress"))
    counts = Counter(status for status, _progress in rows)
    active = [progress for status, progress in rows if status != ImplementationStatus.CANCELLED]
    return PBStatus(
        workspaces=len(active),
        average_progress=round(sum(active) / len(active)) if active else None,
        statuses=[
            StatusCount(value, str(label), counts.get(value, 0))
            for value, label in ImplementationStatus.choices
        ],
    )
