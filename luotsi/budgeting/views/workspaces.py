"""Co-production workspaces: the list of a cycle's workspaces, opening one for a selected
plan, and the workspace's page with its small forms (members, meetings, tasks, status
updates). Outsiders get 404; members who do not manage get 403 on the managers' forms."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.models import User
from luotsi.budgeting import selectors_coproduction as selectors
from luotsi.budgeting.form_errors import add_service_errors
from luotsi.budgeting.forms_coproduction import (
    MeetingForm,
    MeetingLinkForm,
    MemberForm,
    OpenForm,
    TaskForm,
    UpdateForm,
)
from luotsi.budgeting.models import Cycle, Workspace
from luotsi.budgeting.permissions import can_work_on_pb
from luotsi.budgeting.permissions.coproduction import (
    access_managed_workspace,
    access_plan_to_open,
    access_workspace,
    may_facilitate,
    may_manage_workspace,
    may_mark_task,
)
from luotsi.budgeting.services import coproduction as services
from luotsi.events.models import Event
from luotsi.web.decorators import signed_in_as


def _cycle(user: Any, slug: str) -> Cycle:
    """Staff see every cycle; others the published ones and those they work in."""
    cycles = Cycle.objects.all()
    if not can_work_on_pb(user):
        cycles = cycles.filter(Q(published=True) | Q(plans__workspace__members__user=user))
    found = cycles.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def _to_workspace(workspace: Workspace, anchor: str = "") -> HttpResponse:
    url = reverse("budgeting:workspace", args=[workspace.plan.cycle.slug, workspace.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _one_of(queryset: Any, pk: Any) -> Any:
    """One of the workspace's own members, meetings or tasks, or 404."""
    try:
        return queryset.get(pk=int(pk))
    except (ValueError, TypeError, queryset.model.DoesNotExist) as exc:
        raise Http404 from exc


def _page(
    request: AuthenticatedHttpRequest, workspace: Workspace, status: int = 200, **forms: Any
) -> HttpResponse:
    user = request.user
    page = selectors.workspace_page(user, workspace)
    context: dict[str, Any] = {
        "page": page,
        "workspace": workspace,
        "plan": workspace.plan,
        "cycle": workspace.plan.cycle,
        "task_form": forms.get("task_form")
        or TaskForm(workspace=workspace, show_emails=page.may_manage),
        "update_form": forms.get("update_form") or UpdateForm(plan=workspace.plan),
        "markable": {
            t.pk for t in page.open_tasks + page.done_tasks if may_mark_task(user, workspace, t)
        },
    }
    if page.may_manage:
        context["member_form"] = forms.get("member_form") or MemberForm(
            user=user, workspace=workspace
        )
        context["link_form"] = forms.get("link_form") or MeetingLinkForm(
            user=user, workspace=workspace
        )
    return render(request, "budgeting/coproduction/workspace.html", context, status=status)


@login_required
@require_safe
def workspace_list(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    found = _cycle(request.user, cycle)
    return render(
        request,
        "budgeting/coproduction/workspace_list.html",
        {
            "cycle": found,
            "workspaces": selectors.workspaces_of_cycle(request.user, found),
            "awaiting": selectors.plans_awaiting_workspace(request.user, found)
            if may_facilitate(request.user)
            else [],
        },
    )


@signed_in_as(may_facilitate)
@require_http_methods(["GET", "POST"])
def workspace_open(request: AuthenticatedHttpRequest, cycle: str, plan: int) -> HttpResponse:
    found = access_plan_to_open(request.user, plan, _cycle(request.user, cycle))
    existing = Workspace.objects.filter(plan=found).first()
    if existing is not None and request.method == "GET":
        return _to_workspace(existing)
    form = OpenForm(request.POST if request.method == "POST" else None, plan=found)
    if request.method == "POST" and form.is_valid():
        try:
            workspace = services.workspace_open(
                plan=found, by=request.user, applicants=form.cleaned_data["applicants"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The workspace is open. Invite its members next."))
            return _to_workspace(workspace, "members-heading")
    return render(
        request,
        "budgeting/coproduction/workspace_open.html",
        {"form": form, "plan": found, "cycle": found.cycle},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_safe
def workspace_detail(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    return _page(request, access_workspace(request.user, pk, _cycle(request.user, cycle)))


@login_required
@require_POST
def member_add(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    workspace = access_managed_workspace(request.user, pk, _cycle(request.user, cycle))
    form = MemberForm(request.POST, user=request.user, workspace=workspace)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.member_add(
                workspace=workspace,
                by=request.user,
                role=data["role"],
                user=data["user"],
                organisation=data.get("organisation"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member has been added."))
            return _to_workspace(workspace, "members-heading")
    return _page(request, workspace, status=400, member_form=form)


@login_required
@require_POST
def member_remove(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    workspace = access_managed_workspace(request.user, pk, _cycle(request.user, cycle))
    member = _one_of(workspace.members.all(), request.POST.get("member"))
    try:
        services.member_remove(member=member, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _page(request, workspace, status=400)
    messages.success(request, _("The member has been removed."))
    return _to_workspace(workspace, "members-heading")


@login_required
@require_POST
def meeting_link(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    workspace = access_managed_workspace(request.user, pk, _cycle(request.user, cycle))
    form = MeetingLinkForm(request.POST, user=request.user, workspace=workspace)
    if form.is_valid():
        try:
            services.meeting_link(
                workspace=workspace, by=request.user, event=form.cleaned_data["event"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting has been linked to the workspace."))
            return _to_workspace(workspace, "meetings-heading")
    return _page(request, workspace, status=400, link_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    workspace = access_managed_workspace(request.user, pk, _cycle(request.user, cycle))
    form = MeetingForm(
        request.POST if request.method == "POST" else None, user=request.user, workspace=workspace
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        event = Event(
            kind=data["kind"],
            title=data["title"],
            start=data["start"],
            end=data["end"],
            languages=data["languages"],
            location_details=data["location_details"],
        )
        try:
            services.meeting_create(
                workspace=workspace, by=request.user, event=event, district=form.chosen_district()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The meeting has been planned as a draft event and linked to the workspace."),
            )
            return _to_workspace(workspace, "meetings-heading")
    return render(
        request,
        "budgeting/coproduction/meeting_form.html",
        {
            "form": form,
            "workspace": workspace,
            "plan": workspace.plan,
            "cycle": workspace.plan.cycle,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def meeting_unlink(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    workspace = access_managed_workspace(request.user, pk, _cycle(request.user, cycle))
    event = _one_of(workspace.meetings.all(), request.POST.get("event"))
    services.meeting_unlink(workspace=workspace, by=request.user, event=event)
    messages.success(request, _("The meeting is no longer linked to the workspace."))
    return _to_workspace(workspace, "meetings-heading")


@login_required
@require_POST
def task_add(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    workspace = access_workspace(request.user, pk, _cycle(request.user, cycle))
    form = TaskForm(
        request.POST, workspace=workspace, show_emails=may_manage_workspace(request.user, workspace)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_add(
                workspace=workspace,
                by=request.user,
                title=data["title"],
                owner=data["owner"],
                due_on=data["due_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The task has been added."))
            return _to_workspace(workspace, "tasks-heading")
    return _page(request, workspace, status=400, task_form=form)


@login_required
@require_POST
def task_done(request: AuthenticatedHttpRequest, cycle: str, pk: int, task: int) -> HttpResponse:
    """Mark the task done (done=1) or open it again (done=0)."""
    workspace = access_workspace(request.user, pk, _cycle(request.user, cycle))
    found = _one_of(workspace.tasks.all(), task)
    done = request.POST.get("done")
    if done not in ("0", "1"):
        messages.error(request, _("Say whether the task is done."))
        return _page(request, workspace, status=400)
    user: User = request.user
    services.task_set_done(task=found, by=user, done=done == "1")
    messages.success(
        request,
        _("The task is marked done.") if done == "1" else _("The task is open again."),
    )
    return _to_workspace(workspace, "tasks-heading")


@login_required
@require_POST
def update_post(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    workspace = access_workspace(request.user, pk, _cycle(request.user, cycle))
    form = UpdateForm(request.POST, plan=workspace.plan)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.status_update_post(
                workspace=workspace,
                by=request.user,
                status=data["status"],
                progress=data["progress"],
                texts=form.texts(),
                public=data["public"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The status update has been posted."))
            return _to_workspace(workspace, "updates-heading")
    return _page(request, workspace, status=400, update_form=form)
