"""Plans: the public list and page; officers build them from proposals and put them on the
ballot, city officials cost them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.budgeting import selectors_proposals as selectors
from luotsi.budgeting.form_errors import add_service_errors
from luotsi.budgeting.forms_proposals import (
    ApproveForm,
    CostForm,
    PlanForm,
    ProposalFilterForm,
)
from luotsi.budgeting.models import Cycle, Plan, PlanResult, PlanStatus, Workspace
from luotsi.budgeting.permissions import can_work_on_pb, officer_major_districts
from luotsi.budgeting.permissions.coproduction import (
    selected_plans_managed_by,
    tracker_cycles,
    workspaces_visible_to,
)
from luotsi.budgeting.permissions.proposals import (
    access_costed_plan,
    access_cycle,
    access_managed_plan,
    access_plan,
    may_cost_plan,
    may_create_plans,
    may_manage_plan,
    proposals_moderated_by,
)
from luotsi.budgeting.services import plans as services
from luotsi.events.models import PUBLIC_STATUSES
from luotsi.web.decorators import signed_in_as

staff_view = signed_in_as(can_work_on_pb)
builder_view = signed_in_as(may_create_plans)


@require_safe
def plan_list(request: HttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    form = ProposalFilterForm(request.GET or None, majors=selectors.major_districts(found))
    del form.fields["topic"]
    area = form.cleaned_data["area"] if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "budgeting/plans/plan_list.html",
        {
            "cycle": found,
            "form": form,
            "plans": selectors.public_plans(request.user, found, major_district=area),
            "may_create_plans": may_create_plans(request.user),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_safe
def plan_detail(request: HttpRequest, cycle: str, pk: int) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    return _plan_page(request, found, access_plan(request.user, found, pk))


def _coproduction_links(request: HttpRequest, found: Cycle, plan: Plan) -> dict[str, object]:
    """Once the plan is selected: its public tracker page, and its workspace (or the page to
    open one) for those who may see it."""
    if not PlanResult.objects.filter(plan=plan, selected=True).exists():
        return {}
    workspace = workspaces_visible_to(request.user).filter(plan=plan).first()
    return {
        "on_tracker": tracker_cycles().filter(pk=found.pk).exists(),
        "workspace": workspace,
        "may_open_workspace": workspace is None
        and not Workspace.objects.filter(plan=plan).exists()
        and selected_plans_managed_by(request.user).filter(pk=plan.pk).exists(),
    }


def _plan_page(request: HttpRequest, found: Cycle, plan: Plan, status: int = 200) -> HttpResponse:
    manager = may_manage_plan(request.user, plan)
    return render(
        request,
        "budgeting/plans/plan_detail.html",
        {
            "cycle": found,
            "plan": plan,
            "proposals": selectors.plan_proposals(request.user, plan),
            "workshops": plan.workshops.filter(status__in=PUBLIC_STATUSES)
            if not manager
            else plan.workshops.all(),
            "topics": plan.topics.all(),
            "costed": plan.status
            in (PlanStatus.COSTED, PlanStatus.APPROVED, PlanStatus.NOT_FEASIBLE),
            "is_manager": manager,
            "may_cost": may_cost_plan(request.user, plan),
            "frozen": found.rules_frozen_at_moment(),
            "budget_limit": services.budget_limit(plan)[1],
            **_coproduction_links(request, found, plan),
        },
        status=status,
    )


@builder_view
@require_http_methods(["GET", "POST"])
def plan_new(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    majors = officer_major_districts(request.user).filter(city_id=found.city_id).order_by("number")
    form = PlanForm(
        request.POST or None,
        majors=majors,
        proposals=proposals_moderated_by(request.user)
        .filter(cycle=found, status="published")
        .order_by("title", "pk"),
        workshops=services.workshops_for(request.user, None).order_by("start"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                cycle=found,
                by=request.user,
                major_district=form.chosen_major_district,
                texts=form.texts,
                proposals=data["proposals"],
                topics=data["topics"],
                workshops=data["workshops"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan has been created."))
            return redirect("budgeting:plan", cycle=found.slug, pk=plan.pk)
    return render(
        request,
        "budgeting/plans/plan_form.html",
        {"cycle": found, "form": form, "plan": None},
        status=400 if request.method == "POST" else 200,
    )


@builder_view
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    plan = access_managed_plan(request.user, found, pk)
    initial = {name: getattr(plan, name) or "" for name in services.TEXT_FIELDS}
    initial["topics"] = list(plan.topics.all())
    initial["workshops"] = list(plan.workshops.all())
    form = PlanForm(
        request.POST or None,
        initial=initial,
        majors=[],
        proposals=selectors.mergeable_proposals(request.user, plan),
        workshops=services.workshops_for(request.user, plan.major_district_id).order_by("start"),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_update(
                plan=plan,
                by=request.user,
                texts=form.texts,
                topics=data["topics"],
                workshops=data["workshops"],
                merge=data["proposals"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("budgeting:plan", cycle=found.slug, pk=plan.pk)
    return render(
        request,
        "budgeting/plans/plan_form.html",
        {"cycle": found, "form": form, "plan": plan},
        status=400 if request.method == "POST" else 200,
    )


def _back_with_error(
    request: HttpRequest, cycle: Cycle, plan: Plan, exc: ValidationError
) -> HttpResponse:
    """The plan's page again, with the refusal as an error message (status 400)."""
    for message in exc.messages:
        messages.error(request, message)
    return _plan_page(request, cycle, access_plan(request.user, cycle, plan.pk), status=400)


@builder_view
@require_POST
def plan_send_to_costing(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    plan = access_managed_plan(request.user, found, pk)
    try:
        services.plan_send_to_costing(plan=plan, by=request.user)
    except ValidationError as exc:
        return _back_with_error(request, found, plan, exc)
    messages.success(request, _("The plan has been sent for a cost estimate."))
    return redirect("budgeting:plan", cycle=found.slug, pk=plan.pk)


@staff_view
@require_http_methods(["GET", "POST"])
def plan_cost(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    plan = access_costed_plan(request.user, found, pk)
    form = CostForm(
        request.POST or None,
        initial={"cost_estimate": plan.cost_estimate, "feasibility_note": plan.feasibility_note},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_cost(
                plan=plan,
                by=request.user,
                feasible=data["feasible"],
                cost_estimate=data["cost_estimate"],
                feasibility_note=data["feasibility_note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The cost estimate has been saved."))
            return redirect("budgeting:plan", cycle=found.slug, pk=plan.pk)
    return render(
        request,
        "budgeting/plans/cost_form.html",
        {"cycle": found, "plan": plan, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@builder_view
@require_http_methods(["GET", "POST"])
def plan_approve(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    plan = access_managed_plan(request.user, found, pk)
    form = ApproveForm(request.POST or None, initial={"code": services.suggest_code(plan)})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_approve(plan=plan, by=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan is on the ballot."))
            return redirect("budgeting:plan", cycle=found.slug, pk=plan.pk)
    area, limit = services.budget_limit(plan)
    return render(
        request,
        "budgeting/plans/approve_form.html",
        {
            "cycle": found,
            "plan": plan,
            "form": form,
            "area": area,
            "limit": limit,
            "frozen": found.rules_frozen_at_moment(),
        },
        status=400 if request.method == "POST" else 200,
    )


@builder_view
@require_POST
def plan_unapprove(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    plan = access_managed_plan(request.user, found, pk)
    try:
        services.plan_unapprove(plan=plan, by=request.user)
    except ValidationError as exc:
        return _back_with_error(request, found, plan, exc)
    messages.success(request, _("The plan has been taken off the ballot."))
    return redirect("budgeting:plan", cycle=found.slug, pk=plan.pk)
