"""Writes of the co-production phase: opening a selected plan's workspace, its members,
meetings, tasks and status updates.

Each function is one transaction and takes the acting person as `by`; the caller has fetched
the workspace through `permissions.coproduction` (`access_workspace` to work in it,
`access_managed_workspace` to manage it). The functions check the rules that depend on the
data (who may be a member, whose task it is) and raise ValidationError naming the field.

The facilitating officer's meetings and status updates are written to their interaction log
in the plan's district (the officer's memory, which the handover dossier reads), with the
workspace's stakeholder organisations.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import Role, User
from luotsi.areas.models import District
from luotsi.budgeting.models import (
    ImplementationStatus,
    MemberRole,
    Plan,
    PlanResult,
    Proposal,
    StatusUpdate,
    Workspace,
    WorkspaceMember,
    WorkspaceTask,
)
from luotsi.budgeting.permissions import serves_major_district
from luotsi.budgeting.permissions.coproduction import (
    may_facilitate,
    may_manage_workspace,
    may_mark_task,
)
from luotsi.budgeting.selectors_coproduction import meeting_choices
from luotsi.events import services as event_services
from luotsi.events.models import Event
from luotsi.network import services as network_services
from luotsi.network.models import Channel, Interaction, Organisation
from luotsi.network.permissions import (
    can_use_network,
    districts_for_recording,
    organisations_visible_to,
)
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

INTERACTION_TEXT_LIMIT = 300


def _require_manager(by: User, workspace: Workspace) -> None:
    if not may_manage_workspace(by, workspace):
        raise PermissionDenied


def _require_member_or_manager(by: User, workspace: Workspace) -> None:
    if may_manage_workspace(by, workspace):
        return
    if not (by.is_active and workspace.members.filter(user=by).exists()):
        raise PermissionDenied


@transaction.atomic
def workspace_open(*, plan: Plan, by: User, applicants: Iterable[User] = ()) -> Workspace:
    """Open the workspace of a selected plan; `by` (an officer of the plan's major district or
    the coordinator) becomes its facilitator, and `applicants` its first members."""
    if not (may_facilitate(by) and serves_major_district(by, plan.major_district_id)):
        raise PermissionDenied
    if not PlanResult.objects.filter(plan=plan, selected=True).exists():
        raise ValidationError({"plan": _("Only a plan selected in the vote gets a workspace.")})
    if Workspace.objects.filter(plan=plan).exists():
        raise ValidationError({"plan": _("This plan has a workspace already.")})
    try:
        with transaction.atomic():
            workspace = Workspace.objects.create(plan=plan, facilitator=by)
    except IntegrityError as exc:  # opened at the same moment by someone else
        raise ValidationError({"plan": _("This plan has a workspace already.")}) from exc
    WorkspaceMember.objects.create(workspace=workspace, role=MemberRole.FACILITATOR, user=by)
    for person in dict.fromkeys(applicants):
        if person.pk != by.pk and person.is_active:
            WorkspaceMember.objects.create(
                workspace=workspace, role=MemberRole.APPLICANT, user=person
            )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=workspace,
        summary=f"PB workspace of plan {plan.pk}",
    )
    return workspace


def _check_member(
    workspace: Workspace, by: User, role: str, user: User | None, organisation: Organisation | None
) -> None:
    if role == MemberRole.STAKEHOLDER:
        if organisation is None:
            raise ValidationError({"organisation": _("Choose the organisation.")})
        if not organisations_visible_to(by).filter(pk=organisation.pk).exists():
            raise ValidationError({"organisation": _("Choose an organisation from the network.")})
        if workspace.members.filter(organisation=organisation).exists():
            raise ValidationError({"organisation": _("This organisation is a member already.")})
        return
    if role not in (MemberRole.APPLICANT, MemberRole.OFFICIAL):
        raise ValidationError({"role": _("Choose an applicant, an official or an organisation.")})
    if user is None or not user.is_active:
        raise ValidationError({"email": _("There is no Luotsi user with this e-mail address.")})
    if role == MemberRole.OFFICIAL and user.role != Role.OFFICIAL:
        raise ValidationError({"email": _("This person is not a city official in Luotsi.")})
    if workspace.members.filter(user=user).exists():
        raise ValidationError({"email": _("This person is a member already.")})


@transaction.atomic
def member_add(
    *,
    workspace: Workspace,
    by: User,
    role: str,
    user: User | None = None,
    organisation: Organisation | None = None,
) -> WorkspaceMember:
    """Add an applicant or a city official (a person with an account), or a stakeholder
    organisation from the network that `by` may see."""
    _require_manager(by, workspace)
    _check_member(workspace, by, role, user, organisation)
    member = WorkspaceMember.objects.create(
        workspace=workspace,
        role=role,
        user=None if role == MemberRole.STAKEHOLDER else user,
        organisation=organisation if role == MemberRole.STAKEHOLDER else None,
    )
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=workspace,
        summary=f"member {member.pk} added ({role})",
    )
    return member


@transaction.atomic
def member_remove(*, member: WorkspaceMember, by: User) -> None:
    workspace = member.workspace
    _require_manager(by, workspace)
    if member.role == MemberRole.FACILITATOR:
        raise ValidationError(_("The facilitator stays a member of the workspace."))
    if member.user_id is not None:
        # Their open tasks stay in the workspace, without an owner, for somebody to take.
        workspace.tasks.filter(owner_id=member.user_id, done_at__isnull=True).update(owner=None)
    audit_record(
        actor=by, action=AuditAction.CHANGE, obj=workspace, summary=f"member {member.pk} removed"
    )
    member.delete()


# --- the officer's memory ------------------------------------------------------------------


def workspace_district(workspace: Workspace, by: User) -> District | None:
    """The district to log the workspace's work in, among those `by` may record in: the one
    most of the plan's proposals are in, else the first of the plan's major district."""
    allowed = districts_for_recording(by)
    plan = workspace.plan
    area = (
        allowed.filter(major_district_id=plan.major_district_id)
        if plan.major_district_id is not None
        else allowed
    )
    most = (
        Proposal.objects.filter(plan=plan, district__in=area.values("pk"))
        .values("district")
        .annotate(n=Count("pk"))
        .order_by("-n", "district__code")
        .first()
    )
    if most is not None:
        return District.objects.get(pk=most["district"])
    return area.order_by("code").first()


def _log(
    workspace: Workspace,
    by: User,
    *,
    channel: str,
    text: str,
    district: District | None = None,
) -> Interaction | None:
    """An interaction in the officer's log; nothing for people without one (officials,
    applicants) or where the officer may not record."""
    if not can_use_network(by):
        return None
    if district is None or not districts_for_recording(by).filter(pk=district.pk).exists():
        district = workspace_district(workspace, by)
    if district is None:
        return None
    if len(text) > INTERACTION_TEXT_LIMIT:
        text = text[: INTERACTION_TEXT_LIMIT - 1] + "…"
    organisations = Organisation.objects.filter(
        pb_memberships__workspace=workspace, pb_memberships__role=MemberRole.STAKEHOLDER
    )
    return network_services.interaction_log(
        by=by,
        occurred_on=timezone.localdate(),
        channel=channel,
        summary=_("PB workspace %(plan)s: %(update)s") % {"plan": workspace.plan, "update": text},
        district=district,
        organisations=organisations,
    )


# --- meetings -------------------------------------------------------------------------------


def _describe(event: Event) -> str:
    when = timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M")
    return _("meeting “%(title)s” on %(when)s") % {"title": event.title, "when": when}


@transaction.atomic
def meeting_link(*, workspace: Workspace, by: User, event: Event) -> None:
    _require_manager(by, workspace)
    if not meeting_choices(workspace, by).filter(pk=event.pk).exists():
        raise ValidationError({"event": _("Choose an event of the plan's district.")})
    workspace.meetings.add(event)
    audit_record(actor=by, action=AuditAction.CHANGE, obj=workspace, summary=f"meeting {event.pk}")
    _log(workspace, by, channel=Channel.MEETING, text=_describe(event), district=event.district)


@transaction.atomic
def meeting_create(
    *, workspace: Workspace, by: User, event: Event, district: District | None
) -> Event:
    """Plan a new meeting (a draft event, through the events app) and link it."""
    _require_manager(by, workspace)
    if (
        district is not None
        and workspace.plan.major_district_id is not None
        and district.major_district_id != workspace.plan.major_district_id
    ):
        raise ValidationError({"district": _("Choose a district of the plan's major district.")})
    event = event_services.event_save(event=event, by=by, district=district)
    workspace.meetings.add(event)
    audit_record(
        actor=by, action=AuditAction.CHANGE, obj=workspace, summary=f"meeting {event.pk} created"
    )
    _log(workspace, by, channel=Channel.MEETING, text=_describe(event), district=event.district)
    return event


@transaction.atomic
def meeting_unlink(*, workspace: Workspace, by: User, event: Event) -> None:
    _require_manager(by, workspace)
    workspace.meetings.remove(event)
    audit_record(
        actor=by, action=AuditAction.CHANGE, obj=workspace, summary=f"meeting {event.pk} unlinked"
    )


# --- tasks ----------------------------------------------------------------------------------


@transaction.atomic
def task_add(
    *,
    workspace: Workspace,
    by: User,
    title: str,
    owner: User | None = None,
    due_on: datetime.date | None = None,
) -> WorkspaceTask:
    """A task for a member with an account (or for nobody yet)."""
    _require_member_or_manager(by, workspace)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Say what is to be done.")})
    if owner is not None and not workspace.members.filter(user=owner).exists():
        raise ValidationError({"owner": _("The owner must be a member of the workspace.")})
    task = WorkspaceTask.objects.create(
        workspace=workspace, title=title[:300], owner=owner, due_on=due_on, created_by=by
    )
    audit_record(actor=by, action=AuditAction.CREATE, obj=task, summary=f"workspace {workspace.pk}")
    return task


@transaction.atomic
def task_set_done(*, task: WorkspaceTask, by: User, done: bool) -> WorkspaceTask:
    """Mark a task done, or open it again. Its owner and the workspace's managers may."""
    task = WorkspaceTask.objects.select_for_update().select_related("workspace").get(pk=task.pk)
    if not may_mark_task(by, task.workspace, task):
        raise PermissionDenied
    task.done_at = timezone.now() if done else None
    task.save(update_fields=["done_at"])
    audit_record(
        actor=by, action=AuditAction.CHANGE, obj=task, summary="done" if done else "reopened"
    )
    return task


# --- status updates -------------------------------------------------------------------------


@transaction.atomic
def status_update_post(
    *,
    workspace: Workspace,
    by: User,
    status: str,
    progress: int,
    texts: dict[str, str],
    public: bool = True,
) -> StatusUpdate:
    """A step of the plan's implementation (`texts`: the update by language code, at least
    one). It becomes the plan's current status and progress; a public one shows on the
    tracker."""
    _require_member_or_manager(by, workspace)
    errors: dict[str, str] = {}
    if status not in ImplementationStatus.values:
        errors["status"] = _("Choose a status from the list.")
    if not 0 <= progress <= 100:
        errors["progress"] = _("Give the progress as a percentage from 0 to 100.")
    elif status == ImplementationStatus.DONE and progress != 100:
        errors["progress"] = _("A plan that is done has progress 100.")
    texts = {code: (text or "").strip() for code, text in texts.items()}
    if not any(texts.values()):
        errors["text_fi"] = _("Write the update in at least one language.")
    if errors:
        raise ValidationError(errors)
    first_text = next(text for text in texts.values() if text)
    plan = Plan.objects.select_for_update().get(pk=workspace.plan_id)
    update = StatusUpdate(plan=plan, status=status, progress=progress, public=public, posted_by=by)
    for code, text in texts.items():
        setattr(update, f"text_{code}", text or None)
    update.save()
    plan.implementation_status = status
    plan.implementation_progress = progress
    plan.save(update_fields=["implementation_status", "implementation_progress", "updated_at"])
    audit_record(actor=by, action=AuditAction.CREATE, obj=update, summary=f"plan {plan.pk}")
    _log(
        workspace,
        by,
        channel=Channel.OTHER,
        text=f"{update.get_status_display()} {progress} %: {first_text}",
    )
    return update
