"""Reads of the officers' yearly work plans: the plans a user may see, the activities they may
link to a goal, and the plans' summaries (goals met, on track, behind). How each goal's progress
is counted is in workplan_progress.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from luotsi.accounts.models import User
from luotsi.budgeting.models import Workspace
from luotsi.budgeting.permissions.coproduction import workspaces_visible_to
from luotsi.campaigns.models import Campaign
from luotsi.campaigns.permissions import campaigns_visible_to
from luotsi.events.models import (
    Event,
)
from luotsi.events.permissions import events_managed_by
from luotsi.insights.models import WorkPlan, WorkPlanGoal
from luotsi.insights.permissions_programme import OFFICER_ROLES, officers_visible_to
from luotsi.insights.workplan_progress import (
    GoalProgress,
    Standing,
    progress_of,
    year_bounds,
)


@dataclass(frozen=True)
class PlanSummary:
    plan_id: int
    url: str
    goals: int
    met: int
    on_track: int
    behind: int


# --- what a user may see ----------------------------------------------------------------------


def plans_visible_to(user: User | AnonymousUser) -> QuerySet[WorkPlan]:
    """The coordinator sees every officer's plans; an officer their own."""
    return WorkPlan.objects.filter(
        officer__in=officers_visible_to(user).values("pk")
    ).select_related("officer")


def may_keep_plan(user: User | AnonymousUser) -> bool:
    """Officers keep work plans (the coordinator reads them)."""
    return isinstance(user, User) and user.is_active and user.role in OFFICER_ROLES


def may_edit_plan(user: User | AnonymousUser, plan: WorkPlan) -> bool:
    return may_keep_plan(user) and isinstance(user, User) and plan.officer_id == user.pk


def link_choices(
    user: User | AnonymousUser, year: int, *, keep: WorkPlanGoal | None = None
) -> dict[str, QuerySet[Any]]:
    """The activities an officer may link to a goal in their plan for `year`: events they
    organise or created that start in the year, campaigns they may see whose feedback deadline
    falls in the year, and the co-production workspaces they may see; plus whatever `keep`
    (a goal being edited) already links."""
    start, end = year_bounds(year)
    if not isinstance(user, User):
        return {
            "events": Event.objects.none(),
            "campaigns": Campaign.objects.none(),
            "workspaces": Workspace.objects.none(),
        }
    events = Q(
        pk__in=events_managed_by(user)
        .filter(Q(organisers=user) | Q(created_by=user), start__gte=start, start__lt=end)
        .values("pk")
    )
    campaigns = Q(
        pk__in=campaigns_visible_to(user)
        .filter(feedback_deadline__gte=start, feedback_deadline__lt=end)
        .values("pk")
    )
    workspaces = Q(pk__in=workspaces_visible_to(user).values("pk"))
    if keep is not None and keep.pk:
        events |= Q(pk__in=keep.events.values("pk"))
        campaigns |= Q(pk__in=keep.campaigns.values("pk"))
        workspaces |= Q(pk__in=keep.workspaces.values("pk"))
    return {
        "events": Event.objects.filter(events).order_by("start", "pk"),
        "campaigns": Campaign.objects.filter(campaigns).order_by("feedback_deadline", "pk"),
        "workspaces": Workspace.objects.filter(workspaces)
        .select_related("plan")
        .order_by("plan__code", "pk"),
    }


def plan_url(plan_id: int) -> str:
    return reverse("programme:workplans_plan", args=[plan_id])


def summarise_plans(plans: Iterable[WorkPlan]) -> dict[int, PlanSummary]:
    """plan pk → summary, for any plans (a few queries whatever their number)."""
    by_pk = {plan.pk: plan for plan in plans}
    goals = list(WorkPlanGoal.objects.filter(plan_id__in=by_pk))
    for goal in goals:
        goal.plan = by_pk[goal.plan_id]
    progress = progress_of(goals)
    counts: dict[int, dict[str, int]] = {pk: defaultdict(int) for pk in by_pk}
    for goal in goals:
        counts[goal.plan_id][progress[goal.pk].standing] += 1
        counts[goal.plan_id]["goals"] += 1
    return {
        pk: PlanSummary(
            plan_id=pk,
            url=plan_url(pk),
            goals=counts[pk]["goals"],
            met=counts[pk][Standing.MET],
            on_track=counts[pk][Standing.ON_TRACK],
            behind=counts[pk][Standing.BEHIND],
        )
        for pk in by_pk
    }


def plan_summaries(*, year: int, officers: Iterable[User]) -> dict[int, PlanSummary]:
    """officer pk → the summary of their plan for `year` (officers without a plan are left
    out). A few queries for all officers together; the caller has checked that the user may
    see these officers."""
    officer_ids = [officer.pk for officer in officers]
    if not officer_ids:
        return {}
    plans = list(
        WorkPlan.objects.filter(year=year, officer_id__in=officer_ids).only(
            "pk", "officer_id", "year"
        )
    )
    summaries = summarise_plans(plans)
    return {plan.officer_id: summaries[plan.pk] for plan in plans}


@dataclass(frozen=True)
class GoalRow:
    goal: WorkPlanGoal
    progress: GoalProgress


def plan_goals(plan: WorkPlan) -> list[GoalRow]:
    """The plan's goals with their progress and linked activities, in order."""
    goals = list(
        plan.goals.prefetch_related("events", "campaigns", "workspaces__plan").order_by(
            "order", "pk"
        )
    )
    for goal in goals:
        goal.plan = plan
    progress = progress_of(goals)
    return [GoalRow(goal=goal, progress=progress[goal.pk]) for goal in goals]


def latest_plan_year(officer: User) -> int | None:
    return WorkPlan.objects.filter(officer=officer).aggregate(y=Max("year"))["y"]
