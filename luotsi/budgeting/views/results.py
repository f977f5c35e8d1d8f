"""Results of a cycle: the coordinator's count-and-publish page, the public results per budget
area with charts and reasons, and the Pabulib files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.budgeting.charts import votes_chart
from luotsi.budgeting.pabulib_export import area_pabulib, pabulib_filename
from luotsi.budgeting.permissions import can_run_cycles
from luotsi.budgeting.selectors_results import (
    access_published_results,
    access_results_cycle,
    area_result,
    cycle_results,
)
from luotsi.budgeting.services.results import cycle_count, cycle_publish_results
from luotsi.web.decorators import signed_in_as


@require_GET
def results_index(request: HttpRequest, cycle: str) -> HttpResponse:
    """Every budget area's outcome; before publication, a page saying when to come back."""
    found = access_results_cycle(request.user, cycle)
    if not found.published:
        raise Http404
    if found.results_published_at is None:
        return render(
            request,
            "budgeting/results/not_published.html",
            {"cycle": found, "voting_closed": timezone.now() >= found.voting_ends_at},
        )
    areas = cycle_results(found)
    return render(request, "budgeting/results/index.html", {"cycle": found, "areas": areas})


@require_GET
def results_area(request: HttpRequest, cycle: str, area: str) -> HttpResponse:
    """One major district's (or the city-wide pot's) plans: chart, table and reasons."""
    found = access_published_results(request.user, cycle)
    result = area_result(found, area)
    return render(
        request,
        "budgeting/results/area.html",
        {"cycle": found, "area": result, "chart": votes_chart(result)},
    )


@require_GET
def results_pabulib(request: HttpRequest, cycle: str, area: str) -> HttpResponse:
    """The area's ballots and outcome as a Pabulib file (only once the results are public)."""
    found = access_published_results(request.user, cycle)
    try:
        text = area_pabulib(found, area)
    except LookupError:
        raise Http404 from None
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pabulib_filename(found, area)}"'
    return response


@signed_in_as(can_run_cycles)
@require_http_methods(["GET", "POST"])
def results_manage(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    """Count the votes (again, until published), preview the outcome, then publish it."""
    found = access_results_cycle(request.user, cycle)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "count":
                summary = cycle_count(cycle=found, by=request.user)
                messages.success(
                    request,
                    _("Counted %(ballots)s ballots: %(selected)s plans selected.")
                    % {"ballots": summary.ballots, "selected": summary.selected},
                )
                return redirect(request.path)
            if action == "publish":
                cycle_publish_results(cycle=found, by=request.user)
                messages.success(request, _("The results have been published."))
                return redirect(request.path)
            error = _("Choose to count the votes or to publish the results.")
        except ValidationError as exc:
            error = " ".join(exc.messages)
        found.refresh_from_db()
    areas = cycle_results(found) if found.counted_at else []
    return render(
        request,
        "budgeting/results/manage.html",
        {
            "cycle": found,
            "areas": areas,
            "error": error,
            "voting_closed": timezone.now() >= found.voting_ends_at,
        },
        status=400 if error else 200,
    )
