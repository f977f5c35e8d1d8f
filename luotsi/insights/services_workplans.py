"""Writes of the officers' work plans. An officer keeps their own plans; nobody else writes
them (the coordinator reads them). Each change is one transaction with an audit event."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.budgeting.models import Workspace
from luotsi.campaigns.models import Campaign
from luotsi.events.models import Event
from luotsi.insights.models import GoalIndicator, WorkPlan, WorkPlanGoal
from luotsi.insights.periods import EARLIEST_YEAR
from luotsi.insights.selectors_workplans import link_choices, may_edit_plan, may_keep_plan
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

LATEST_YEARS_AHEAD = 1


def _check_editor(plan: WorkPlan, by: User) -> None:
    if not may_edit_plan(by, plan):
        raise PermissionDenied


@transaction.atomic
def work_plan_create(
    *,
    officer: User,
    year: int,
    by: User,
    initiatives: str = "",
    copy_goals_from: WorkPlan | None = None,
) -> WorkPlan:
    """A new plan for `year`. With `copy_goals_from` (one of the officer's earlier plans) its
    goals are copied: titles, descriptions, indicators and targets, without values or links
    (those belonged to that year's activities)."""
    if by.pk != officer.pk or not may_keep_plan(by):
        raise PermissionDenied
    if year < EARLIEST_YEAR:
        raise ValidationError({"year": _("Choose a later year.")})
    if WorkPlan.objects.filter(officer=officer, year=year).exists():
        raise ValidationError({"year": _("You already have a work plan for that year.")})
    if copy_goals_from is not None and copy_goals_from.officer_id != officer.pk:
        raise PermissionDenied
    plan = WorkPlan.objects.create(officer=officer, year=year, initiatives=initiatives.strip())
    copied = 0
    if copy_goals_from is not None:
        goals = [
            WorkPlanGoal(
                plan=plan,
                title=goal.title,
                description=goal.description,
                indicator=goal.indicator,
                target=goal.target,
                order=goal.order,
            )
            for goal in copy_goals_from.goals.order_by("order", "pk")
        ]
        WorkPlanGoal.objects.bulk_create(goals)
        copied = len(goals)
    summary = f"work plan {year}"
    if copy_goals_from is not None:
        summary += f", {copied} goals copied from {copy_goals_from.year}"
    audit_record(actor=by, action=AuditAction.CREATE, obj=plan, summary=summary)
    return plan


@transaction.atomic
def work_plan_update(*, plan: WorkPlan, by: User, initiatives: str) -> WorkPlan:
    _check_editor(plan, by)
    plan.initiatives = initiatives.strip()
    plan.save(update_fields=["initiatives", "updated_at"])
    audit_record(actor=by, action=AuditAction.CHANGE, obj=plan, summary="initiatives")
    return plan


def _clean_goal(
    *,
    plan: WorkPlan,
    by: User,
    title: str,
    indicator: str,
    target: int,
    manual_value: int | None,
    events: Iterable[Event],
    campaigns: Iterable[Campaign],
    workspaces: Iterable[Workspace],
    keep: WorkPlanGoal | None = None,
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Name the goal.")
    if indicator not in GoalIndicator.values:
        errors["indicator"] = _("Choose how the goal is measured.")
    if target is None or target < 1:
        errors["target"] = _("The target must be at least 1.")
    elif indicator == GoalIndicator.CAMPAIGN_COVERAGE and target > 100:
        errors["target"] = _("A share of campaign targets is at most 100 (%).")
    if manual_value is not None and manual_value < 0:
        errors["manual_value"] = _("The value cannot be negative.")
    # Only activities the officer may see (those already linked stay allowed).
    allowed = link_choices(by, plan.year, keep=keep)
    chosen: dict[str, list[Any]] = {
        "events": list(events),
        "campaigns": list(campaigns),
        "workspaces": list(workspaces),
    }
    for field, items in chosen.items():
        permitted = set(allowed[field].values_list("pk", flat=True))
        if any(item.pk not in permitted for item in items):
            errors[field] = _("Choose among your own activities.")
    if errors:
        raise ValidationError(errors)
    return chosen


@transaction.atomic
def work_plan_goal_add(
    *,
    plan: WorkPlan,
    by: User,
    title: str,
    indicator: str,
    target: int,
    description: str = "",
    manual_value: int | None = None,
    events: Iterable[Event] = (),
    campaigns: Iterable[Campaign] = (),
    workspaces: Iterable[Workspace] = (),
) -> WorkPlanGoal:
    _check_editor(plan, by)
    links = _clean_goal(
        plan=plan,
        by=by,
        title=title,
        indicator=indicator,
        target=target,
        manual_value=manual_value,
        events=events,
        campaigns=campaigns,
        workspaces=workspaces,
    )
    last = plan.goals.order_by("-order").values_list("order", flat=True).first()
    goal = WorkPlanGoal.objects.create(
        plan=plan,
        title=title.strip(),
        description=description.strip(),
        indicator=indicator,
        target=target,
        manual_value=manual_value if indicator == GoalIndicator.MANUAL else None,
        order=(last + 1) if last is not None else 0,
    )
    goal.events.set(links["events"])
    goal.campaigns.set(links["campaigns"])
    goal.workspaces.set(links["workspaces"])
    plan.save(update_fields=["updated_at"])
    audit_record(actor=by, action=AuditAction.CREATE, obj=goal, summary=f"goal in plan {plan.pk}")
    return goal


@transaction.atomic
def work_plan_goal_update(
    *,
    goal: WorkPlanGoal,
    by: User,
    title: str,
    indicator: str,
    target: int,
    description: str = "",
    manual_value: int | None = None,
    events: Iterable[Event] = (),
    campaigns: Iterable[Campaign] = (),
    workspaces: Iterable[Workspace] = (),
) -> WorkPlanGoal:
    plan = goal.plan
    _check_editor(plan, by)
    links = _clean_goal(
        plan=plan,
        by=by,
        title=title,
        indicator=indicator,
        target=target,
        manual_value=manual_value,
        events=events,
        campaigns=campaigns,
        workspaces=workspaces,
        keep=goal,
    )
    goal.title = title.strip()
    goal.description = description.strip()
    goal.indicator = indicator
    goal.target = target
    goal.manual_value = manual_value if indicator == GoalIndicator.MANUAL else None
    goal.save()
    goal.events.set(links["events"])
    goal.campaigns.set(links["campaigns"])
    goal.workspaces.set(links["workspaces"])
    plan.save(update_fields=["updated_at"])
    audit_record(actor=by, action=AuditAction.CHANGE, obj=goal, summary=f"goal in plan {plan.pk}")
    return goal


@transaction.atomic
def work_plan_goal_delete(*, goal: WorkPlanGoal, by: User) -> None:
    plan = goal.plan
    _check_editor(plan, by)
    audit_record(actor=by, action=AuditAction.DELETE, obj=goal, summary=f"goal in plan {plan.pk}")
    goal.delete()
    plan.save(update_fields=["updated_at"])
