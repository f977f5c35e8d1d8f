"""The annual report (issue 12, part 3): the programme's figures for a year or a period, for
the whole city or one major district, gathered in one object that the HTML page and the PDF
render alike. Reads only; the figures come from the same selectors as the dashboard, the cost
pages and the work plans, so the report never disagrees with them.

What the report shows, and for whom:

- the dashboard's figures: the team's totals and a row per major district (the city board's
  unit); the user sees the rows of the major districts they may see (a district officer their
  own, the coordinator all). Per-officer figures are not in the report: it is written for the
  city board, and the dashboard has them for those who may see them;
- the monthly trends of the scope;
- costs: the cost table of the period and the same dates a year earlier, with the change;
- the officers' work plans of the period's years, counted together (goals met, on track,
  behind), never per person;
- the participatory budgeting plans in co-production (workspaces) by implementation status.
"""

import datetime
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.insights import selectors_costs, selectors_dashboard
from luotsi.insights.forms_report import CITY
from luotsi.insights.periods import Period
from luotsi.insights.programme_charts import Chart, bar_chart, format_value, line_chart
from luotsi.insights.report_texts import DEFINITIONS, NOT_COUNTED, SOURCES
from luotsi.insights.selectors_report_sections import (
    PBStatus,
    PlanYear,
    officers_in_scope,
    pb_status,
    plan_years,
)
from luotsi.insights.templatetags.report_format import change_percent

# --- costs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostComparison:
    """One cost measure of the scope, this period and the same dates a year earlier."""

    label: str
    current: Decimal | int | None
    previous: Decimal | int | None
    change: selectors_costs.Change | None
    money: bool
    places: int = 0  # cents for the per-participant and per-event costs


def scope_cost_row(
    summary: selectors_costs.CostSummary, major: MajorDistrict | None
) -> selectors_costs.CostRow:
    if major is None:
        return summary.total
    return next(row for row in summary.rows if row.key == major.code)


def cost_comparison(
    current: selectors_costs.CostRow, previous: selectors_costs.CostRow
) -> list[CostComparison]:
    measures: list[tuple[Any, str, bool, int]] = [
        (_("Total cost"), "total_cost", True, 0),
        (_("Officer costs"), "officer_costs", True, 0),
        (_("Event spending"), "event_spending", True, 0),
        (_("Other costs"), "other_costs", True, 0),
        (_("Participations"), "participations", False, 0),
        (_("Events held"), "events_held", False, 0),
        (_("Cost per participant"), "cost_per_participant", True, 2),
        (_("Cost per event"), "cost_per_event", True, 2),
    ]
    result = []
    for label, attribute, money, places in measures:
        now, before = getattr(current, attribute), getattr(previous, attribute)
        result.append(
            CostComparison(
                label=str(label),
                current=now,
                previous=before,
                change=selectors_costs.change_between(before, now),
                money=money,
                places=places,
            )
        )
    return result


# --- the report ------------------------------------------------------------------------------

# Trends drawn in a chart of their own: their numbers are an order of magnitude above the rest.
OWN_CHART_TRENDS = ("attendance",)


@dataclass(frozen=True)
class AnnualReport:
    period: Period
    major: MajorDistrict | None
    language: str
    generated_at: datetime.datetime
    so_far: bool  # the period ends today: the figures are this year's so far
    figures: selectors_dashboard.Figures  # the scope's figures
    rows: list[selectors_dashboard.Row]  # a row per major district (city) or district (major)
    total_rows: list[selectors_dashboard.Row]  # the scope's total (and the team's beside it)
    costs: selectors_costs.CostSummary
    cost_row: selectors_costs.CostRow  # the scope's row (the total for the whole city)
    cost_rows: list[selectors_costs.CostRow]  # the rows shown in the cost table
    previous_period: Period
    cost_changes: list[CostComparison]
    plans: list[PlanYear]
    pb: PBStatus
    area_charts: list[Chart] = field(default_factory=list)
    trend_charts: list[Chart] = field(default_factory=list)
    cost_charts: list[Chart] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    @property
    def scope_code(self) -> str:
        return CITY if self.major is None else self.major.code

    @property
    def scope_name(self) -> str:
        return str(_("The whole city")) if self.major is None else str(self.major.name)

    @property
    def title(self) -> str:
        if self.period.is_calendar_year or (
            self.so_far and (self.period.start.month, self.period.start.day) == (1, 1)
        ):
            return str(_("Annual report %(year)s") % {"year": self.period.start.year})
        return str(
            _("Report %(start)s–%(end)s")
            % {
                "start": date_format(self.period.start, "SHORT_DATE_FORMAT"),
                "end": date_format(self.period.end, "SHORT_DATE_FORMAT"),
            }
        )

    @property
    def scope_in_sentence(self) -> str:
        return str(_("the whole city")) if self.major is None else str(self.major.name)

    @property
    def rows_heading(self) -> str:
        return str(_("Major district") if self.major is None else _("District"))

    @property
    def definitions(self) -> list[tuple[str, str]]:
        """The dashboard's definitions word for word, then the report's own."""
        return [
            *(
                (str(term), str(text))
                for _name, term, text in selectors_dashboard.FIGURE_DEFINITIONS
            ),
            *((str(term), str(text)) for term, text in DEFINITIONS),
        ]

    @property
    def not_counted(self) -> list[str]:
        return [str(text) for text in NOT_COUNTED]

    @property
    def sources(self) -> list[str]:
        return [str(text) for text in SOURCES]

    def filename(self) -> str:
        """programme-report-2025-city-fi.pdf, programme-report-2025-01-01-2025-06-30-1-sv.pdf"""
        if self.period.is_calendar_year:
            dates = str(self.period.start.year)
        else:
            dates = f"{self.period.start.isoformat()}-{self.period.end.isoformat()}"
        return f"programme-report-{dates}-{self.scope_code}-{self.language}.pdf"


def month_label(month: datetime.date) -> str:
    return f"{month.month}/{month.year}"


def _short_ticks(chart: Chart, months: tuple[datetime.date, ...]) -> Chart:
    """Within one calendar year, the x axis names the months (Jan, Feb …; the title and the
    table say the year), so that twelve labels fit side by side."""
    if len({month.year for month in months}) != 1:
        return chart
    names = {month_label(month): date_format(month, "M") for month in months}
    ticks = tuple(replace(tick, label=names.get(tick.label, tick.label)) for tick in chart.x_ticks)
    return replace(chart, x_ticks=ticks)


def trend_charts(trends: list[selectors_dashboard.Trend], scope: str) -> list[Chart]:
    if not trends:
        return []
    months = trends[0].months
    labels = [month_label(month) for month in months]
    together = [t for t in trends if t.name not in OWN_CHART_TRENDS]
    apart = [t for t in trends if t.name in OWN_CHART_TRENDS]
    charts = []
    if together:
        charts.append(
            line_chart(
                title=str(_("Month by month, %(scope)s") % {"scope": scope}),
                labels=labels,
                series=[(t.label, list(t.values)) for t in together],
            )
        )
    for trend in apart:
        charts.append(
            line_chart(
                title=str(
                    _("%(figure)s month by month, %(scope)s")
                    % {"figure": trend.label, "scope": scope}
                ),
                labels=labels,
                series=[(trend.label, list(trend.values))],
            )
        )
    return [_short_ticks(chart, months) for chart in charts]


def area_charts(rows: list[selectors_dashboard.Row], major: MajorDistrict | None) -> list[Chart]:
    if len(rows) < 2:
        return []
    if major is None:
        interactions, attendance = (
            _("Interactions by major district"),
            _("Event attendance by major district"),
        )
    else:
        interactions, attendance = _("Interactions by district"), _("Event attendance by district")
    return [
        bar_chart(
            title=str(interactions),
            items=[(row.label, row.figures.interactions) for row in rows],
            value_label=str(_("Interactions")),
        ),
        bar_chart(
            title=str(attendance),
            items=[(row.label, row.figures.attendance) for row in rows],
            value_label=str(_("Attendance")),
        ),
    ]


def _float(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)


def cost_charts(
    cost_rows: list[selectors_costs.CostRow], changes: list[CostComparison]
) -> list[Chart]:
    charts = []
    districts = [row for row in cost_rows if row.major_district is not None]
    if len(districts) > 1:
        charts.append(
            bar_chart(
                title=str(_("Cost per participant by major district (€)")),
                items=[(row.label, _float(row.cost_per_participant)) for row in districts],
                value_label=str(_("Cost per participant")),
                places=2,
            )
        )
    total = next(item for item in changes if item.label == str(_("Total cost")))
    charts.append(
        bar_chart(
            title=str(_("Total cost, this period and a year earlier (€)")),
            items=[
                (str(_("A year earlier")), _float(total.previous)),
                (str(_("This period")), _float(total.current)),
            ],
            value_label=str(_("Total cost")),
        )
    )
    return charts


def summary_sentences(
    *,
    figures: selectors_dashboard.Figures,
    cost_row: selectors_costs.CostRow,
    cost_changes: list[CostComparison],
    plans: list[PlanYear],
    pb: PBStatus,
) -> list[str]:
    """A few plain sentences of the key figures, for readers who read nothing else (one
    count a sentence, so that each is in the right plural)."""
    sentences = [
        ngettext(
            "The officers recorded %(count)s interaction.",
            "The officers recorded %(count)s interactions.",
            figures.interactions,
        )
        % {"count": format_value(figures.interactions)},
        _("Organisations reached: %(organisations)s; people reached: %(contacts)s.")
        % {
            "organisations": format_value(figures.organisations),
            "contacts": format_value(figures.contacts),
        },
        ngettext(
            "%(count)s event was held; attendance in all: %(attendance)s.",
            "%(count)s events were held; attendance in all: %(attendance)s.",
            figures.events_held,
        )
        % {
            "count": format_value(figures.events_held),
            "attendance": format_value(figures.attendance),
        },
    ]
    if figures.concerns_received:
        text = ngettext(
            "%(count)s message from residents arrived; answered by now: %(answered)s.",
            "%(count)s messages from residents arrived; answered by now: %(answered)s.",
            figures.concerns_received,
        ) % {
            "count": format_value(figures.concerns_received),
            "answered": format_value(figures.concerns_answered),
        }
        if figures.median_answer_days is not None:
            text += " " + _("Median time to the first answer: %(days)s days.") % {
                "days": format_value(figures.median_answer_days, 1)
            }
        sentences.append(text)
    total_change = next(
        (item.change for item in cost_changes if item.label == str(_("Total cost"))), None
    )
    total = format_value(float(cost_row.total_cost))
    text = _("The programme cost %(total)s €.") % {"total": total}
    if cost_row.cost_per_participant is not None:
        text += " " + _("That is %(amount)s € per participant.") % {
            "amount": format_value(float(cost_row.cost_per_participant), 2)
        }
    if total_change is not None and total_change.percent is not None:
        text += " " + _("The total cost changed by %(change)s from a year earlier.") % {
            "change": change_percent(total_change)
        }
    sentences.append(text)
    for row in plans:
        if row.goals:
            sentences.append(
                ngettext(
                    "The officers' work plans for %(year)s have %(count)s goal: met %(met)s, "
                    "on track %(on_track)s, behind %(behind)s.",
                    "The officers' work plans for %(year)s have %(count)s goals: met %(met)s, "
                    "on track %(on_track)s, behind %(behind)s.",
                    row.goals,
                )
                % {
                    "year": row.year,
                    "count": format_value(row.goals),
                    "met": format_value(row.met),
                    "on_track": format_value(row.on_track),
                    "behind": format_value(row.behind),
                }
            )
    if pb.workspaces:
        sentences.append(
            ngettext(
                "%(count)s participatory budgeting plan is in co-production; done: %(done)s.",
                "%(count)s participatory budgeting plans are in co-production; done: %(done)s.",
                pb.workspaces,
            )
            % {"count": format_value(pb.workspaces), "done": format_value(pb.done)}
        )
    return [str(sentence) for sentence in sentences]


def annual_report(
    *,
    user: User | AnonymousUser,
    period: Period,
    major: MajorDistrict | None,
    language: str,
    generated_at: datetime.datetime,
) -> AnnualReport:
    """The report of `period` for the whole city (major None) or one major district the user
    may see (the caller has checked). Call inside translation.override(language): the labels
    and sentences are made in the current language."""
    # One count for the team's and the major district's rows (counting is the slow part).
    counts = selectors_dashboard.count_period(period)
    dashboard = selectors_dashboard.programme_dashboard(user=user, period=period, counts=counts)
    if major is None:
        figures = dashboard.team.figures
        rows = list(dashboard.majors)
        total_rows = [dashboard.team]
        trends = list(dashboard.trends)
    else:
        view = selectors_dashboard.major_district_view(major=major, period=period, counts=counts)
        figures = view.major.figures
        rows = view.districts
        total_rows = [view.major, dashboard.team]
        trends = view.trends
    costs = selectors_costs.cost_summary(user=user, period=period)
    previous_period = period.previous_year()
    previous = selectors_costs.cost_summary(user=user, period=previous_period)
    cost_row = scope_cost_row(costs, major)
    cost_rows = costs.all_rows if major is None else [cost_row]
    changes = cost_comparison(cost_row, scope_cost_row(previous, major))
    plans = plan_years(period, officers_in_scope(period, major))
    pb = pb_status(period, major)
    scope = str(_("the whole city")) if major is None else str(major.name)
    return AnnualReport(
        period=period,
        major=major,
        language=language,
        generated_at=generated_at,
        so_far=period.end >= timezone.localdate(),
        figures=figures,
        rows=rows,
        total_rows=total_rows,
        costs=costs,
        cost_row=cost_row,
        cost_rows=cost_rows,
        previous_period=previous_period,
        cost_changes=changes,
        plans=plans,
        pb=pb,
        area_charts=area_charts(rows, major),
        trend_charts=trend_charts(trends, scope),
        cost_charts=cost_charts(cost_rows, changes),
        summary=summary_sentences(
            figures=figures, cost_row=cost_row, cost_changes=changes, plans=plans, pb=pb
        ),
    )
