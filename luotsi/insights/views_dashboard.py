"""The coordinator's dashboard (/programme/), a major district's drill-down
(/programme/districts/<code>/) and the team's calendar (/programme/calendar/). HTTP only: the
figures come from selectors_dashboard, cut down by permissions_programme."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.insights.periods import Period, PeriodForm
from luotsi.insights.permissions_programme import (
    access_major_district,
    can_view_programme,
    officers_visible_to,
)
from luotsi.insights.programme_charts import Chart, bar_chart, line_chart
from luotsi.insights.selectors_dashboard import (
    FIGURE_DEFINITIONS,
    Row,
    Trend,
    cache_seconds,
    major_district_view,
    programme_dashboard,
)
from luotsi.insights.selectors_dashboard_calendar import coming_weeks, team_calendar
from luotsi.insights.selectors_workplans import PlanSummary, plan_summaries
from luotsi.web.decorators import signed_in_as

programme_view = signed_in_as(can_view_programme)


def _month_label(trend: Trend) -> list[str]:
    return [f"{month.month}/{month.year}" for month in trend.months]


def trend_charts(trends: list[Trend], where: str) -> list[Chart]:
    """Two line charts: activity (interactions, messages) and events (held, attendance)."""
    by_name = {t.name: t for t in trends}
    if not trends:
        return []
    labels = _month_label(trends[0])
    groups = (
        (
            "activity",
            _("Interactions and messages per month, %(where)s"),
            ("interactions", "concerns_received"),
        ),
        (
            "events",
            _("Events held and attendance per month, %(where)s"),
            ("events_held", "attendance"),
        ),
    )
    return [
        line_chart(
            title=title % {"where": where},
            labels=labels,
            series=[(by_name[name].label, list(by_name[name].values)) for name in names],
            dom_id=f"trend-{key}",
        )
        for key, title, names in groups
    ]


def rows_chart(rows: list[Row], title: str, dom_id: str) -> Chart:
    return bar_chart(
        title=title,
        items=[(row.label, row.figures.interactions) for row in rows],
        value_label=_("Interactions"),
        dom_id=dom_id,
    )


def _period_form(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, Period, int]:
    form = PeriodForm(request.GET)
    valid = form.is_valid()
    return form, form.period(), 200 if valid else 400


def _context(period: Period) -> dict[str, object]:
    return {
        "period": period,
        "definitions": FIGURE_DEFINITIONS,
        "cache_minutes": max(cache_seconds() // 60, 1),
        "period_query": period.query(),
        "events_query": urlencode(
            {"start": period.start.isoformat(), "end": period.end.isoformat()}
        ),
    }


@programme_view
@require_safe
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, period, status = _period_form(request)
    data = programme_dashboard(user=request.user, period=period, cached=True)
    charts = trend_charts(data.trends, _("whole team"))
    if len(data.majors) > 1:
        charts.append(
            rows_chart(data.majors, _("Interactions per major district"), "majors-interactions")
        )
    return render(
        request,
        "insights/programme/dashboard.html",
        {
            "form": form,
            "data": data,
            "charts": charts,
            "plans": _work_plans(request, data.officers, period),
            **_context(period),
        },
        status=status,
    )


def _work_plans(
    request: AuthenticatedHttpRequest, rows: list[Row], period: Period
) -> list[tuple[str, str, PlanSummary | None]]:
    """Each officer row with their work plan for the year the period ends in (the seed: the
    coordinator sees the officers' own agendas next to the figures)."""
    visible = officers_visible_to(request.user).filter(
        pk__in=[int(row.key) for row in rows if row.kind == "officer"]
    )
    summaries = plan_summaries(year=period.end.year, officers=visible)
    return [
        (row.key, row.label, summaries.get(int(row.key))) for row in rows if row.kind == "officer"
    ]


@programme_view
@require_safe
def dashboard_district(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    major = access_major_district(request.user, code)
    form, period, status = _period_form(request)
    data = major_district_view(major=major, period=period, cached=True)
    charts = trend_charts(data.trends, major.name)
    if data.districts:
        charts.append(
            rows_chart(
                data.districts,
                _("Interactions per district, %(name)s") % {"name": major.name},
                "districts-interactions",
            )
        )
    return render(
        request,
        "insights/programme/dashboard_district.html",
        {
            "form": form,
            "major": major,
            "data": data,
            "charts": charts,
            "form_action": reverse("programme:dashboard_district", args=[major.code]),
            **_context(period),
        },
        status=status,
    )


@programme_view
@require_safe
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    chosen = any(request.GET.get(name) for name in ("year", "start", "end"))
    form, period, status = _period_form(request)
    if not chosen:
        period = coming_weeks()
    return render(
        request,
        "insights/programme/calendar.html",
        {
            "form": form,
            "calendar": team_calendar(user=request.user, period=period),
            "chosen": chosen,
        },
        status=status,
    )
