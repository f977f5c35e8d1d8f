"""Authorization matrix entries for participatory budgeting: voting (merged into
tests/authz_matrix.MATRIX).

Voters need no account: the personas (Luotsi accounts without a voter identity in their
session) are sent from the ballot to identification (302) while voting is open. Paper ballots
are district officers' and the coordinator's; residents, officials and the business officer
are refused (403), anonymous visitors sign in; another officer's paper ballot is 404.
"""

from luotsi.budgeting.models import Ballot, Cycle, Phase
from luotsi.budgeting.services.voting import paper_ballot_enter
from luotsi.testing import budgeting as pb
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, Case, expect

VOTING_SLUG = "matrix-voting"
CLOSED_SLUG = "matrix-voting-closed"
PAPER_STAFF = expect(403, anonymous=302, officer_south=200, officer_east=200, coordinator=200)


def _voting(p: Personas) -> str:
    if not Cycle.objects.filter(slug=VOTING_SLUG).exists():
        cycle = pb.cycle(p, phase=Phase.VOTING, slug=VOTING_SLUG)
        pb.plan(p, cycle, major_number=1)
    return VOTING_SLUG


def _closed(p: Personas) -> str:
    if not Cycle.objects.filter(slug=CLOSED_SLUG).exists():
        pb.cycle(p, phase=Phase.COUNTING, slug=CLOSED_SLUG)
    return CLOSED_SLUG


def _paper_ballot(p: Personas) -> int:
    """A paper ballot officer_south entered (the same one on every call)."""
    slug = _voting(p)
    existing = Ballot.objects.filter(cycle__slug=slug, entered_by=p.officer_south).first()
    if existing is not None:
        return existing.pk
    cycle = Cycle.objects.get(slug=slug)
    return paper_ballot_enter(
        cycle=cycle,
        identity_code="131052-308T",
        resident=True,
        major_district=pb.major(1),
        plan_ids=[cycle.plans.get().pk],
        polling_place="Kallio library",
        by=p.officer_south,
    ).pk


def _authorize_query(p: Personas) -> str:
    return (
        "/budgeting/identify/dev/authorize/?client_id=luotsi-dev&response_type=code"
        "&redirect_uri=http%3A%2F%2Ftestserver%2Fbudgeting%2Fidentify%2Fcallback%2F&state=s"
    )


MATRIX: dict[str, list[Case]] = {
    "budgeting/identify/start/": [
        Case("/budgeting/identify/start/", EVERYONE_OK),
        Case("/budgeting/identify/start/?next=https://evil.example/", EVERYONE_OK),
    ],
    "budgeting/identify/oidc/": [Case("/budgeting/identify/oidc/", expect(302))],
    "budgeting/identify/callback/": [
        Case("/budgeting/identify/callback/", expect(302)),
        Case("/budgeting/identify/callback/?code=c&state=forged", expect(302)),
        Case("/budgeting/identify/callback/", expect(405), method="POST"),
    ],
    "budgeting/identify/end/": [
        Case("/budgeting/identify/end/", expect(302), method="POST"),
        Case("/budgeting/identify/end/", expect(405)),
    ],
    "budgeting/identify/dev/authorize/": [
        Case(_authorize_query, EVERYONE_OK),
        Case("/budgeting/identify/dev/authorize/", expect(400)),
        Case(
            "/budgeting/identify/dev/authorize/?client_id=luotsi-dev&state=s"
            "&redirect_uri=https%3A%2F%2Fevil.example%2F",
            expect(404),
        ),
    ],
    "budgeting/identify/dev/token/": [
        Case("/budgeting/identify/dev/token/", expect(400), method="POST"),
        Case("/budgeting/identify/dev/token/", expect(405)),
    ],
    "budgeting/identify/dev/userinfo/": [Case("/budgeting/identify/dev/userinfo/", expect(401))],
    "budgeting/<slug:cycle>/vote/": [
        Case(lambda p: f"/budgeting/{_voting(p)}/vote/", expect(302)),
        Case(lambda p: f"/budgeting/{_voting(p)}/vote/", expect(302), method="POST"),
        Case(lambda p: f"/budgeting/{_closed(p)}/vote/", EVERYONE_OK),
        Case(lambda p: f"/budgeting/{_closed(p)}/vote/", expect(400), method="POST"),
        Case("/budgeting/no-such-cycle/vote/", expect(404)),
    ],
    "budgeting/<slug:cycle>/paper-ballots/": [
        Case(lambda p: f"/budgeting/{_voting(p)}/paper-ballots/", PAPER_STAFF),
        Case(
            "/budgeting/no-such-cycle/paper-ballots/",
            expect(403, anonymous=302, officer_south=404, officer_east=404, coordinator=404),
        ),
    ],
    "budgeting/<slug:cycle>/paper-ballots/new/": [
        Case(lambda p: f"/budgeting/{_voting(p)}/paper-ballots/new/", PAPER_STAFF),
        # A ballot for the Southern district without an identity code: the form again (400);
        # the Eastern officer does not enter Southern ballots (403).
        Case(
            lambda p: f"/budgeting/{_voting(p)}/paper-ballots/new/",
            expect(403, anonymous=302, officer_south=400, coordinator=400),
            method="POST",
            data={"major_district": "1"},
        ),
        Case(
            lambda p: f"/budgeting/{_closed(p)}/paper-ballots/new/",
            PAPER_STAFF,
        ),
    ],
    "budgeting/<slug:cycle>/paper-ballots/<int:pk>/": [
        Case(
            lambda p: f"/budgeting/{_voting(p)}/paper-ballots/{_paper_ballot(p)}/",
            expect(403, anonymous=302, officer_south=200, officer_east=404, coordinator=200),
        ),
        Case(
            lambda p: f"/budgeting/{_voting(p)}/paper-ballots/{_paper_ballot(p)}/",
            expect(403, anonymous=302, officer_south=400, officer_east=404, coordinator=400),
            method="POST",
            data={"major_district": "1"},
        ),
        Case(
            lambda p: f"/budgeting/{_voting(p)}/paper-ballots/999999/",
            expect(403, anonymous=302, officer_south=404, officer_east=404, coordinator=404),
        ),
    ],
}
