"""The programme design calculator page: HTTP only; the arithmetic is in calculator.py and the
observed figures come from figures.current() (published, small cells hidden)."""

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from luotsi.insights import calculator, figures
from luotsi.insights.forms_calculator import (
    LEVEL_CUSTOM,
    LEVEL_MAJOR,
    LEVEL_NEIGHBOURHOOD,
    LEVEL_OFFICERS,
    CalculatorForm,
)
from luotsi.insights.permissions_programme import can_view_programme
from luotsi.insights.programme_charts import bar_chart, format_value
from luotsi.web.decorators import signed_in_as


def _chosen(form: CalculatorForm, population: int, cost: Decimal) -> calculator.Scenario:
    data = form.cleaned_data if form.is_valid() else {}
    level = data.get("level") or LEVEL_MAJOR
    if level == LEVEL_OFFICERS and data.get("officers"):
        return calculator.scenario_with_officers(population, data["officers"], cost)
    per_officer = {
        LEVEL_MAJOR: calculator.MAJOR_DISTRICT_RESIDENTS,
        LEVEL_NEIGHBOURHOOD: calculator.NEIGHBOURHOOD_RESIDENTS,
    }.get(level)
    if level == LEVEL_CUSTOM and data.get("residents_per_officer"):
        per_officer = data["residents_per_officer"]
    return calculator.scenario_at_level(
        population, per_officer or calculator.MAJOR_DISTRICT_RESIDENTS, cost
    )


@signed_in_as(can_view_programme)
@require_safe
def calculator_page(request: HttpRequest) -> HttpResponse:
    form = CalculatorForm(request.GET or None)
    if not request.GET:
        form = CalculatorForm({"level": LEVEL_MAJOR})
    data = figures.current()
    district_pks = form.selected_district_pks()
    population = calculator.selection_population(data, district_pks)
    year = timezone.localdate().year
    cost, configured = calculator.cost_per_officer(year)
    observed = calculator.observed_engagement(data, district_pks)
    major_model = calculator.scenario_at_level(
        population, calculator.MAJOR_DISTRICT_RESIDENTS, cost
    )
    neighbourhood_model = calculator.scenario_at_level(
        population, calculator.NEIGHBOURHOOD_RESIDENTS, cost
    )
    neighbourhood_range = (
        calculator.officers_needed(population, calculator.NEIGHBOURHOOD_RESIDENTS_HIGH),
        calculator.officers_needed(population, calculator.NEIGHBOURHOOD_RESIDENTS_LOW),
    )
    spread = observed.district_spread
    title = _("Participations per 1,000 residents in the selected districts, last 12 months")
    if spread.median is None:
        summary = _("%(title)s: every district's figure is hidden (fewer than 5 people).") % {
            "title": title
        }
    else:
        summary = ngettext(
            "%(title)s: median %(median)s, from %(low)s to %(high)s over %(shown)s district "
            "(%(hidden)s hidden).",
            "%(title)s: median %(median)s, from %(low)s to %(high)s over %(shown)s districts "
            "(%(hidden)s hidden).",
            spread.shown,
        ) % {
            "title": title,
            "median": format_value(spread.median, 1),
            "low": format_value(spread.low, 1),
            "high": format_value(spread.high, 1),
            "shown": spread.shown,
            "hidden": spread.hidden,
        }
    chart = bar_chart(
        title=title,
        items=[(f"{d.name}", d.per_1000) for d in observed.districts],
        value_label=_("Per 1,000 residents"),
        places=1,
        summary=summary,
        dom_id="calculator-districts",
    )
    return render(
        request,
        "insights/programme/calculator.html",
        {
            "form": form,
            "district_groups": form.district_groups(),
            "whole_city": len(district_pks) == len(form.district_objects),
            "district_count": len(district_pks),
            "population": population,
            "population_year": data.population_year,
            "cost": cost,
            "cost_configured": configured,
            "year": year,
            "chosen": _chosen(form, population, cost),
            "major_model": major_model,
            "neighbourhood_model": neighbourhood_model,
            "neighbourhood_range": neighbourhood_range,
            "observed": observed,
            "chart": chart,
            "major_residents": calculator.MAJOR_DISTRICT_RESIDENTS,
            "neighbourhood_residents": calculator.NEIGHBOURHOOD_RESIDENTS,
            "window_start": data.start,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
