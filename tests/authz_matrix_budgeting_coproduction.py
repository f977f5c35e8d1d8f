"""Authorization matrix entries for participatory budgeting: coproduction (merged into
tests/authz_matrix.MATRIX).

One published cycle in its implementation phase with published results ("pb-coproduction")
and three selected Southern plans: plan 1 has a workspace facilitated by officer_south whose
members include the official and an applicant (an account of its own: the resident persona
stays an outsider, as the canary scan reads the resident's pages as the public's); plan 2 has
a workspace without other members; plan 3 has none yet. Managers are officer_south and the
coordinator; other officers and outsiders get 404; members who do not manage get 403 on the
managers' forms; residents and officials cannot open workspaces (403). The tracker is public.
Applicant members' own access is tested in luotsi/budgeting/tests/test_workspaces.py.
"""

from typing import Any

from luotsi.budgeting.models import MemberRole, Phase, Plan, PlanResult, Workspace
from luotsi.budgeting.services import coproduction as services
from luotsi.testing import budgeting as pb
from luotsi.testing import events as ev
from luotsi.testing.factories import UserFactory
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, SIGNED_IN_OK, Case, expect

SLUG = "pb-coproduction"
BASE = f"budgeting/{SLUG}/"
W = "budgeting/<slug:cycle>/workspaces/<int:pk>/"

MANAGERS = expect(404, anonymous=302, officer_south=200, coordinator=200)
MEMBERS_SEE = expect(404, anonymous=302, official=200, officer_south=200, coordinator=200)
MANAGE_GET = expect(404, anonymous=302, official=403, officer_south=200, coordinator=200)
MANAGE_BAD_POST = expect(404, anonymous=302, official=403, officer_south=400, coordinator=400)
MANAGE_POST = expect(404, anonymous=302, official=403, officer_south=302, coordinator=302)
MEMBER_BAD_POST = expect(404, anonymous=302, official=400, officer_south=400, coordinator=400)


def _plans(p: Personas) -> list[Plan]:
    """The cycle's three selected plans (made once, the same on every call)."""
    existing = list(Plan.objects.filter(cycle__slug=SLUG).order_by("pk"))
    if existing:
        return existing
    cycle = pb.cycle(p, phase=Phase.IMPLEMENTATION, slug=SLUG)
    plans = [pb.plan(p, cycle) for _ in range(3)]
    for rank, plan in enumerate(plans, start=1):
        PlanResult.objects.create(plan=plan, votes=100 - rank, selected=True, rank=rank)
    workspace = services.workspace_open(plan=plans[0], by=p.officer_south)
    services.member_add(
        workspace=workspace, by=p.officer_south, role=MemberRole.OFFICIAL, user=p.official
    )
    applicant = UserFactory.create(email="pb.applicant@example.org", full_name="Aada Applicant")
    services.member_add(
        workspace=workspace, by=p.officer_south, role=MemberRole.APPLICANT, user=applicant
    )
    services.task_add(workspace=workspace, by=p.officer_south, title="Tarjous", owner=p.official)
    services.workspace_open(plan=plans[1], by=p.officer_south)
    return plans


def _workspace(p: Personas, number: int = 1) -> Workspace:
    return Workspace.objects.get(plan=_plans(p)[number - 1])


def _ws(p: Personas, rest: str = "", number: int = 1) -> str:
    return f"/{BASE}workspaces/{_workspace(p, number).pk}/{rest}"


def _at(rest: str) -> Any:
    """A path of the cycle, once its plans exist."""

    def path(p: Personas) -> str:
        _plans(p)
        return f"/{BASE}{rest}"

    return path


def _linked_meeting(p: Personas) -> dict[str, Any]:
    workspace = _workspace(p)
    event = ev.event(p)
    workspace.meetings.add(event)
    return {"event": event.pk}


def _task(p: Personas) -> str:
    return _ws(p, f"tasks/{_workspace(p).tasks.get().pk}/done/")


def _facilitator_member(p: Personas) -> dict[str, Any]:
    return {"member": _workspace(p).members.get(role=MemberRole.FACILITATOR).pk}


MATRIX: dict[str, list[Case]] = {
    "budgeting/<slug:cycle>/tracker/": [
        Case(_at("tracker/"), EVERYONE_OK),
        Case("/budgeting/no-such-cycle/tracker/", expect(404)),
    ],
    "budgeting/<slug:cycle>/tracker/<int:plan>/": [
        Case(lambda p: f"/{BASE}tracker/{_plans(p)[0].pk}/", EVERYONE_OK),
        Case(_at("tracker/999999/"), expect(404)),
    ],
    "budgeting/<slug:cycle>/workspaces/": [
        Case(_at("workspaces/"), SIGNED_IN_OK),
        Case("/budgeting/no-such-cycle/workspaces/", expect(404, anonymous=302)),
    ],
    "budgeting/<slug:cycle>/workspaces/open/<int:plan>/": [
        Case(
            lambda p: f"/{BASE}workspaces/open/{_plans(p)[2].pk}/",
            expect(
                404,
                anonymous=302,
                resident=403,
                official=403,
                business_officer=403,
                officer_south=200,
                coordinator=200,
            ),
        ),
        # A plan with a workspace already: a clear error for those who may open workspaces.
        Case(
            lambda p: f"/{BASE}workspaces/open/{_plans(p)[0].pk}/",
            expect(
                404,
                anonymous=302,
                resident=403,
                official=403,
                business_officer=403,
                officer_south=400,
                coordinator=400,
            ),
            method="POST",
        ),
    ],
    W: [
        Case(lambda p: _ws(p), MEMBERS_SEE),
        Case(lambda p: _ws(p, number=2), MANAGERS),
    ],
    f"{W}members/": [
        Case(lambda p: _ws(p, "members/"), MANAGE_BAD_POST, method="POST", data={}),
    ],
    f"{W}members/remove/": [
        Case(
            lambda p: _ws(p, "members/remove/"),
            MANAGE_BAD_POST,
            method="POST",
            data=_facilitator_member,
        ),
    ],
    f"{W}meetings/": [
        Case(lambda p: _ws(p, "meetings/"), MANAGE_BAD_POST, method="POST", data={}),
    ],
    f"{W}meetings/new/": [
        Case(lambda p: _ws(p, "meetings/new/"), MANAGE_GET),
        Case(lambda p: _ws(p, "meetings/new/"), MANAGE_BAD_POST, method="POST", data={}),
    ],
    f"{W}meetings/unlink/": [
        Case(
            lambda p: _ws(p, "meetings/unlink/"), MANAGE_POST, method="POST", data=_linked_meeting
        ),
    ],
    f"{W}tasks/": [
        Case(lambda p: _ws(p, "tasks/"), MEMBER_BAD_POST, method="POST", data={}),
    ],
    f"{W}tasks/<int:task>/done/": [
        # The task is the official's: its owner and the managers may mark it.
        Case(
            _task,
            expect(404, anonymous=302, official=302, officer_south=302, coordinator=302),
            method="POST",
            data={"done": "1"},
        ),
    ],
    f"{W}updates/": [
        Case(lambda p: _ws(p, "updates/"), MEMBER_BAD_POST, method="POST", data={}),
    ],
}
