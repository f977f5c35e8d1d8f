"""Public read API of participatory budgeting: cycles, plans on the ballot and results.

Everything here is public: published cycles only (others are 404, as are results before
their publication). Texts come in every interface language as {fi, sv, en}; the reason each
plan was or was not selected also as the counting engine's stable code and parameters, for
clients that word it themselves.
"""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Path, Query, Router, Schema

from luotsi.api.errors import responses
from luotsi.api.pagination import max_page
from luotsi.budgeting.models import Cycle, CycleBudget, Plan
from luotsi.budgeting.results_text import explain
from luotsi.budgeting.selectors_results import access_published_results, cycle_results
from luotsi.budgeting.services.results import COMPLETIONS, area_key, cycle_budgets

router = Router(tags=["participatory budgeting"])

LANGUAGES = [code for code, _name in settings.MESSAGE_LANGUAGES]
MAX_PAGE_SIZE = 100


class Translated(Schema):
    fi: str | None = None
    sv: str | None = None
    en: str | None = None


class BudgetOut(Schema):
    area: str = Field(description="a major district's code, or citywide for the city-wide pot")
    name: Translated
    amount: int = Field(description="euros")


class CycleSummaryOut(Schema):
    slug: str
    title: Translated
    phase: str
    total_budget: int = Field(description="euros")
    voting_starts_at: datetime.datetime
    voting_ends_at: datetime.datetime
    results_published: bool
    url: str


class CycleOut(CycleSummaryOut):
    description: Translated
    proposals_start: datetime.date
    proposals_end: datetime.date
    cocreation_start: datetime.date
    cocreation_end: datetime.date
    costing_start: datetime.date
    costing_end: datetime.date
    implementation_start: datetime.date | None
    citywide_percent: int
    ballot_format: str = Field(description="district_pick (round 3) or district_budget (1–2)")
    max_choices: int = Field(description="most plans on a district_pick ballot")
    max_project_share_percent: int
    min_age: int
    residency_required: bool
    counting_rule: str
    tie_break: str
    budgets: list[BudgetOut]


class CyclePage(Schema):
    count: int
    data: list[CycleSummaryOut]


class PlanOut(Schema):
    code: str
    title: Translated
    description: Translated
    cost: int = Field(description="euros")
    area: str = Field(description="a major district's code, or citywide")


class PlanPage(Schema):
    count: int
    data: list[PlanOut]


class Reason(Schema):
    code: str = Field(description="the counting engine's code, e.g. selected_fits")
    params: dict[str, Any]


class PlanResultOut(Schema):
    code: str
    title: Translated
    votes: int
    cost: int
    selected: bool
    rank: int = Field(description="selected plans in the order chosen, then the rest by votes")
    explanation: Translated
    reason: Reason


class AreaResultOut(Schema):
    area: str
    name: Translated
    budget: int
    used: int
    left: int
    voters: int = Field(description="ballots naming at least one plan of the area")
    pabulib_url: str
    plans: list[PlanResultOut]


class ResultsOut(Schema):
    cycle: str
    counting_rule: str
    completion: str
    tie_break: str
    counted_at: datetime.datetime | None
    published_at: datetime.datetime | None
    areas: list[AreaResultOut]


# A cycle's address name, as in its pages' addresses (/budgeting/<slug>/).
CYCLE_SLUG = Path(..., description="the cycle's slug", example="omastadi-2025-2026")


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=max_page(MAX_PAGE_SIZE))
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def _translated(obj: Any, name: str) -> dict[str, str | None]:
    return {code: getattr(obj, f"{name}_{code}", None) or None for code in LANGUAGES}


def _area_name(budget: CycleBudget) -> dict[str, str | None]:
    if budget.major_district is not None:
        return _translated(budget.major_district, "name")
    return _in_each_language(lambda: str(translation.gettext("City-wide")))


def _in_each_language(render: Any) -> dict[str, str | None]:
    texts: dict[str, str | None] = {}
    for code in LANGUAGES:
        with translation.override(code):
            texts[code] = render()
    return texts


def _cycle(slug: str) -> Cycle:
    found = Cycle.objects.public().filter(slug=slug).first() if "\x00" not in slug else None
    if found is None:
        raise Http404
    return found


def _summary(cycle: Cycle) -> dict[str, Any]:
    return {
        "slug": cycle.slug,
        "title": _translated(cycle, "title"),
        "phase": str(cycle.phase),
        "total_budget": cycle.total_budget,
        "voting_starts_at": cycle.voting_starts_at,
        "voting_ends_at": cycle.voting_ends_at,
        "results_published": cycle.results_published_at is not None,
        "url": settings.SITE_URL + reverse("budgeting:results", args=[cycle.slug]),
    }


def _page(items: Any, filters: PageQuery) -> tuple[int, Any]:
    first = (filters.page - 1) * filters.page_size
    return items.count(), items[first : first + filters.page_size]


@router.get(
    "/budgeting/cycles",
    response=responses(CyclePage, 422),
    auth=None,
    url_name="budgeting_cycles",
)
def budgeting_cycles(request: HttpRequest, filters: Query[PageQuery]) -> dict[str, Any]:
    """Published cycles, the latest voting first."""
    count, page = _page(Cycle.objects.public().order_by("-voting_starts_at", "pk"), filters)
    return {"count": count, "data": [_summary(cycle) for cycle in page]}


@router.get(
    "/budgeting/cycles/{slug}",
    response=responses(CycleOut, 404, 422),
    auth=None,
    url_name="budgeting_cycle",
)
def budgeting_cycle(request: HttpRequest, slug: str = CYCLE_SLUG) -> dict[str, Any]:
    """One published cycle: its phase and dates, its rules and its budget areas."""
    cycle = _cycle(slug)
    return {
        **_summary(cycle),
        "description": _translated(cycle, "description"),
        **{
            name: getattr(cycle, name)
            for name in (
                "proposals_start",
                "proposals_end",
                "cocreation_start",
                "cocreation_end",
                "costing_start",
                "costing_end",
                "implementation_start",
                "citywide_percent",
                "ballot_format",
                "max_choices",
                "max_project_share_percent",
                "min_age",
                "residency_required",
                "counting_rule",
                "tie_break",
            )
        },
        "budgets": [
            {"area": area_key(b), "name": _area_name(b), "amount": b.amount}
            for b in cycle_budgets(cycle)
        ],
    }


@router.get(
    "/budgeting/cycles/{slug}/plans",
    response=responses(PlanPage, 404, 422),
    auth=None,
    url_name="budgeting_cycle_plans",
)
def budgeting_cycle_plans(
    request: HttpRequest, filters: Query[PageQuery], slug: str = CYCLE_SLUG
) -> dict[str, Any]:
    """The plans on the ballot of a published cycle, by ballot code."""
    cycle = _cycle(slug)
    plans = (
        Plan.objects.on_ballot()
        .filter(cycle=cycle)
        .select_related("major_district")
        .defer("major_district__geometry")
        .order_by("code", "pk")
    )
    count, page = _page(plans, filters)
    return {
        "count": count,
        "data": [
            {
                "code": plan.code,
                "title": _translated(plan, "title"),
                "description": _translated(plan, "description"),
                "cost": plan.cost_estimate or 0,
                "area": plan.major_district.code if plan.major_district else "citywide",
            }
            for plan in page
        ],
    }


@router.get(
    "/budgeting/cycles/{slug}/results",
    response=responses(ResultsOut, 404, 422),
    auth=None,
    url_name="budgeting_cycle_results",
)
def budgeting_cycle_results(request: HttpRequest, slug: str = CYCLE_SLUG) -> dict[str, Any]:
    """The results of a published cycle, per budget area (404 until they are published)."""
    cycle = access_published_results(AnonymousUser(), slug)
    areas = cycle_results(cycle)
    plans = {p.pk: p for p in Plan.objects.filter(cycle=cycle)}
    return {
        "cycle": cycle.slug,
        "counting_rule": cycle.counting_rule,
        "completion": COMPLETIONS.get(cycle.counting_rule, "none"),
        "tie_break": cycle.tie_break,
        "counted_at": cycle.counted_at,
        "published_at": cycle.results_published_at,
        "areas": [
            {
                "area": area.key,
                "name": _area_name(area.budget),
                "budget": area.amount,
                "used": area.used,
                "left": area.left,
                "voters": area.voters,
                "pabulib_url": settings.SITE_URL
                + reverse("budgeting:results-pabulib", args=[cycle.slug, area.key]),
                "plans": [
                    {
                        "code": row.code,
                        "title": _translated(plans[row.plan_id], "title"),
                        "votes": row.votes,
                        "cost": row.cost,
                        "selected": row.selected,
                        "rank": row.rank,
                        "explanation": _in_each_language(lambda row=row: explain(row.data)),
                        "reason": {
                            "code": row.why_code,
                            "params": dict(row.data.get("params") or {}),
                        },
                    }
                    for row in area.rows
                ],
            }
            for area in areas
        ],
    }
