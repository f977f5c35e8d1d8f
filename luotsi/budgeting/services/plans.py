"""Plans: built by officers from residents' proposals in co-creation workshops, costed by city
officials, and put on the ballot.

Status flow: DRAFT → COSTING → COSTED (or NOT_FEASIBLE) → APPROVED (on the ballot, with a code
unique in the cycle). Once the cycle's rules are frozen (voting has opened) the ballot cannot
change: approving and withdrawing are refused. Services that touch the ballot take the cycle's
row lock first, so they cannot race the moment voting opens (as `cycle_update` does).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import (
    Cycle,
    CycleBudget,
    Plan,
    PlanStatus,
    Proposal,
    ProposalStatus,
)
from luotsi.budgeting.permissions import is_coordinator, is_official, serves_major_district
from luotsi.budgeting.permissions.proposals import may_create_plans, proposals_moderated_by
from luotsi.budgeting.services.cycles import rules_are_frozen
from luotsi.events.models import Event, EventKind
from luotsi.events.selectors import managed_events
from luotsi.network.models import Topic
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

TEXT_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
)


def _lock_cycle(cycle: Cycle) -> Cycle:
    """Call inside a transaction: the cycle's row, locked against a concurrent change."""
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


def _refuse_when_frozen(cycle: Cycle) -> None:
    if rules_are_frozen(cycle):
        raise ValidationError(_("Voting has opened: the plans on the ballot can no longer change."))


def _check_manager(plan_major_district_id: int | None, by: User) -> None:
    if not (may_create_plans(by) and serves_major_district(by, plan_major_district_id)):
        raise ValidationError(_("You do not build the plans of this district."))


def _check_texts(texts: dict[str, str]) -> dict[str, str]:
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"unknown plan text fields {sorted(unknown)}")
    cleaned = {name: (value or "").strip() for name, value in texts.items()}
    if not any(cleaned.get(f"title_{lang}") for lang in ("fi", "sv", "en")):
        raise ValidationError({"title_fi": _("Give the plan a title in at least one language.")})
    return cleaned


def workshops_for(by: User, plan_major_district_id: int | None) -> Any:
    """Co-creation workshops (PB workshop events) the user runs, in the plan's major district
    (any district for a city-wide plan)."""
    events = managed_events(by).filter(kind=EventKind.PB_WORKSHOP)
    if plan_major_district_id is not None:
        events = events.filter(district__major_district_id=plan_major_district_id)
    return events


def _check_proposals(plan: Plan, proposals: Iterable[Proposal], by: User) -> list[Proposal]:
    chosen = list(proposals)
    allowed = set(
        proposals_moderated_by(by)
        .filter(cycle_id=plan.cycle_id, status=ProposalStatus.PUBLISHED)
        .values_list("pk", flat=True)
    )
    for proposal in chosen:
        if proposal.pk not in allowed:
            raise ValidationError(
                {
                    "proposals": _(
                        "“%(title)s” cannot be merged: only published proposals of this cycle "
                        "and of your districts can."
                    )
                    % {"title": proposal.title}
                }
            )
        if plan.major_district_id is not None and proposal.major_district_id not in (
            None,
            plan.major_district_id,
        ):
            raise ValidationError(
                {
                    "proposals": _("“%(title)s” is in another major district than the plan.")
                    % {"title": proposal.title}
                }
            )
    return chosen


def _check_workshops(plan: Plan, workshops: Iterable[Event], by: User) -> list[Event]:
    chosen = list(workshops)
    allowed = set(workshops_for(by, plan.major_district_id).values_list("pk", flat=True))
    for event in chosen:
        if event.pk not in allowed:
            raise ValidationError(
                {
                    "workshops": _(
                        "“%(title)s” is not a participatory budgeting workshop of the plan's "
                        "district that you run."
                    )
                    % {"title": event.title}
                }
            )
    return chosen


def _merge(plan: Plan, proposals: list[Proposal], by: User) -> None:
    for proposal in proposals:
        Proposal.objects.filter(pk=proposal.pk, status=ProposalStatus.PUBLISHED).update(
            status=ProposalStatus.MERGED, plan=plan, updated_at=timezone.now()
        )
        audit_record(
            actor=by,
            action=AuditAction.MERGE,
            obj=proposal,
            summary=f"PB proposal merged into plan {plan.pk}",
        )


def plan_create(
    *,
    cycle: Cycle,
    by: User,
    major_district: MajorDistrict | None,
    texts: dict[str, str],
    proposals: Iterable[Proposal] = (),
    topics: Iterable[Topic] = (),
    workshops: Iterable[Event] = (),
) -> Plan:
    """A draft plan of a major district (None: city-wide) merging published proposals.
    Only until voting opens."""
    major_id = major_district.pk if major_district else None
    _check_manager(major_id, by)
    if major_district is not None and major_district.city_id != cycle.city_id:
        raise ValidationError({"major_district": _("Choose a major district of this city.")})
    cleaned = _check_texts(texts)
    with transaction.atomic():
        locked = _lock_cycle(cycle)
        if rules_are_frozen(locked):
            raise ValidationError(_("Voting has opened: no more plans can be made."))
        plan = Plan(cycle=locked, major_district=major_district, created_by=by, **cleaned)
        chosen = _check_proposals(plan, proposals, by)
        plan.save()
        chosen_workshops = _check_workshops(plan, workshops, by)
        plan.topics.set(list(topics))
        plan.workshops.set(chosen_workshops)
        _merge(plan, chosen, by)
        audit_record(actor=by, action=AuditAction.CREATE, obj=plan, summary="PB plan created")
    return plan


def plan_update(
    *,
    plan: Plan,
    by: User,
    texts: dict[str, str],
    topics: Iterable[Topic] | None = None,
    workshops: Iterable[Event] | None = None,
    merge: Iterable[Proposal] = (),
) -> Plan:
    """Edit a plan's texts, topics and workshops, and merge more proposals into it."""
    _check_manager(plan.major_district_id, by)
    cleaned = _check_texts(texts)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        chosen = _check_proposals(locked, merge, by)
        chosen_workshops = (
            _check_workshops(locked, workshops, by) if workshops is not None else None
        )
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.save()
        if topics is not None:
            locked.topics.set(list(topics))
        if chosen_workshops is not None:
            locked.workshops.set(chosen_workshops)
        _merge(locked, chosen, by)
        audit_record(actor=by, action=AuditAction.CHANGE, obj=locked, summary="PB plan changed")
    return locked


def plan_send_to_costing(*, plan: Plan, by: User) -> Plan:
    """Ask the city for a cost estimate (again, after changes: a costed or not feasible plan
    goes back too)."""
    _check_manager(plan.major_district_id, by)
    with transaction.atomic():
        _refuse_when_frozen(_lock_cycle(plan.cycle))
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.status not in (PlanStatus.DRAFT, PlanStatus.COSTED, PlanStatus.NOT_FEASIBLE):
            raise ValidationError(
                _("Only a plan being co-created, costed or found not feasible can be sent.")
            )
        locked.status = PlanStatus.COSTING
        locked.save()
        audit_record(
            actor=by, action=AuditAction.CHANGE, obj=locked, summary="PB plan sent to costing"
        )
    return locked


def plan_cost(
    *,
    plan: Plan,
    by: User,
    feasible: bool,
    cost_estimate: int | None,
    feasibility_note: str,
) -> Plan:
    """A city official's cost estimate (whole euros) and feasibility note; or the finding that
    the plan is not feasible, with a note saying why."""
    if not (is_official(by) or is_coordinator(by)):
        raise ValidationError(_("Only city officials cost plans."))
    note = feasibility_note.strip()
    if feasible and (cost_estimate is None or cost_estimate <= 0):
        raise ValidationError({"cost_estimate": _("Give the cost estimate in euros.")})
    if not feasible and not note:
        raise ValidationError({"feasibility_note": _("Say why the plan is not feasible.")})
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != PlanStatus.COSTING:
            raise ValidationError(_("This plan is not waiting for a cost estimate."))
        locked.status = PlanStatus.COSTED if feasible else PlanStatus.NOT_FEASIBLE
        locked.cost_estimate = cost_estimate if feasible else None
        locked.feasibility_note = note
        locked.estimated_by, locked.estimated_at = by, timezone.now()
        locked.save()
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            summary="PB plan costed" if feasible else "PB plan found not feasible",
        )
    return locked


def budget_limit(plan: Plan) -> tuple[CycleBudget | None, int]:
    """The budget area of the plan and the most the plan may cost in it: the cycle's share
    of a major district's budget, or the whole city-wide pot (0 when there is none)."""
    area = CycleBudget.objects.filter(
        cycle_id=plan.cycle_id, major_district_id=plan.major_district_id
    ).first()
    if area is None:
        return None, 0
    if area.is_citywide:
        return area, area.amount
    return area, area.amount * plan.cycle.max_project_share_percent // 100


def suggest_code(plan: Plan) -> str:
    """A free ballot code: the major district's initial (C for city-wide) and a number."""
    major = plan.major_district
    name = (major.name_fi or major.name) if major else ""
    letter = name[:1].upper() if name else "C"
    taken = set(Plan.objects.filter(cycle_id=plan.cycle_id).values_list("code", flat=True))
    number = 1
    while f"{letter}{number}" in taken:
        number += 1
    return f"{letter}{number}"


def plan_approve(*, plan: Plan, by: User, code: str) -> Plan:
    """Put a costed plan on the ballot with its code (unique in the cycle). Refused when it
    costs more than its budget allows, and once voting has opened."""
    _check_manager(plan.major_district_id, by)
    code = code.strip()
    if not code:
        raise ValidationError({"code": _("Give the plan a ballot code, e.g. E12.")})
    if len(code) > 12:
        raise ValidationError({"code": _("A ballot code has at most 12 characters.")})
    with transaction.atomic():
        cycle = _lock_cycle(plan.cycle)
        _refuse_when_frozen(cycle)
        locked = Plan.objects.select_for_update().select_related("cycle").get(pk=plan.pk)
        if locked.status != PlanStatus.COSTED:
            raise ValidationError(_("Only a costed plan can be put on the ballot."))
        cost = locked.cost_estimate or 0
        area, limit = budget_limit(locked)
        if area is None:
            raise ValidationError(
                {"major_district": _("This cycle has no budget for city-wide plans.")}
                if locked.major_district_id is None
                else {"major_district": _("This cycle has no budget for the plan's district.")}
            )
        if cost > limit:
            message = (
                _("The cost estimate %(cost)s € is more than the city-wide pot of %(limit)s €.")
                if area.is_citywide
                else _(
                    "The cost estimate %(cost)s € is more than %(share)s %% of the district's "
                    "budget (at most %(limit)s €)."
                )
            )
            raise ValidationError(
                {
                    "cost_estimate": message
                    % {
                        "cost": cost,
                        "limit": limit,
                        "share": cycle.max_project_share_percent,
                    }
                }
            )
        if Plan.objects.filter(cycle_id=locked.cycle_id, code=code).exclude(pk=locked.pk).exists():
            raise ValidationError(
                {
                    "code": _("Another plan of this cycle already has the code %(code)s.")
                    % {"code": code}
                }
            )
        locked.status, locked.code = PlanStatus.APPROVED, code
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError as exc:
            # Another officer took the code between the check and the save.
            raise ValidationError(
                {
                    "code": _("Another plan of this cycle already has the code %(code)s.")
                    % {"code": code}
                }
            ) from exc
        audit_record(
            actor=by, action=AuditAction.CHANGE, obj=locked, summary=f"PB plan on ballot as {code}"
        )
    return locked


def plan_unapprove(*, plan: Plan, by: User) -> Plan:
    """Take a plan off the ballot (back to costed, its code freed); only before voting opens."""
    _check_manager(plan.major_district_id, by)
    with transaction.atomic():
        _refuse_when_frozen(_lock_cycle(plan.cycle))
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != PlanStatus.APPROVED:
            raise ValidationError(_("This plan is not on the ballot."))
        locked.status, locked.code = PlanStatus.COSTED, ""
        locked.save()
        audit_record(
            actor=by, action=AuditAction.CHANGE, obj=locked, summary="PB plan taken off ballot"
        )
    return locked
