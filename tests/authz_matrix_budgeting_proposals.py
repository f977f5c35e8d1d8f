"""Authorization matrix entries for participatory budgeting: cycles, proposals and plans, and
the budgeting admin (merged into tests/authz_matrix.MATRIX).

The records are in the Southern major district (officer_south's): other districts' officers
get 404 for its unpublished proposals and for its plans' staff pages. Staff pages: district
officers, officials and the coordinator (the business officer and residents 403); building
plans: district officers and the coordinator; costing: officials and the coordinator. POSTs
are made with incomplete data or against a refusing state, so nothing changes between
personas.
"""

from django.core.files.base import ContentFile

from luotsi.budgeting.models import (
    Ballot,
    BallotChannel,
    Cycle,
    Phase,
    Plan,
    PlanResult,
    PlanStatus,
    Proposal,
    ProposalStatus,
    StatusUpdate,
    Workspace,
)
from luotsi.testing import budgeting as pb
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, SIGNED_IN_OK, Case, admin_model, expect

SLUG = "matrix-omastadi"
HIDDEN = "matrix-hidden"

PB_STAFF = expect(200, anonymous=302, resident=403, business_officer=403)
PB_STAFF_BAD_POST = expect(400, anonymous=302, resident=403, business_officer=403)
COORDINATOR = expect(403, anonymous=302, coordinator=200)
COORDINATOR_BAD_POST = expect(403, anonymous=302, coordinator=400)
BUILDERS = expect(403, anonymous=302, officer_south=200, officer_east=200, coordinator=200)
BUILDERS_BAD_POST = expect(403, anonymous=302, officer_south=400, officer_east=400, coordinator=400)
# A Southern plan's staff pages: officer_east gets 404.
SOUTH_PLAN = expect(403, anonymous=302, officer_south=200, officer_east=404, coordinator=200)
SOUTH_PLAN_REFUSED_POST = expect(
    403, anonymous=302, officer_south=400, officer_east=404, coordinator=400
)
COSTING = expect(
    404, anonymous=302, resident=403, business_officer=403, official=200, coordinator=200
)
COSTING_BAD_POST = expect(
    404, anonymous=302, resident=403, business_officer=403, official=400, coordinator=400
)


def _cycle(p: Personas) -> Cycle:
    found = Cycle.objects.filter(slug=SLUG).first()
    return found or pb.cycle(p, phase=Phase.PROPOSALS, slug=SLUG, citywide_percent=10)


def _hidden(p: Personas) -> Cycle:
    found = Cycle.objects.filter(slug=HIDDEN).first()
    return found or pb.cycle(p, phase=Phase.PROPOSALS, slug=HIDDEN, published=False)


def _proposal(p: Personas, title: str, status: str, **fields: object) -> Proposal:
    found = Proposal.objects.filter(cycle=_cycle(p), title=title).first()
    return found or pb.proposal(p, _cycle(p), title=title, status=status, **fields)


def _published(p: Personas) -> Proposal:
    """Published, with an image (served to everyone)."""
    proposal = _proposal(p, "Matrix published", ProposalStatus.PUBLISHED, image_alt="A bench")
    if not proposal.image:
        proposal.image.save("bench.png", ContentFile(_PNG))
    return proposal


def _unpublished(p: Personas) -> Proposal:
    """Waiting for moderation, its author gone (only the moderators see it)."""
    return _proposal(p, "Matrix submitted", ProposalStatus.SUBMITTED, author=None)


def _own(p: Personas) -> Proposal:
    return _proposal(p, "Matrix mine", ProposalStatus.SUBMITTED)


def _plan(p: Personas, status: str) -> Plan:
    found = Plan.objects.filter(cycle=_cycle(p), title_fi=f"Matrix {status}").first()
    if found is not None:
        return found
    on_ballot = status == PlanStatus.APPROVED
    return pb.plan(
        p,
        _cycle(p),
        status=status,
        title_fi=f"Matrix {status}",
        code=None if on_ballot else "",
        cost_estimate=100_000 if status in (PlanStatus.COSTED, PlanStatus.APPROVED) else None,
    )


def _path(p: Personas, rest: str = "") -> str:
    return f"/budgeting/{_cycle(p).slug}/{rest}"


def _result(p: Personas) -> int:
    plan = _plan(p, PlanStatus.APPROVED)
    return PlanResult.objects.get_or_create(
        plan=plan, defaults={"votes": 3, "selected": True, "rank": 1}
    )[0].pk


def _ballot(p: Personas) -> int:
    return Ballot.objects.get_or_create(
        cycle=_cycle(p), voter_key="b" * 64, defaults={"channel": BallotChannel.ONLINE}
    )[0].pk


def _workspace(p: Personas) -> int:
    plan = _plan(p, PlanStatus.APPROVED)
    return Workspace.objects.get_or_create(plan=plan, defaults={"facilitator": p.officer_south})[
        0
    ].pk


def _status_update(p: Personas) -> int:
    plan = _plan(p, PlanStatus.APPROVED)
    found = StatusUpdate.objects.filter(plan=plan).first()
    return (
        found or StatusUpdate.objects.create(plan=plan, status="planning", progress=10, text="x")
    ).pk


# A 1×1 PNG.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63"
    "f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)

MATRIX: dict[str, list[Case]] = {
    "budgeting/": [Case("/budgeting/", EVERYONE_OK)],
    "budgeting/manage/": [Case("/budgeting/manage/", PB_STAFF)],
    "budgeting/manage/new/": [
        Case("/budgeting/manage/new/", COORDINATOR),
        Case("/budgeting/manage/new/", COORDINATOR_BAD_POST, method="POST"),
    ],
    "budgeting/<slug:cycle>/": [
        Case(lambda p: _path(p), EVERYONE_OK),
        # An unpublished cycle is the coordinator's only.
        Case(lambda p: f"/budgeting/{_hidden(p).slug}/", expect(404, coordinator=200)),
        Case("/budgeting/no-such-cycle/", expect(404)),
    ],
    "budgeting/<slug:cycle>/manage/": [Case(lambda p: _path(p, "manage/"), PB_STAFF)],
    "budgeting/<slug:cycle>/manage/edit/": [
        Case(lambda p: _path(p, "manage/edit/"), COORDINATOR),
        Case(lambda p: _path(p, "manage/edit/"), COORDINATOR_BAD_POST, method="POST"),
    ],
    "budgeting/<slug:cycle>/proposals/": [
        Case(lambda p: _path(p, "proposals/"), EVERYONE_OK),
        Case(lambda p: _path(p, "proposals/?area=nowhere"), expect(400)),
    ],
    "budgeting/<slug:cycle>/proposals/new/": [
        Case(lambda p: _path(p, "proposals/new/"), SIGNED_IN_OK),
        Case(lambda p: _path(p, "proposals/new/"), expect(400, anonymous=302), method="POST"),
    ],
    "budgeting/<slug:cycle>/proposals/mine/": [
        Case(lambda p: _path(p, "proposals/mine/"), SIGNED_IN_OK)
    ],
    "budgeting/<slug:cycle>/proposals/<int:pk>/": [
        Case(lambda p: _path(p, f"proposals/{_published(p).pk}/"), EVERYONE_OK),
        Case(
            lambda p: _path(p, f"proposals/{_unpublished(p).pk}/"),
            expect(404, officer_south=200, coordinator=200),
        ),
        # The author sees their own proposal waiting for moderation.
        Case(
            lambda p: _path(p, f"proposals/{_own(p).pk}/"),
            expect(404, resident=200, officer_south=200, coordinator=200),
        ),
    ],
    "budgeting/<slug:cycle>/proposals/<int:pk>/image/": [
        Case(lambda p: _path(p, f"proposals/{_published(p).pk}/image/"), EVERYONE_OK),
        Case(lambda p: _path(p, f"proposals/{_unpublished(p).pk}/image/"), expect(404)),
    ],
    "budgeting/<slug:cycle>/proposals/<int:pk>/moderate/": [
        Case(
            lambda p: _path(p, f"proposals/{_unpublished(p).pk}/moderate/"),
            expect(
                404,
                anonymous=302,
                resident=403,
                business_officer=403,
                officer_south=400,
                coordinator=400,
            ),
            method="POST",
        ),
    ],
    "budgeting/<slug:cycle>/plans/": [Case(lambda p: _path(p, "plans/"), EVERYONE_OK)],
    "budgeting/<slug:cycle>/plans/new/": [
        Case(lambda p: _path(p, "plans/new/"), BUILDERS),
        Case(lambda p: _path(p, "plans/new/"), BUILDERS_BAD_POST, method="POST"),
    ],
    "budgeting/<slug:cycle>/plans/<int:pk>/": [
        Case(lambda p: _path(p, f"plans/{_plan(p, PlanStatus.DRAFT).pk}/"), EVERYONE_OK),
        Case(lambda p: f"/budgeting/{SLUG}/plans/999999/", expect(404)),
    ],
    "budgeting/<slug:cycle>/plans/<int:pk>/edit/": [
        Case(lambda p: _path(p, f"plans/{_plan(p, PlanStatus.DRAFT).pk}/edit/"), SOUTH_PLAN),
        Case(
            lambda p: _path(p, f"plans/{_plan(p, PlanStatus.DRAFT).pk}/edit/"),
            SOUTH_PLAN_REFUSED_POST,
            method="POST",
        ),
    ],
    # A plan on the ballot cannot be sent to costing: refused (400).
    "budgeting/<slug:cycle>/plans/<int:pk>/costing/": [
        Case(
            lambda p: _path(p, f"plans/{_plan(p, PlanStatus.APPROVED).pk}/costing/"),
            SOUTH_PLAN_REFUSED_POST,
            method="POST",
        ),
    ],
    "budgeting/<slug:cycle>/plans/<int:pk>/cost/": [
        Case(lambda p: _path(p, f"plans/{_plan(p, PlanStatus.COSTING).pk}/cost/"), COSTING),
        Case(
            lambda p: _path(p, f"plans/{_plan(p, PlanStatus.COSTING).pk}/cost/"),
            COSTING_BAD_POST,
            method="POST",
        ),
        # Only plans waiting for an estimate are costed.
        Case(
            lambda p: _path(p, f"plans/{_plan(p, PlanStatus.DRAFT).pk}/cost/"),
            expect(404, anonymous=302, resident=403, business_officer=403),
        ),
    ],
    "budgeting/<slug:cycle>/plans/<int:pk>/approve/": [
        Case(lambda p: _path(p, f"plans/{_plan(p, PlanStatus.COSTED).pk}/approve/"), SOUTH_PLAN),
        Case(
            lambda p: _path(p, f"plans/{_plan(p, PlanStatus.COSTED).pk}/approve/"),
            SOUTH_PLAN_REFUSED_POST,
            method="POST",
        ),
    ],
    # A plan not on the ballot cannot be taken off it: refused (400).
    "budgeting/<slug:cycle>/plans/<int:pk>/unapprove/": [
        Case(
            lambda p: _path(p, f"plans/{_plan(p, PlanStatus.COSTED).pk}/unapprove/"),
            SOUTH_PLAN_REFUSED_POST,
            method="POST",
        ),
    ],
    # --- admin: read-only apart from corrections of proposals' and plans' texts -------------
    **admin_model("budgeting", "cycle", lambda p: _cycle(p).pk, read_only=True),
    **admin_model("budgeting", "proposal", lambda p: _published(p).pk, read_only=True),
    **admin_model("budgeting", "plan", lambda p: _plan(p, PlanStatus.DRAFT).pk, read_only=True),
    **admin_model("budgeting", "planresult", _result, read_only=True),
    **admin_model("budgeting", "ballot", _ballot, read_only=True),
    **admin_model("budgeting", "workspace", _workspace, read_only=True),
    **admin_model("budgeting", "statusupdate", _status_update, read_only=True),
}
