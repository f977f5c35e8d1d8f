"""Reads for the cycle, proposal and plan pages, already filtered by what the caller may see."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import (
    Cycle,
    CycleBudget,
    Phase,
    Plan,
    PlanStatus,
    Proposal,
    ProposalStatus,
)
from luotsi.budgeting.permissions import is_coordinator, is_official
from luotsi.budgeting.permissions.proposals import (
    cycles_visible_to,
    plans_costed_by,
    plans_managed_by,
    plans_visible_to,
    proposals_moderated_by,
    proposals_visible_to,
)
from luotsi.network.models import Topic

AREA_BOUNDARIES = ("geometry", "geometry_simplified")


@dataclass(frozen=True)
class PhaseStep:
    phase: Phase
    start: datetime.date | datetime.datetime | None
    end: datetime.date | datetime.datetime | None
    current: bool
    past: bool

    @property
    def label(self) -> str:
        return str(self.phase.label)


def timeline(cycle: Cycle, moment: datetime.datetime | None = None) -> list[PhaseStep]:
    """The cycle's phases in order with their dates, which one is current and which are over."""
    current = cycle.phase_at(moment)
    order = [
        (Phase.PROPOSALS, cycle.proposals_start, cycle.proposals_end),
        (Phase.COCREATION, cycle.cocreation_start, cycle.cocreation_end),
        (Phase.COSTING, cycle.costing_start, cycle.costing_end),
        (Phase.VOTING, cycle.voting_starts_at, cycle.voting_ends_at),
        (Phase.RESULTS, cycle.results_published_at, None),
        (Phase.IMPLEMENTATION, cycle.implementation_start, None),
    ]
    phases = [step[0] for step in order]
    # Counting sits between voting and results: shown as voting being over.
    current_index = (
        phases.index(current) if current in phases else (3 if current == Phase.COUNTING else -1)
    )
    return [
        PhaseStep(
            phase=phase,
            start=start,
            end=end,
            current=phase == current,
            past=index < current_index or (index == current_index and current == Phase.COUNTING),
        )
        for index, (phase, start, end) in enumerate(order)
    ]


def current_step(cycle: Cycle) -> PhaseStep | None:
    return next((step for step in timeline(cycle) if step.current), None)


def listed_cycles(user: User | AnonymousUser) -> QuerySet[Cycle]:
    """Published cycles (the coordinator also sees unpublished ones), newest first."""
    return cycles_visible_to(user).order_by("-voting_starts_at")


def current_public_cycle() -> Cycle | None:
    """The newest published cycle residents can take part in or follow now (from its proposals
    phase until its results are out); None between cycles."""
    live = {
        Phase.PROPOSALS,
        Phase.COCREATION,
        Phase.COSTING,
        Phase.VOTING,
        Phase.COUNTING,
        Phase.RESULTS,
    }
    for cycle in Cycle.objects.public().order_by("-voting_starts_at")[:3]:
        if cycle.phase in live:
            return cycle
    return None


@dataclass(frozen=True)
class BudgetRow:
    area: CycleBudget
    largest_plan: int


def budget_rows(cycle: Cycle) -> list[BudgetRow]:
    """The budget per major district, then the city-wide pot, with the most one plan may cost."""
    areas = list(
        CycleBudget.objects.filter(cycle=cycle)
        .select_related("major_district")
        .defer(*(f"major_district__{field}" for field in AREA_BOUNDARIES))
    )
    areas.sort(
        key=lambda a: (a.major_district is None, a.major_district.number if a.major_district else 0)
    )
    return [
        BudgetRow(
            area=area,
            largest_plan=area.amount
            if area.is_citywide
            else area.amount * cycle.max_project_share_percent // 100,
        )
        for area in areas
    ]


def major_districts(cycle: Cycle) -> QuerySet[MajorDistrict]:
    return (
        MajorDistrict.objects.filter(city_id=cycle.city_id)
        .defer(*AREA_BOUNDARIES)
        .order_by("number")
    )


def _with_areas(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.select_related("major_district", "district").defer(
        *(
            f"{area}__{field}"
            for area in ("major_district", "district")
            for field in AREA_BOUNDARIES
        )
    )


def public_proposals(
    cycle: Cycle, *, major_district: str = "", topic: Topic | None = None
) -> QuerySet[Proposal]:
    """Published (and merged) proposals of the cycle; `major_district` is a number, or "city"
    for the city-wide ones."""
    proposals = Proposal.objects.public().filter(cycle=cycle)
    if major_district == "city":
        proposals = proposals.filter(major_district__isnull=True)
    elif major_district.isdigit():
        proposals = proposals.filter(major_district__number=int(major_district))
    if topic is not None:
        proposals = proposals.filter(topics=topic)
    return _with_areas(proposals).prefetch_related("topics").order_by("-created_at", "-pk")


def my_proposals(user: User, cycle: Cycle) -> QuerySet[Proposal]:
    """The person's own proposals in the cycle, whatever their status."""
    return _with_areas(Proposal.objects.filter(cycle=cycle, author=user)).order_by("-created_at")


def proposals_to_moderate(user: User | AnonymousUser, cycle: Cycle) -> QuerySet[Proposal]:
    return _with_areas(
        proposals_moderated_by(user).filter(cycle=cycle, status=ProposalStatus.SUBMITTED)
    ).order_by("created_at", "pk")


def mergeable_proposals(user: User | AnonymousUser, plan: Plan) -> QuerySet[Proposal]:
    """Published proposals of the plan's cycle the user may merge into it."""
    proposals = proposals_moderated_by(user).filter(
        cycle_id=plan.cycle_id, status=ProposalStatus.PUBLISHED
    )
    if plan.major_district_id is not None:
        proposals = proposals.filter(
            Q(major_district_id=plan.major_district_id) | Q(major_district__isnull=True)
        )
    return _with_areas(proposals).order_by("title", "pk")


def public_plans(user: User | AnonymousUser, cycle: Cycle, *, major_district: str = "") -> Any:
    plans = plans_visible_to(user).filter(cycle=cycle)
    if major_district == "city":
        plans = plans.filter(major_district__isnull=True)
    elif major_district.isdigit():
        plans = plans.filter(major_district__number=int(major_district))
    return (
        plans.select_related("major_district")
        .defer(*(f"major_district__{field}" for field in AREA_BOUNDARIES))
        .annotate(proposal_count=Count("proposals"))
        .order_by("major_district__number", "code", "pk")
    )


def plan_proposals(user: User | AnonymousUser, plan: Plan) -> QuerySet[Proposal]:
    """The proposals merged into the plan that the user may read."""
    return _with_areas(proposals_visible_to(user).filter(plan=plan)).order_by("created_at")


@dataclass
class StaffOverview:
    to_moderate: QuerySet[Proposal]
    plans_by_status: list[tuple[str, list[Plan]]]
    to_cost: QuerySet[Plan]


def staff_overview(user: User | AnonymousUser, cycle: Cycle) -> StaffOverview:
    """What the user has to do in the cycle: proposals to moderate and plans by status (their
    districts), and plans waiting for a cost estimate (officials and the coordinator)."""
    managed = (
        plans_managed_by(user)
        .filter(cycle=cycle)
        .select_related("major_district")
        .defer(*(f"major_district__{field}" for field in AREA_BOUNDARIES))
        .order_by("major_district__number", "code", "pk")
    )
    by_status: dict[str, list[Plan]] = {status: [] for status in PlanStatus.values}
    for plan in managed:
        by_status[plan.status].append(plan)
    labels = dict(PlanStatus.choices)
    return StaffOverview(
        to_moderate=proposals_to_moderate(user, cycle),
        plans_by_status=[(str(labels[status]), plans) for status, plans in by_status.items()],
        to_cost=plans_costed_by(user).filter(cycle=cycle).select_related("major_district")
        if is_official(user) or is_coordinator(user)
        else Plan.objects.none(),
    )
