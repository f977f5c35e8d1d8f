"""Authorization matrix entries for the officers' work plans (merged into
tests/authz_matrix.MATRIX).

Officers and the coordinator use the pages; officials and residents 403; anonymous visitors
sign in. officer_south's plan: she reads and edits it, the coordinator reads it (editing 403),
every other officer gets 404.
"""

from django.utils import timezone

from luotsi.insights.models import GoalIndicator, WorkPlan, WorkPlanGoal
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import Case, expect

PROGRAMME = expect(200, anonymous=302, resident=403, official=403)
OWN_PLAN = expect(
    404, anonymous=302, resident=403, official=403, officer_south=200, coordinator=200
)
EDIT_OWN = expect(
    404, anonymous=302, resident=403, official=403, officer_south=200, coordinator=403
)
POST_OWN = expect(
    404, anonymous=302, resident=403, official=403, officer_south=302, coordinator=403
)
BAD_POST_OWN = expect(
    404, anonymous=302, resident=403, official=403, officer_south=400, coordinator=403
)


def _plan(p: Personas) -> WorkPlan:
    plan, _created = WorkPlan.objects.get_or_create(
        officer=p.officer_south, year=timezone.localdate().year
    )
    return plan


def _goal(p: Personas) -> WorkPlanGoal:
    goal, _created = WorkPlanGoal.objects.get_or_create(
        plan=_plan(p),
        title="Matrix goal",
        defaults={"indicator": GoalIndicator.MANUAL, "target": 5},
    )
    return goal


def _goal_path(p: Personas, action: str) -> str:
    goal = _goal(p)
    return f"/programme/work-plans/{goal.plan_id}/goals/{goal.pk}/{action}/"


GOAL_DATA = {"title": "Kahvilat", "indicator": GoalIndicator.MANUAL, "target": "10"}

MATRIX: dict[str, list[Case]] = {
    "programme/work-plans/": [
        Case("/programme/work-plans/", PROGRAMME),
        Case("/programme/work-plans/?year=2025", PROGRAMME),
        # The year only matters on the coordinator's list of everyone's plans.
        Case(
            "/programme/work-plans/?year=abc",
            expect(200, anonymous=302, resident=403, official=403, coordinator=400),
        ),
    ],
    "programme/work-plans/new/": [
        Case(
            "/programme/work-plans/new/",
            expect(302, resident=403, official=403, coordinator=403),
            method="POST",
            data=lambda p: {"year": str(timezone.localdate().year)},
        ),
        Case(
            "/programme/work-plans/new/",
            expect(400, anonymous=302, resident=403, official=403, coordinator=403),
            method="POST",
            data={"year": "1999"},
        ),
        Case("/programme/work-plans/new/", expect(405, anonymous=302, resident=403, official=403)),
    ],
    "programme/work-plans/<int:pk>/": [
        Case(lambda p: f"/programme/work-plans/{_plan(p).pk}/", OWN_PLAN),
        Case(
            "/programme/work-plans/999999/", expect(404, anonymous=302, resident=403, official=403)
        ),
    ],
    "programme/work-plans/<int:pk>/edit/": [
        Case(lambda p: f"/programme/work-plans/{_plan(p).pk}/edit/", EDIT_OWN),
        Case(
            lambda p: f"/programme/work-plans/{_plan(p).pk}/edit/",
            POST_OWN,
            method="POST",
            data={"initiatives": "Enemmän kahviloita"},
        ),
    ],
    "programme/work-plans/<int:pk>/goals/new/": [
        Case(lambda p: f"/programme/work-plans/{_plan(p).pk}/goals/new/", EDIT_OWN),
        Case(
            lambda p: f"/programme/work-plans/{_plan(p).pk}/goals/new/",
            POST_OWN,
            method="POST",
            data=GOAL_DATA,
        ),
        Case(
            lambda p: f"/programme/work-plans/{_plan(p).pk}/goals/new/",
            BAD_POST_OWN,
            method="POST",
            data={"title": "", "indicator": "nonsense", "target": "0"},
        ),
    ],
    "programme/work-plans/<int:pk>/goals/<int:goal_pk>/edit/": [
        Case(lambda p: _goal_path(p, "edit"), EDIT_OWN),
        Case(lambda p: _goal_path(p, "edit"), POST_OWN, method="POST", data=GOAL_DATA),
    ],
    "programme/work-plans/<int:pk>/goals/<int:goal_pk>/delete/": [
        Case(lambda p: _goal_path(p, "delete"), EDIT_OWN),
        Case(lambda p: _goal_path(p, "delete"), POST_OWN, method="POST"),
    ],
}
