"""The public implementation tracker (Decidim's "accountability"): the selected plans of a
cycle per major district with their status and progress, and each plan's public history of
status updates. Only published cycles whose results are published have one."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from luotsi.budgeting import selectors_coproduction as selectors
from luotsi.budgeting.permissions.coproduction import access_tracked_plan, access_tracker_cycle


@require_safe
def tracker(request: HttpRequest, cycle: str) -> HttpResponse:
    found = access_tracker_cycle(cycle)
    groups = selectors.tracker_groups(found)
    return render(
        request,
        "budgeting/coproduction/tracker.html",
        {"cycle": found, "groups": groups, "plan_count": sum(len(g.plans) for g in groups)},
    )


@require_safe
def tracker_plan(request: HttpRequest, cycle: str, plan: int) -> HttpResponse:
    found = access_tracker_cycle(cycle)
    tracked = access_tracked_plan(found, plan)
    return render(
        request,
        "budgeting/coproduction/tracker_plan.html",
        {
            "cycle": found,
            "plan": tracked,
            "history": selectors.tracker_history(tracked),
            "materials": selectors.public_materials_of_plan(tracked),
        },
    )
