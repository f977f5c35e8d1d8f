"""Reading a cycle's results: who may see them, and each budget area's plans with their votes,
costs, outcome and the plain-language reason, as the pages, the API and the files show them."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.budgeting.models import Cycle, CycleBudget, PlanResult
from luotsi.budgeting.permissions import can_run_cycles
from luotsi.budgeting.results_text import explain
from luotsi.budgeting.services.results import CITYWIDE, area_key, cycle_budgets


def access_results_cycle(user: User | AnonymousUser, slug: str) -> Cycle:
    """A published cycle (any phase); unpublished cycles are 404 except for the coordinator."""
    cycles: QuerySet[Cycle] = (
        Cycle.objects.all() if can_run_cycles(user) else Cycle.objects.public()
    )
    found = cycles.filter(slug=slug).first() if "\x00" not in slug else None
    if found is None:
        raise Http404
    return found


def access_published_results(user: User | AnonymousUser, slug: str) -> Cycle:
    """A public cycle whose results have been published, else 404 (for everyone: the
    coordinator previews unpublished results on the count page)."""
    cycle = access_results_cycle(user, slug)
    if not cycle.published or cycle.results_published_at is None:
        raise Http404
    return cycle


@dataclass
class PlanRow:
    plan_id: int
    code: str
    title: str
    votes: int
    cost: int
    selected: bool
    rank: int
    why: str
    why_code: str
    data: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class AreaResult:
    key: str
    name: str
    budget: CycleBudget
    voters: int = 0
    rows: list[PlanRow] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return self.budget.amount

    @property
    def used(self) -> int:
        return sum(row.cost for row in self.rows if row.selected)

    @property
    def left(self) -> int:
        return self.amount - self.used

    @property
    def selected(self) -> list[PlanRow]:
        return [row for row in self.rows if row.selected]

    @property
    def votes(self) -> int:
        return sum(row.votes for row in self.rows)

    @property
    def is_citywide(self) -> bool:
        return self.key == CITYWIDE


def area_name(budget: CycleBudget) -> str:
    return budget.major_district.name if budget.major_district is not None else _("City-wide")


def cycle_results(cycle: Cycle) -> list[AreaResult]:
    """Every budget area of the cycle with its counted plans, most votes first (ties in the
    order the count ranked them); the names and reasons in the active language. Two queries.

    The caller decides whether the reader may see them (`access_published_results`)."""
    areas = {
        b.major_district_id: AreaResult(area_key(b), area_name(b), b) for b in cycle_budgets(cycle)
    }
    results = PlanResult.objects.filter(plan__cycle=cycle).select_related("plan")
    for result in results:
        area = areas.get(result.plan.major_district_id)
        if area is None:  # a plan whose area lost its budget after the count
            continue
        data = result.explanation_data or {}
        area.voters = int(data.get("area_voters", area.voters))
        area.rows.append(
            PlanRow(
                plan_id=result.plan_id,
                code=result.plan.code,
                title=result.plan.title,
                votes=result.votes,
                cost=int(data.get("cost") or result.plan.cost_estimate or 0),
                selected=result.selected,
                rank=result.rank,
                why=explain(data) if data else result.explanation,
                why_code=str(data.get("code", "")),
                data=data,
            )
        )
    for area in areas.values():
        area.rows.sort(key=lambda row: (-row.votes, row.rank))
    return list(areas.values())


def area_result(cycle: Cycle, key: str) -> AreaResult:
    """One budget area by its key (a major district's code or "citywide"), else 404."""
    for area in cycle_results(cycle):
        if area.key == key:
            return area
    raise Http404
