"""The cost pages of the programme (/programme/costs/…): the cost table for a period with its
chart and CSV, the year-over-year view, and the coordinator's page for a year's cost per
person-year and other costs. HTTP only: figures from selectors_costs, writes through
services_costs. Officers read (their own rows and the total); only the coordinator edits."""

import csv
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.insights.forms_costs import ProgrammeCostForm, ProgrammeYearForm, YearsForm
from luotsi.insights.models.costs import ProgrammeCost
from luotsi.insights.periods import PeriodForm
from luotsi.insights.permissions_programme import can_edit_costs, can_view_programme
from luotsi.insights.programme_charts import Chart, bar_chart
from luotsi.insights.selectors_costs import (
    CostRow,
    CostSummary,
    cost_per_person_year,
    cost_summary,
    cost_years,
)
from luotsi.insights.services_costs import (
    editable_year,
    programme_cost_add,
    programme_cost_remove,
    programme_year_set,
)
from luotsi.insights.templatetags.costs_format import money
from luotsi.web.decorators import signed_in_as

programme_view = signed_in_as(can_view_programme)
coordinator_view = signed_in_as(can_edit_costs)


def default_rate() -> Decimal:
    return Decimal(settings.PROGRAMME_COST_PER_PERSON_YEAR)


def participant_chart(summary: CostSummary) -> Chart:
    """Cost per participant by major district (and in total), with its sentence."""
    title = _("Cost per participant")
    rows = [row for row in summary.rows if not row.is_city_wide] + [summary.total]
    items = [
        (
            _("Whole programme") if row.is_total else row.label,
            None if row.cost_per_participant is None else float(row.cost_per_participant),
        )
        for row in rows
    ]
    known = [row for row in rows[:-1] if row.cost_per_participant is not None]
    total = summary.total.cost_per_participant
    if total is None:
        sentence = _(
            "No participations were counted in this period, so there is no cost per participant."
        )
    elif len(known) >= 2:
        high = max(known, key=lambda row: row.cost_per_participant or 0)
        low = min(known, key=lambda row: row.cost_per_participant or 0)
        sentence = _(
            "%(total)s per participant in the whole programme; highest in %(high)s "
            "(%(high_value)s), lowest in %(low)s (%(low_value)s)."
        ) % {
            "total": money(total),
            "high": high.label,
            "high_value": money(high.cost_per_participant),
            "low": low.label,
            "low_value": money(low.cost_per_participant),
        }
    else:
        sentence = _("%(total)s per participant in the whole programme.") % {"total": money(total)}
    return bar_chart(
        title=title,
        items=items,
        value_label=_("Cost per participant (€)"),
        places=2,
        summary=sentence,
        dom_id="cost-per-participant",
    )


@programme_view
@require_safe
def costs(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET)
    valid = form.is_valid()
    summary = cost_summary(user=request.user, period=form.period())
    return render(
        request,
        "insights/programme/costs.html",
        {
            "form": form,
            "summary": summary,
            "chart": participant_chart(summary),
            "can_edit": can_edit_costs(request.user),
            "default_rate": default_rate(),
        },
        status=200 if valid else 400,
    )


CSV_COLUMNS = (
    ("label", "row"),
    ("person_years", "person_years"),
    ("officer_costs", "officer_costs_eur"),
    ("events_budget", "events_budget_eur"),
    ("events_spent", "events_spent_eur"),
    ("events_committed", "events_committed_eur"),
    ("other_costs", "other_costs_eur"),
    ("total_cost", "total_cost_eur"),
    ("participations", "participations"),
    ("events_held", "events"),
    ("cost_per_participant", "cost_per_participant_eur"),
    ("cost_per_event", "cost_per_event_eur"),
)


def _csv_value(value: Any) -> str:
    # Machine-readable: a decimal point, no grouping, empty for "none".
    return "" if value is None else str(value)


@programme_view
@require_safe
def costs_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "insights/programme/costs.html",
            {"form": form, "summary": None, "chart": None, "default_rate": default_rate()},
            status=400,
        )
    summary = cost_summary(user=request.user, period=form.period())
    period = summary.period
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="programme-costs-{period.start}-{period.end}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["period_start", "period_end", *(name for _attr, name in CSV_COLUMNS)])
    for row in summary.all_rows:
        writer.writerow(
            [period.start, period.end, *(_csv_value(getattr(row, a)) for a, _n in CSV_COLUMNS)]
        )
    return response


# The rows of the year-over-year table: (CostRow attribute, kind of value).
YEAR_METRICS = (
    ("person_years", "person_years"),
    ("officer_costs", "money"),
    ("events_budget", "money"),
    ("events_spent", "money"),
    ("events_committed", "money"),
    ("other_costs", "money"),
    ("total_cost", "money"),
    ("participations", "count"),
    ("events_held", "count"),
    ("cost_per_participant", "money"),
    ("cost_per_event", "money"),
)


def metric_labels() -> dict[str, str]:
    return {
        "person_years": _("Person-years"),
        "officer_costs": _("Officer costs"),
        "events_budget": _("Events budget"),
        "events_spent": _("Event costs spent"),
        "events_committed": _("Event costs committed"),
        "other_costs": _("Other costs"),
        "total_cost": _("Total cost"),
        "participations": _("Participations"),
        "events_held": _("Events"),
        "cost_per_participant": _("Cost per participant"),
        "cost_per_event": _("Cost per event"),
    }


@programme_view
@require_safe
def costs_years(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = YearsForm(request.GET)
    valid = form.is_valid()
    years = cost_years(user=request.user, years=form.years())
    labels = metric_labels()
    metrics = [
        {
            "label": labels[name],
            "kind": kind,
            "cells": [
                {"value": getattr(year.total, name), "change": year.change(name)} for year in years
            ],
        }
        for name, kind in YEAR_METRICS
    ]
    # Total cost per visible row and year (the districts the user may see).
    row_keys = [row.key for row in years[-1].summary.rows] if years else []
    district_rows = []
    for key in row_keys:
        cells: list[CostRow | None] = [
            next((r for r in year.summary.rows if r.key == key), None) for year in years
        ]
        label = next(cell.label for cell in cells if cell is not None)
        district_rows.append({"label": label, "cells": cells})
    return render(
        request,
        "insights/programme/costs_years.html",
        {
            "form": form,
            "years": years,
            "metrics": metrics,
            "district_rows": district_rows,
            "default_rate": default_rate(),
        },
        status=200 if valid else 400,
    )


def _year_or_404(year: int) -> int:
    if not editable_year(year):
        raise Http404
    return year


def _year_page(
    request: AuthenticatedHttpRequest,
    year: int,
    *,
    rate_form: ProgrammeYearForm | None = None,
    cost_form: ProgrammeCostForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rate, is_default = cost_per_person_year(year)
    return render(
        request,
        "insights/programme/costs_year.html",
        {
            "year": year,
            "rate": rate,
            "rate_is_default": is_default,
            "rate_form": rate_form or ProgrammeYearForm(initial={"cost_per_person_year": rate}),
            "cost_form": cost_form or ProgrammeCostForm(),
            "costs": ProgrammeCost.objects.filter(year=year)
            .select_related("major_district")
            .defer("major_district__geometry", "major_district__geometry_simplified"),
        },
        status=status,
    )


@coordinator_view
@require_http_methods(["GET", "HEAD", "POST"])
def costs_year(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """A year's cost per person-year and other costs (the coordinator only). POST with
    action=rate sets the cost per person-year; action=add records another cost."""
    _year_or_404(year)
    if request.method != "POST":
        return _year_page(request, year)
    action = request.POST.get("action")
    if action == "rate":
        rate_form = ProgrammeYearForm(request.POST)
        if rate_form.is_valid():
            try:
                programme_year_set(
                    year=year,
                    cost_per_person_year=rate_form.cleaned_data["cost_per_person_year"],
                    by=request.user,
                )
            except ValidationError as exc:
                rate_form.add_error(None, exc)
            else:
                messages.success(request, _("The cost per officer per year has been saved."))
                return redirect("programme:costs_year", year=year)
        return _year_page(request, year, rate_form=rate_form, status=400)
    if action == "add":
        cost_form = ProgrammeCostForm(request.POST)
        if cost_form.is_valid():
            try:
                programme_cost_add(year=year, by=request.user, **cost_form.cleaned_data)
            except ValidationError as exc:
                cost_form.add_error(None, exc)
            else:
                messages.success(request, _("The cost has been recorded."))
                return redirect("programme:costs_year", year=year)
        return _year_page(request, year, cost_form=cost_form, status=400)
    messages.error(request, _("Unknown action."))
    return _year_page(request, year, status=400)


@coordinator_view
@require_http_methods(["GET", "HEAD", "POST"])
def costs_remove(request: AuthenticatedHttpRequest, year: int, pk: int) -> HttpResponse:
    """Asks first (GET), removes on POST."""
    _year_or_404(year)
    cost = get_object_or_404(
        ProgrammeCost.objects.select_related("major_district").defer(
            "major_district__geometry", "major_district__geometry_simplified"
        ),
        pk=pk,
        year=year,
    )
    if request.method == "POST":
        programme_cost_remove(cost=cost, by=request.user)
        messages.success(request, _("The cost has been removed."))
        return redirect("programme:costs_year", year=year)
    return render(request, "insights/programme/costs_remove.html", {"year": year, "cost": cost})
