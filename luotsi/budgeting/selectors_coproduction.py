"""Reads of the co-production phase: workspaces as the caller may see them, a workspace's
page (members, meetings, tasks, updates, information materials and what is still missing),
the public implementation tracker, and the workspaces section of the handover dossier."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import (
    Cycle,
    ImplementationStatus,
    Plan,
    StatusUpdate,
    Workspace,
    WorkspaceMember,
    WorkspaceTask,
)
from luotsi.budgeting.permissions.coproduction import (
    may_manage_workspace,
    plans_managed_by,
    public_updates,
    workspaces_visible_to,
)
from luotsi.events.models import Event
from luotsi.events.permissions import events_visible_to
from luotsi.materials import selectors as material_selectors
from luotsi.materials.models import Item, Variant, VariantStatus

CLOSED_STATUSES = (ImplementationStatus.DONE, ImplementationStatus.CANCELLED)


def workspaces_of_cycle(user: User | AnonymousUser, cycle: Cycle) -> QuerySet[Workspace]:
    open_tasks = Count("tasks", filter=Q(tasks__done_at__isnull=True), distinct=True)
    return (
        workspaces_visible_to(user)
        .filter(plan__cycle=cycle)
        .select_related("plan", "plan__major_district", "facilitator")
        .annotate(open_tasks=open_tasks, member_count=Count("members", distinct=True))
        .order_by("plan__major_district__number", "plan__code", "pk")
    )


def plans_awaiting_workspace(user: User | AnonymousUser, cycle: Cycle) -> QuerySet[Plan]:
    """Selected plans of the cycle the user manages that have no workspace yet."""
    return (
        plans_managed_by(user)
        .filter(cycle=cycle, result__selected=True, workspace__isnull=True)
        .select_related("major_district")
        .order_by("major_district__number", "code", "pk")
    )


def suggested_applicants(plan: Plan) -> list[User]:
    """The accounts of the authors of the plan's proposals."""
    return list(
        User.objects.filter(pb_proposals__plan=plan, is_active=True).distinct().order_by("pk")
    )


def meeting_choices(workspace: Workspace, user: User) -> QuerySet[Event]:
    """Events the user can see in the plan's major district (any, for a city-wide plan) that
    are not linked yet, latest first."""
    events = events_visible_to(user).exclude(pk__in=workspace.meetings.values("pk"))
    if workspace.plan.major_district_id is not None:
        events = events.filter(district__major_district_id=workspace.plan.major_district_id)
    return events.order_by("-start")


# --- materials ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """The plan's information materials: one row per item, one column per declared language
    and format, and the versions still missing (needed or in translation)."""

    matrix: material_selectors.Matrix
    missing: list[Variant]
    needed: int
    in_translation: int
    ready: int


def materials_coverage(plan: Plan) -> Coverage:
    items = Item.objects.filter(pb_plan=plan).select_related("district", "event")
    matrix = material_selectors.coverage_matrix(items)
    variants = list(Variant.objects.filter(item__pb_plan=plan).select_related("item"))
    missing = sorted(
        (v for v in variants if v.status != VariantStatus.READY),
        key=lambda v: (v.item.title, material_selectors.column_order((v.language, v.format))),
    )
    counts = dict.fromkeys(VariantStatus.values, 0)
    for variant in variants:
        counts[variant.status] = counts.get(variant.status, 0) + 1
    return Coverage(
        matrix=matrix,
        missing=missing,
        needed=counts[VariantStatus.NEEDED],
        in_translation=counts[VariantStatus.IN_TRANSLATION],
        ready=counts[VariantStatus.READY],
    )


def public_materials_of_plan(plan: Plan) -> list[Item]:
    return list(material_selectors.public_items().filter(pb_plan=plan))


# --- a workspace's page ---------------------------------------------------------------------


@dataclass(frozen=True)
class WorkspacePage:
    workspace: Workspace
    may_manage: bool
    members: list[WorkspaceMember]
    meetings: list[Event]
    open_tasks: list[WorkspaceTask]
    done_tasks: list[WorkspaceTask]
    updates: list[StatusUpdate]
    coverage: Coverage
    suggested: list[User] = field(default_factory=list)


def workspace_page(user: User | AnonymousUser, workspace: Workspace) -> WorkspacePage:
    """Everything on the workspace's page. Precondition: `user` may see the workspace."""
    tasks = list(workspace.tasks.select_related("owner").order_by("due_on", "pk"))
    members = list(workspace.members.select_related("user", "organisation"))
    member_ids = {m.user_id for m in members if m.user_id}
    manage = may_manage_workspace(user, workspace)
    return WorkspacePage(
        workspace=workspace,
        may_manage=manage,
        members=members,
        meetings=list(workspace.meetings.select_related("venue", "district").order_by("start")),
        open_tasks=[t for t in tasks if t.done_at is None],
        done_tasks=sorted(
            (t for t in tasks if t.done_at is not None),
            key=lambda t: t.done_at.timestamp() if t.done_at else 0.0,
            reverse=True,
        ),
        updates=list(
            StatusUpdate.objects.filter(plan=workspace.plan)
            .select_related("posted_by")
            .order_by("-posted_at", "-pk")
        ),
        coverage=materials_coverage(workspace.plan),
        suggested=[u for u in suggested_applicants(workspace.plan) if u.pk not in member_ids]
        if manage
        else [],
    )


# --- the public tracker ---------------------------------------------------------------------


@dataclass(frozen=True)
class TrackerGroup:
    major_district: MajorDistrict | None  # None: city-wide plans
    plans: list[Plan]

    @property
    def average_progress(self) -> int:
        if not self.plans:
            return 0
        return round(sum(p.implementation_progress for p in self.plans) / len(self.plans))


def tracker_groups(cycle: Cycle) -> list[TrackerGroup]:
    """The cycle's selected plans per major district (city-wide last), each with its latest
    public update prefetched as `latest_public`."""
    latest = StatusUpdate.objects.filter(public=True).order_by("-posted_at", "-pk")
    plans = list(
        Plan.objects.filter(cycle=cycle, result__selected=True)
        .select_related("major_district")
        .prefetch_related(Prefetch("status_updates", queryset=latest, to_attr="public_updates"))
        .order_by("major_district__number", "code", "pk")
    )
    groups: dict[int | None, TrackerGroup] = {}
    for plan in plans:
        key = plan.major_district_id
        if key not in groups:
            groups[key] = TrackerGroup(major_district=plan.major_district, plans=[])
        groups[key].plans.append(plan)
    return sorted(
        groups.values(),
        key=lambda g: (
            g.major_district is None,
            g.major_district.number if g.major_district else 0,
        ),
    )


def tracker_history(plan: Plan) -> list[StatusUpdate]:
    """The plan's public updates, oldest first (the story of its implementation)."""
    return list(public_updates(plan).order_by("posted_at", "pk"))


# --- the handover dossier -------------------------------------------------------------------


def workspaces_for_handover(user: User, assignment: OfficerAssignment) -> list[Workspace]:
    """Open workspaces (implementation neither done nor cancelled) the outgoing officer
    facilitates or that are in their major districts, as far as `user` may see them, each
    with its open tasks prefetched as `open_task_list`."""
    open_tasks = WorkspaceTask.objects.filter(done_at__isnull=True).select_related("owner")
    return list(
        workspaces_visible_to(user)
        .filter(
            Q(facilitator_id=assignment.officer_id)
            | Q(plan__major_district__in=assignment.major_districts.all())
        )
        .exclude(plan__implementation_status__in=CLOSED_STATUSES)
        .select_related("plan", "plan__cycle", "plan__major_district", "facilitator")
        .prefetch_related(
            Prefetch(
                "tasks", queryset=open_tasks.order_by("due_on", "pk"), to_attr="open_task_list"
            )
        )
        .order_by("plan__cycle__voting_starts_at", "plan__code", "pk")
    )
