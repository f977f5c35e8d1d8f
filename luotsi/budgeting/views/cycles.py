"""The cycles: the public list and cycle page, and the coordinator's pages to create and edit
cycles and every staff member's overview of a cycle."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.areas.locate import default_city
from luotsi.budgeting import selectors_proposals as selectors
from luotsi.budgeting.form_errors import add_service_errors
from luotsi.budgeting.forms_proposals import CycleForm
from luotsi.budgeting.models import Cycle, Phase
from luotsi.budgeting.permissions import can_run_cycles, can_work_on_pb, is_district_officer
from luotsi.budgeting.permissions.proposals import access_cycle, may_create_plans
from luotsi.budgeting.permissions.voting import may_enter_paper_ballots
from luotsi.budgeting.services.cycles import cycle_create, cycle_update
from luotsi.web.decorators import signed_in_as

staff_view = signed_in_as(can_work_on_pb)
coordinator_view = signed_in_as(can_run_cycles)

BEFORE_VOTING = (Phase.UPCOMING, Phase.PROPOSALS, Phase.COCREATION, Phase.COSTING)


def cycle_links(cycle: Cycle) -> dict[str, bool]:
    """Which of the pages built by the other parts (voting, results, tracker) make sense in the
    cycle's phase: the ballot while voting is open, the results and the implementation tracker
    once the results are published (the tracker only of a published cycle: it is public)."""
    phase = cycle.phase
    after_results = phase in (Phase.RESULTS, Phase.IMPLEMENTATION)
    return {
        "voting_open": cycle.voting_open_at(),
        "voting_ahead": phase in BEFORE_VOTING,
        "counting": phase == Phase.COUNTING,
        "results_out": after_results,
        "tracker_open": after_results and cycle.published,
    }


@require_safe
def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = list(selectors.listed_cycles(request.user))
    return render(
        request,
        "budgeting/cycles/cycle_list.html",
        {
            "cycles": [(c, selectors.current_step(c), selectors.timeline(c)) for c in cycles],
            "may_run_cycles": can_run_cycles(request.user),
            "is_staff": can_work_on_pb(request.user),
        },
    )


@require_safe
def cycle_detail(request: HttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    budgets = selectors.budget_rows(found)
    return render(
        request,
        "budgeting/cycles/cycle_detail.html",
        {
            "cycle": found,
            "timeline": selectors.timeline(found),
            "budgets": budgets,
            "total": sum(row.area.amount for row in budgets),
            "proposals_open": found.proposals_open_at(),
            "is_staff": can_work_on_pb(request.user),
            **cycle_links(found),
        },
    )


@staff_view
@require_safe
def manage_cycles(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "budgeting/cycles/manage_list.html",
        {
            "cycles": selectors.listed_cycles(request.user),
            "may_run_cycles": can_run_cycles(request.user),
        },
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def cycle_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = cycle_create(by=request.user, city=default_city(), **form.changes())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The cycle has been created."))
            return redirect("budgeting:cycle-manage", cycle=made.slug)
    return render(
        request,
        "budgeting/cycles/cycle_form.html",
        {"form": form, "cycle": None},
        status=400 if request.method == "POST" else 200,
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def cycle_edit(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    form = CycleForm(request.POST or None, cycle=found)
    if request.method == "POST" and form.is_valid():
        try:
            changed = cycle_update(cycle=found, by=request.user, changes=form.changes())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The cycle has been saved."))
            return redirect("budgeting:cycle-manage", cycle=changed.slug)
    return render(
        request,
        "budgeting/cycles/cycle_form.html",
        {"form": form, "cycle": found, "frozen": found.rules_frozen_at_moment()},
        status=400 if request.method == "POST" else 200,
    )


@staff_view
@require_safe
def cycle_manage(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    """What the staff member has to do in the cycle, scoped by their districts."""
    found = access_cycle(request.user, cycle)
    return render(
        request,
        "budgeting/cycles/manage_detail.html",
        {
            "cycle": found,
            "overview": selectors.staff_overview(request.user, found),
            "timeline": selectors.timeline(found),
            "may_run_cycles": can_run_cycles(request.user),
            "may_create_plans": may_create_plans(request.user),
            "is_officer": is_district_officer(request.user),
            "may_enter_paper_ballots": may_enter_paper_ballots(request.user),
            "voting_started": found.phase not in BEFORE_VOTING,
            **cycle_links(found),
        },
    )
