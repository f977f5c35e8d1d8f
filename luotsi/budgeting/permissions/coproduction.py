"""Who may do what in the co-production phase (a workspace per selected plan).

- Manage a workspace (open it, add and remove members, link and create meetings, any task,
  status updates): the coordinator, the district officers serving the plan's major district
  (a city-wide plan: any district officer) and the facilitating officer.
- Work in it (see it, add tasks and status updates, mark their own tasks done): its members
  with an account — the responsible city officials and the applicants.
- Everyone else: the workspace is 404 (another district's officer too).
- The public implementation tracker shows the selected plans of published cycles whose
  results are published, with their public status updates only.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from luotsi.accounts.models import User
from luotsi.budgeting.models import Cycle, Plan, StatusUpdate, Workspace, WorkspaceTask
from luotsi.budgeting.permissions import (
    is_coordinator,
    is_district_officer,
    officer_major_districts,
)
from luotsi.web.shortcuts import get_or_404


def may_facilitate(user: User | AnonymousUser) -> bool:
    """May open and run workspaces at all (which ones: `plans_managed_by`)."""
    return is_coordinator(user) or is_district_officer(user)


def plans_managed_by(user: User | AnonymousUser) -> QuerySet[Plan]:
    """Plans whose workspace (and materials) the user manages."""
    if is_coordinator(user):
        return Plan.objects.all()
    if not isinstance(user, User) or not is_district_officer(user):
        return Plan.objects.none()
    return Plan.objects.filter(
        Q(major_district__in=officer_major_districts(user))
        | Q(major_district__isnull=True)
        | Q(workspace__facilitator=user)
    )


def selected_plans_managed_by(user: User | AnonymousUser) -> QuerySet[Plan]:
    return plans_managed_by(user).filter(result__selected=True)


def workspaces_visible_to(user: User | AnonymousUser) -> QuerySet[Workspace]:
    if not isinstance(user, User) or not user.is_active:
        return Workspace.objects.none()
    managed = Workspace.objects.filter(plan__in=plans_managed_by(user).values("pk"))
    member_of = Workspace.objects.filter(members__user=user)
    return Workspace.objects.filter(
        Q(pk__in=managed.values("pk")) | Q(pk__in=member_of.values("pk"))
    )


def may_manage_workspace(user: User | AnonymousUser, workspace: Workspace) -> bool:
    return plans_managed_by(user).filter(pk=workspace.plan_id).exists()


def may_mark_task(user: User | AnonymousUser, workspace: Workspace, task: WorkspaceTask) -> bool:
    """The task's owner, and those who manage the workspace."""
    return (isinstance(user, User) and task.owner_id == user.pk) or may_manage_workspace(
        user, workspace
    )


def access_workspace(user: User | AnonymousUser, pk: object, cycle: Cycle) -> Workspace:
    """A workspace of `cycle` the user manages or is a member of (others: 404)."""
    workspace: Workspace = get_or_404(
        workspaces_visible_to(user)
        .filter(plan__cycle=cycle)
        .select_related("plan", "plan__cycle", "plan__major_district", "facilitator"),
        pk,
    )
    return workspace


def access_managed_workspace(user: User | AnonymousUser, pk: object, cycle: Cycle) -> Workspace:
    """A workspace the user manages: 404 for outsiders, 403 for its other members."""
    workspace = access_workspace(user, pk, cycle)
    if not may_manage_workspace(user, workspace):
        # A member knows the workspace exists: they are refused, not told it is not there.
        raise PermissionDenied
    return workspace


def access_plan_to_open(user: User | AnonymousUser, pk: object, cycle: Cycle) -> Plan:
    """A selected plan of `cycle` the user may open a workspace for."""
    plan: Plan = get_or_404(
        selected_plans_managed_by(user).filter(cycle=cycle).select_related("major_district"), pk
    )
    return plan


def access_managed_plan(user: User | AnonymousUser, pk: object) -> Plan:
    """A plan the user manages (for its information materials)."""
    plan: Plan = get_or_404(plans_managed_by(user), pk)
    return plan


# --- the public tracker ---------------------------------------------------------------------


def tracker_cycles() -> QuerySet[Cycle]:
    """Cycles with a public tracker: published, with their results published."""
    return Cycle.objects.public().filter(results_published_at__isnull=False)


def access_tracker_cycle(slug: str) -> Cycle:
    try:
        return tracker_cycles().get(slug=slug)
    except Cycle.DoesNotExist as exc:
        raise Http404 from exc


def access_tracked_plan(cycle: Cycle, pk: object) -> Plan:
    plan: Plan = get_or_404(
        Plan.objects.filter(cycle=cycle, result__selected=True).select_related("major_district"),
        pk,
    )
    return plan


def public_updates(plan: Plan) -> QuerySet[StatusUpdate]:
    return StatusUpdate.objects.filter(plan=plan, public=True)
