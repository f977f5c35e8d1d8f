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
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import ImplementationStatus, Plan
from luotsi.insights import selectors_costs, selectors_dashboard, selectors_workplans
from luotsi.insights.periods import Period, PeriodForm
from luotsi.insights.permissions_programme import (
    OFFICER_ROLES,
    major_districts_visible_to,
)
from luotsi.insights.programme_charts import Chart, bar_chart, format_value, line_chart
from luotsi.insights.templatetags.report_format import change_percent

CITY = "city"
# Each language by its own name (suomi, svenska, English), as language pickers do.
REPORT_LANGUAGES: list[tuple[str, str]] = [
    (code, get_language_info(code)["name_local"].capitalize())
    for code, _name in settings.MESSAGE_LANGUAGES
]


# --- the form ---------------------------------------------------------------------------------


def report_language(language: str | None) -> str:
    """The report language nearest to a page language (plain Finnish → Finnish)."""
    codes = [code for code, _name in REPORT_LANGUAGES]
    if language in codes:
        return str(language)
    base = (language or "").split("-")[0]
    return base if base in codes else codes[0]


class ReportForm(PeriodForm):
    """?year= or ?start=&end= (PeriodForm), ?scope=city or a major district's code, and
    ?language=fi|sv|en. The scope choices are the major districts the user may see."""

    scope = forms.ChoiceField(label=_("Scope"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the report"), required=False, choices=REPORT_LANGUAGES
    )

    def __init__(
        self,
        data: Any = None,
        *,
        user: User | AnonymousUser,
        default_language: str,
        today: datetime.date | None = None,
    ) -> None:
        super().__init__(data)
        self.today = today or timezone.localdate()
        self.default_language = report_language(default_language)
        self.majors = list(major_districts_visible_to(user).order_by("city", "number"))
        cast(forms.ChoiceField, self.fields["scope"]).choices = [
            (CITY, _("The whole city")),
            *((major.code, major.name) for major in self.majors),
        ]
        if data is None:
            self.initial = {
                "year": self.today.year - 1,
                "scope": CITY,
                "language": self.default_language,
            }

    def clean_scope(self) -> str:
        return self.cleaned_data.get("scope") or CITY

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or self.default_language

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        start = cleaned.get("start")
        year = cleaned.get("year")
        first = start or (datetime.date(year, 1, 1) if isinstance(year, int) else None)
        if not self.errors and isinstance(first, datetime.date) and first > self.today:
            field = "start" if start else "year"
            self.add_error(
                field,
                _("The report covers days that have passed: choose a period that has started."),
            )
        return cleaned

    def period(self) -> Period:
        """The chosen period, ending today at the latest (this year's report is "so far")."""
        period = super().period()
        if period.end > self.today >= period.start:
            return replace(period, end=self.today)
        return period

    def major(self) -> MajorDistrict | None:
        """The chosen major district, None for the whole city; call after is_valid()."""
        code = self.cleaned_data.get("scope") or CITY
        return next((m for m in self.majors if m.code == code), None)

    def chosen_language(self) -> str:
        return str(self.cleaned_data.get("language") or self.default_language)

    def query(self) -> str:
        """The query string of the valid choice, for the links to the page and the PDF."""
        scope = urlencode(
            {"scope": self.cleaned_data.get("scope") or CITY, "language": self.chosen_language()}
        )
        return f"{self.period().query()}&{scope}"


def check_scope_visible(user: User | AnonymousUser, code: str | None) -> None:
    """A major district the user may not see is 404 (as on every programme page); an
    unknown code is left to the form (a field error)."""
    if not code or code == CITY:
        return
    if major_districts_visible_to(user).filter(code=code).exists():
        return
    if MajorDistrict.objects.filter(code=code).exists():
        raise Http404


# --- work plans and participatory budgeting ------------------------------------------------


@dataclass(frozen=True)
class PlanYear:
    """The officers' work plans of one year, counted together."""

    year: int
    officers: int  # officers who worked in the scope during the period
    plans: int
    goals: int
    met: int
    on_track: int
    behind: int


def officers_in_scope(period: Period, major: MajorDistrict | None) -> list[User]:
    """The officers whose assignments overlap the period (in the major district when one is
    chosen)."""
    assignments = OfficerAssignment.objects.filter(starts_on__lte=period.end).exclude(
        ends_on__lt=period.start
    )
    if major is not None:
        assignments = assignments.filter(major_districts=major)
    ids = set(assignments.values_list("officer_id", flat=True))
    if major is None:
        ids |= set(User.objects.filter(role__in=OFFICER_ROLES).values_list("pk", flat=True))
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def plan_years(period: Period, officers: list[User]) -> list[PlanYear]:
    rows = []
    for year in range(period.start.year, period.end.year + 1):
        summaries = selectors_workplans.plan_summaries(year=year, officers=officers).values()
        rows.append(
            PlanYear(
                year=year,
                officers=len(officers),
                plans=len(summaries),
                goals=sum(s.goals for s in summaries),
                met=sum(s.met for s in summaries),
                on_track=sum(s.on_track for s in summaries),
                behind=sum(s.behind for s in summaries),
            )
        )
    return rows


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class PBStatus:
    """The participatory budgeting plans in co-production (with a workspace opened by the end
    of the period) by implementation status, now."""

    workspaces: int  # not cancelled (as the dashboard's "PB co-production")
    average_progress: int | None  # per cent, over the plans not cancelled
    statuses: list[StatusCount] = field(default_factory=list)

    @property
    def done(self) -> int:
        return next((s.count for s in self.statuses if s.status == ImplementationStatus.DONE), 0)


def pb_status(period: Period, major: MajorDistrict | None) -> PBStatus:
    plans = Plan.objects.filter(
        workspace__isnull=False, workspace__created_at__lt=period.end_datetime()
    )
    if major is not None:
        plans = plans.filter(major_district=major)
    rows = list(plans.values_list("implementation_status", "implementation_progress"))
    counts = Counter(status for status, _progress in rows)
    active = [progress for status, progress in rows if status != ImplementationStatus.CANCELLED]
    return PBStatus(
        workspaces=len(active),
        average_progress=round(sum(active) / len(active)) if active else None,
        statuses=[
            StatusCount(value, str(label), counts.get(value, 0))
            for value, label in ImplementationStatus.choices
        ],
    )


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
    dashboard = selectors_dashboard.programme_dashboard(user=user, period=period)
    if major is None:
        figures = dashboard.team.figures
        rows = list(dashboard.majors)
        total_rows = [dashboard.team]
        trends = list(dashboard.trends)
    else:
        view = selectors_dashboard.major_district_view(major=major, period=period)
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


# --- definitions ---------------------------------------------------------------------------

DEFINITIONS: list[tuple[Any, Any]] = [
    (
        _("Costs"),
        _(
            "Officer costs are person-years times the cost per person-year of each year. Event "
            "spending is the spent and committed costs of events that started in the period. "
            "Other costs are the programme's other costs of the period's years, prorated by days "
            "for part of a year. The events budget is an allocation, not a cost."
        ),
    ),
    (
        _("Cost per participant and per event"),
        _(
            "The total cost divided by the participations (each person once per month and "
            "channel, whole months), and event spending divided by the events held."
        ),
    ),
    (
        _("Work plans"),
        _(
            "A goal is met when its indicator reaches the target, and on track when it is at "
            "least the target times the share of the year passed."
        ),
    ),
]

NOT_COUNTED: list[Any] = [
    _(
        "The report shows the team and the areas, not individual officers: the dashboard has "
        "each officer's figures for those who may see them."
    ),
    _(
        "Work that is not recorded in Luotsi (informal encounters, e-mail outside it) is not "
        "counted."
    ),
    _(
        "The coordinator's work has no figures of its own; its cost is among the other costs "
        "(coordination)."
    ),
    _(
        "Business liaison officers work city-wide: their costs are in the city-wide row and "
        "their work in the team's totals, not in a major district's."
    ),
    _(
        "Participatory budgeting shows the status of the co-produced plans today, whatever the "
        "period."
    ),
]

SOURCES: list[Any] = [
    _(
        "Luotsi records: the officers' interaction log, events and registrations, residents' "
        "messages, campaigns, participatory budgeting and work plans."
    ),
    _(
        "Costs: the cost per person-year and the other costs entered by the coordinator, the "
        "events budgets and the costs recorded on events."
    ),
    _(
        "Areas and population: the city's major districts and districts and their statistics, as "
        "loaded in Luotsi."
    ),
]
