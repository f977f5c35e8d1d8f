"""The work-plan pages: HTTP only. An officer keeps their own plans; the coordinator reads
every officer's; another officer's plan is 404 (as if it did not exist)."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.models import User
from luotsi.insights import selectors_workplans as selectors
from luotsi.insights import services_workplans as services
from luotsi.insights.forms_workplans import GoalForm, InitiativesForm, PlanCreateForm, PlanYearForm
from luotsi.insights.models import WorkPlan, WorkPlanGoal
from luotsi.insights.permissions_programme import (
    can_view_programme,
    officers_visible_to,
    sees_whole_programme,
)
from luotsi.insights.workplan_progress import elapsed_share
from luotsi.web.decorators import signed_in_as

programme_view = signed_in_as(can_view_programme)


def _plan(request: HttpRequest, pk: int) -> WorkPlan:
    plan = selectors.plans_visible_to(request.user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def _editable_plan(request: HttpRequest, pk: int) -> WorkPlan:
    plan = _plan(request, pk)
    if not selectors.may_edit_plan(request.user, plan):
        raise PermissionDenied  # the coordinator reads plans but does not write them
    return plan


def _goal(plan: WorkPlan, goal_pk: int) -> WorkPlanGoal:
    goal = plan.goals.filter(pk=goal_pk).first()
    if goal is None:
        raise Http404
    goal.plan = plan
    return goal


def _list_context(request: HttpRequest, create_form: PlanCreateForm | None = None) -> dict:
    user = cast(User, request.user)
    context: dict[str, object] = {
        "this_year": timezone.localdate().year,
        "share_elapsed": round(100 * elapsed_share(timezone.localdate().year)),
    }
    if selectors.may_keep_plan(user):
        plans = list(selectors.plans_visible_to(user).filter(officer=user).order_by("-year"))
        summaries = selectors.summarise_plans(plans)
        context["own_plans"] = [(plan, summaries[plan.pk]) for plan in plans]
        context["create_form"] = create_form or PlanCreateForm(officer=user)
    if sees_whole_programme(user):
        year_form = PlanYearForm(request.GET)
        year = year_form.year_or_default()
        officers = list(officers_visible_to(user).order_by("full_name", "pk"))
        summaries_by_officer = selectors.plan_summaries(year=year, officers=officers)
        context.update(
            {
                "year_form": year_form,
                "year": year,
                "team": [
                    (
                        officer.pk,
                        officer.full_name or officer.email,
                        summaries_by_officer.get(officer.pk),
                    )
                    for officer in officers
                ],
                "year_share_elapsed": round(100 * elapsed_share(year)),
            }
        )
    return context


@programme_view
@require_safe
def workplans(request: HttpRequest) -> HttpResponse:
    context = _list_context(request)
    year_form = context.get("year_form")
    status = 400 if isinstance(year_form, PlanYearForm) and year_form.errors else 200
    return render(request, "insights/programme/workplans.html", context, status=status)


@programme_view
@require_POST
def workplan_create(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if not selectors.may_keep_plan(user):
        raise PermissionDenied
    form = PlanCreateForm(request.POST, officer=user)
    if form.is_valid():
        try:
            plan = services.work_plan_create(
                officer=user,
                year=form.cleaned_data["year"],
                by=user,
                copy_goals_from=form.cleaned_data.get("copy_goals_from"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your work plan has been created."))
            return redirect("programme:workplans_plan", pk=plan.pk)
    return render(
        request, "insights/programme/workplans.html", _list_context(request, form), status=400
    )


@programme_view
@require_safe
def workplan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    rows = selectors.plan_goals(plan)
    return render(
        request,
        "insights/programme/workplan.html",
        {
            "plan": plan,
            "rows": rows,
            "summary": selectors.summarise_plans([plan])[plan.pk],
            "may_edit": selectors.may_edit_plan(request.user, plan),
            "share_elapsed": round(100 * elapsed_share(plan.year)),
        },
    )


@programme_view
@require_http_methods(["GET", "HEAD", "POST"])
def workplan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    user = cast(User, request.user)
    form = InitiativesForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.work_plan_update(plan=plan, by=user, initiatives=form.cleaned_data["initiatives"])
        messages.success(request, _("Your initiatives have been saved."))
        return redirect("programme:workplans_plan", pk=plan.pk)
    return render(
        request,
        "insights/programme/workplan_edit.html",
        {"plan": plan, "form": form},
        status=400 if form.is_bound else 200,
    )


def _goal_form_page(
    request: HttpRequest, plan: WorkPlan, goal: WorkPlanGoal | None
) -> HttpResponse:
    user = cast(User, request.user)
    form = GoalForm(request.POST or None, user=user, plan=plan, goal=goal)
    if request.method == "POST" and form.is_valid():
        try:
            if goal is None:
                services.work_plan_goal_add(plan=plan, by=user, **form.service_arguments())
                messages.success(request, _("The goal has been added."))
            else:
                services.work_plan_goal_update(goal=goal, by=user, **form.service_arguments())
                messages.success(request, _("The goal has been saved."))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            return redirect("programme:workplans_plan", pk=plan.pk)
    return render(
        request,
        "insights/programme/workplan_goal_form.html",
        {"plan": plan, "goal": goal, "form": form},
        status=400 if form.is_bound else 200,
    )


@programme_view
@require_http_methods(["GET", "HEAD", "POST"])
def workplan_goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_form_page(request, _editable_plan(request, pk), None)


@programme_view
@require_http_methods(["GET", "HEAD", "POST"])
def workplan_goal_edit(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    return _goal_form_page(request, plan, _goal(plan, goal_pk))


@programme_view
@require_http_methods(["GET", "HEAD", "POST"])
def workplan_goal_delete(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    plan = _editable_plan(request, pk)
    goal = _goal(plan, goal_pk)
    if request.method == "POST":
        services.work_plan_goal_delete(goal=goal, by=cast(User, request.user))
        messages.success(request, _("The goal has been deleted."))
        return redirect("programme:workplans_plan", pk=plan.pk)
    return render(
        request, "insights/programme/workplan_goal_delete.html", {"plan": plan, "goal": goal}
    )
