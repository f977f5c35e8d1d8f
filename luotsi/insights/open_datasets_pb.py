"""The open datasets of participatory budgeting: each plan's result, and the selected plans'
implementation, for rounds whose results are published (the results pages' rule); never
before publication. Plans are the city's, not a person's: no proposal, author or ballot here.
"""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import Cycle, Plan
from luotsi.budgeting.permissions.coproduction import tracker_cycles
from luotsi.budgeting.selectors_coproduction import tracker_groups
from luotsi.budgeting.selectors_results import cycle_results
from luotsi.budgeting.services.results import CITYWIDE
from luotsi.insights.open_data import (
    Column,
    ColumnType,
    in_each_language,
    site_url,
    translated_columns,
    translated_values,
)

BOUNDARIES = ("geometry", "geometry_simplified")


def _published_cycles() -> list[Cycle]:
    """Published cycles whose results are published (the results pages' rule)."""
    return list(tracker_cycles().order_by("voting_ends_at", "pk"))


def _area_columns() -> list[Column]:
    return [
        Column(
            "area",
            ColumnType.STRING,
            _("the budget area: a major district's code, or citywide"),
        ),
        *translated_columns("area_name", _("name of the budget area")),
    ]


def _area_values(major: MajorDistrict | None) -> dict[str, Any]:
    if major is None:
        names = in_each_language(_("City-wide"))
        return {"area": CITYWIDE, **{f"area_name_{code}": name for code, name in names.items()}}
    return {"area": major.code, **translated_values("area_name", major, "name")}


PB_RESULT_COLUMNS = (
    Column("cycle", ColumnType.STRING, _("the participatory budgeting round's identifier")),
    *translated_columns("cycle_title", _("title of the round")),
    *_area_columns(),
    Column("plan_code", ColumnType.STRING, _("the plan's code on the ballot")),
    *translated_columns("plan_title", _("title of the plan")),
    Column("cost", ColumnType.INTEGER, _("the plan's cost estimate in euros")),
    # Exact, as on the public results pages: ballots are secret, so a plan's vote count does
    # not point at anybody, and hiding small ones would only make the results disagree.
    Column("votes", ColumnType.INTEGER, _("ballots that chose the plan (as published)")),
    Column("selected", ColumnType.BOOLEAN, _("whether the plan was selected for funding")),
    Column(
        "rank",
        ColumnType.INTEGER,
        _("selected plans in the order they were chosen, then the rest by votes"),
    ),
)


def pb_result_rows() -> list[dict[str, Any]]:
    """Each plan of each round whose results are published; never before publication."""
    out = []
    for cycle in _published_cycles():
        areas = cycle_results(cycle)
        plan_ids = [row.plan_id for area in areas for row in area.rows]
        plans = Plan.objects.select_related("major_district").defer(
            *(f"major_district__{f}" for f in BOUNDARIES)
        )
        by_id = plans.in_bulk(plan_ids)
        for area in areas:
            for row in area.rows:
                plan = by_id[row.plan_id]
                out.append(
                    {
                        "cycle": cycle.slug,
                        **translated_values("cycle_title", cycle, "title"),
                        **_area_values(area.budget.major_district),
                        "plan_code": plan.code,
                        **translated_values("plan_title", plan, "title"),
                        "cost": row.cost,
                        "votes": row.votes,
                        "selected": row.selected,
                        "rank": row.rank,
                    }
                )
    return out


PB_IMPLEMENTATION_COLUMNS = (
    Column("cycle", ColumnType.STRING, _("the participatory budgeting round's identifier")),
    *translated_columns("cycle_title", _("title of the round")),
    *_area_columns(),
    Column("plan_code", ColumnType.STRING, _("the plan's code on the ballot")),
    *translated_columns("plan_title", _("title of the plan")),
    Column(
        "implementation_status",
        ColumnType.STRING,
        _("not_started, planning, in_progress, done or cancelled"),
    ),
    Column("progress", ColumnType.PERCENT, _("how far the implementation is, in per cent")),
    Column(
        "last_public_update",
        ColumnType.DATE,
        _("the day of the latest update on the public tracker"),
        nullable=True,
    ),
    Column("url", ColumnType.STRING, _("the plan's page on the public tracker")),
)


def pb_implementation_rows() -> list[dict[str, Any]]:
    """The selected plans of every round whose results are published: the public tracker."""
    out = []
    for cycle in _published_cycles():
        for group in tracker_groups(cycle):
            for plan in group.plans:
                updates = getattr(plan, "public_updates", [])
                out.append(
                    {
                        "cycle": cycle.slug,
                        **translated_values("cycle_title", cycle, "title"),
                        **_area_values(group.major_district),
                        "plan_code": plan.code,
                        **translated_values("plan_title", plan, "title"),
                        "implementation_status": plan.implementation_status,
                        "progress": plan.implementation_progress,
                        "last_public_update": (
                            timezone.localtime(updates[0].posted_at).date().isoformat()
                            if updates
                            else None
                        ),
                        "url": site_url(
                            reverse("budgeting:tracker-plan", args=[cycle.slug, plan.pk])
                        ),
                    }
                )
    return out
