"""The public implementation tracker: selected plans per major district with status and
progress, each plan's public history; only for published cycles with published results."""

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from luotsi.budgeting.models import Cycle, Phase, Plan, PlanResult
from luotsi.budgeting.services import coproduction as services
from luotsi.materials.models import VariantStatus
from luotsi.testing import budgeting as pb
from luotsi.testing import materials as mat
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def chosen(p: Personas, cycle: Cycle, *, selected: bool = True, **fields: Any) -> Plan:
    plan = pb.plan(p, cycle, **fields)
    PlanResult.objects.create(plan=plan, votes=50, selected=selected, rank=1)
    return plan


def get(path: str) -> Any:
    with translation.override("en"):
        return Client(HTTP_ACCEPT_LANGUAGE="en").get(path)


def test_tracker_lists_selected_plans_per_major_district_with_accessible_progress(personas):
    cycle = pb.cycle(personas, phase=Phase.IMPLEMENTATION)
    south = chosen(
        personas,
        cycle,
        title_en="Benches",
        implementation_progress=40,
        implementation_status="in_progress",
    )
    east = chosen(personas, cycle, major_number=7, title_en="Skate park")
    citywide = chosen(personas, cycle, major_number=None, title_en="Library bus")
    chosen(personas, cycle, selected=False, title_en="Not chosen")
    response = get(f"/budgeting/{cycle.slug}/tracker/")
    body = response.content.decode()
    assert response.status_code == 200
    for plan in (south, east, citywide):
        assert f"/budgeting/{cycle.slug}/tracker/{plan.pk}/" in body
    assert "Not chosen" not in body
    assert '<progress max="100" value="40"' in body
    assert "40 % done" in body  # the figure as text, not only as a bar
    assert "In progress" in body
    # Major districts in order, city-wide last.
    with translation.override("en"):
        first, seventh = pb.major(1).name, pb.major(7).name
    assert body.index(f">{first}</h2>") < body.index(f">{seventh}</h2>")
    assert body.index(f">{seventh}</h2>") < body.index("City-wide plans")


def test_plan_history_shows_public_updates_only_oldest_first(personas):
    cycle = pb.cycle(personas, phase=Phase.IMPLEMENTATION)
    plan = chosen(personas, cycle)
    workspace = services.workspace_open(plan=plan, by=personas.officer_south)
    for status, progress, text, public in (
        ("planning", 10, "Design started.", True),
        ("planning", 20, "Internal: the contractor is late.", False),
        ("in_progress", 60, "Benches being installed.", True),
    ):
        services.status_update_post(
            workspace=workspace,
            by=personas.officer_south,
            status=status,
            progress=progress,
            texts={"en": text},
            public=public,
        )
    body = get(f"/budgeting/{cycle.slug}/tracker/{plan.pk}/").content.decode()
    assert "Design started." in body
    assert "Benches being installed." in body
    assert "contractor" not in body
    assert body.index("Design started.") < body.index("Benches being installed.")
    assert "60 % done" in body
    tracker = get(f"/budgeting/{cycle.slug}/tracker/").content.decode()
    assert "Benches being installed." in tracker
    assert "contractor" not in tracker


def test_plan_page_lists_the_plans_public_ready_materials(personas):
    cycle = pb.cycle(personas, phase=Phase.IMPLEMENTATION)
    plan = chosen(personas, cycle)
    item = mat.item(personas, district_code=None, pb_plan=plan)
    mat.variant(item, "fi", "web", VariantStatus.READY)
    body = get(f"/budgeting/{cycle.slug}/tracker/{plan.pk}/").content.decode()
    assert f"/materials/{item.pk}/" in body


@pytest.mark.parametrize("phase", [Phase.VOTING, Phase.COUNTING])
def test_no_tracker_before_results_are_published(personas, phase):
    cycle = pb.cycle(personas, phase=phase)
    plan = chosen(personas, cycle)
    assert get(f"/budgeting/{cycle.slug}/tracker/").status_code == 404
    assert get(f"/budgeting/{cycle.slug}/tracker/{plan.pk}/").status_code == 404


def test_no_tracker_for_an_unpublished_cycle(personas):
    cycle = pb.cycle(personas, phase=Phase.IMPLEMENTATION, published=False)
    plan = chosen(personas, cycle)
    assert get(f"/budgeting/{cycle.slug}/tracker/").status_code == 404
    assert get(f"/budgeting/{cycle.slug}/tracker/{plan.pk}/").status_code == 404
    assert get("/budgeting/no-such-cycle/tracker/").status_code == 404


def test_a_plan_not_selected_or_of_another_cycle_has_no_tracker_page(personas):
    cycle = pb.cycle(personas, phase=Phase.RESULTS)
    other = pb.cycle(personas, phase=Phase.IMPLEMENTATION)
    not_selected = chosen(personas, cycle, selected=False)
    elsewhere = chosen(personas, other)
    assert get(f"/budgeting/{cycle.slug}/tracker/").status_code == 200
    assert get(f"/budgeting/{cycle.slug}/tracker/{not_selected.pk}/").status_code == 404
    assert get(f"/budgeting/{cycle.slug}/tracker/{elsewhere.pk}/").status_code == 404
    assert get(f"/budgeting/{other.slug}/tracker/{elsewhere.pk}/").status_code == 200


def test_tracker_of_a_cycle_without_selected_plans_says_so(personas):
    cycle = pb.cycle(personas, phase=Phase.RESULTS)
    body = get(f"/budgeting/{cycle.slug}/tracker/").content.decode()
    assert "No plans were selected in this cycle." in body
