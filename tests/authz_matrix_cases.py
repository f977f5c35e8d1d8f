"""Authorization matrix entries for conflict cases (merged into tests/authz_matrix.MATRIX).

The case is in Vironniemi (101), officer_south's: its officers and the coordinator write,
city officials read (list, case, map, summary), officers of other districts and the business
officer get 404. POST data is built per persona, after the URL made the case.
"""

from typing import Any

from luotsi.concerns.models import ConflictCase
from luotsi.testing import cases as cs
from luotsi.testing import events as ev
from luotsi.testing import network as net
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import Case, expect

SIGNED_IN_STAFF = expect(200, anonymous=302, resident=403)
WRITERS = expect(200, anonymous=302, resident=403, official=403)
CASE_READ = expect(
    404, anonymous=302, resident=403, official=200, officer_south=200, coordinator=200
)
CASE_PAGE = expect(
    404, anonymous=302, resident=403, official=403, officer_south=200, coordinator=200
)
CASE_POST = expect(
    404, anonymous=302, resident=403, official=403, officer_south=302, coordinator=302
)
CASE_BAD_POST = expect(
    404, anonymous=302, resident=403, official=403, officer_south=400, coordinator=400
)
BASE = "concerns/cases/"


def _case(p: Personas, suffix: str = "") -> str:
    return f"/{BASE}{cs.case(p).pk}/{suffix}"


def _stakeholder_page(p: Personas) -> str:
    case = cs.case(p)
    return f"/{BASE}{case.pk}/stakeholders/{cs.stakeholder(case, net.organisation(p)).pk}/"


def _new_stakeholder(p: Personas) -> dict[str, Any]:
    return {"stakeholder": cs.stakeholder(cs.latest_case(), net.organisation(p)).pk}


def _linked_message(p: Personas) -> dict[str, Any]:
    message = cs.message(p)
    cs.latest_case().messages.add(message)
    return {"message": message.pk}


def _linked_meeting(p: Personas) -> dict[str, Any]:
    event = ev.event(p)
    case: ConflictCase = cs.latest_case()
    case.meetings.add(event)
    return {"event": event.pk}


LEVELS = {"position": "opposes", "interest": "4", "influence": "2", "notes": ""}

MATRIX: dict[str, list[Case]] = {
    BASE: [
        Case(f"/{BASE}", SIGNED_IN_STAFF),
        Case(f"/{BASE}?status=active&district=nowhere&page=9", SIGNED_IN_STAFF),
    ],
    f"{BASE}new/": [
        Case(f"/{BASE}new/", WRITERS),
        Case(
            f"/{BASE}new/",
            expect(400, anonymous=302, resident=403, official=403),
            method="POST",
            data={"title": ""},
        ),
        # Officers record cases in their own districts only.
        Case(
            f"/{BASE}new/",
            expect(302, anonymous=302, resident=403, official=403, officer_east=400),
            method="POST",
            data=lambda p: {
                "title": "Puisto",
                "status": "emerging",
                "district": net.district("101").pk,
            },
        ),
    ],
    f"{BASE}<int:pk>/": [Case(_case, CASE_READ)],
    f"{BASE}<int:pk>/edit/": [
        Case(lambda p: _case(p, "edit/"), CASE_PAGE),
        Case(
            lambda p: _case(p, "edit/"),
            CASE_POST,
            method="POST",
            data={"title": "Puistotalo", "status": "active"},
        ),
    ],
    f"{BASE}<int:pk>/stakeholders/": [
        Case(
            lambda p: _case(p, "stakeholders/"),
            CASE_POST,
            method="POST",
            data=lambda p: {"organisation": net.organisation(p).pk, **LEVELS},
        ),
        Case(lambda p: _case(p, "stakeholders/"), CASE_BAD_POST, method="POST", data=LEVELS),
    ],
    f"{BASE}<int:pk>/stakeholders/<int:stakeholder_pk>/": [
        Case(_stakeholder_page, CASE_PAGE),
        Case(_stakeholder_page, CASE_POST, method="POST", data=LEVELS),
    ],
    f"{BASE}<int:pk>/stakeholders/remove/": [
        Case(
            lambda p: _case(p, "stakeholders/remove/"),
            CASE_POST,
            method="POST",
            data=_new_stakeholder,
        ),
    ],
    f"{BASE}<int:pk>/steps/": [
        Case(
            lambda p: _case(p, "steps/"),
            CASE_POST,
            method="POST",
            data={"happened_on": "2026-01-10", "text": "Residents' meeting"},
        ),
        Case(
            lambda p: _case(p, "steps/"),
            CASE_BAD_POST,
            method="POST",
            data={"happened_on": "2999-01-01", "text": "Not yet"},
        ),
    ],
    f"{BASE}<int:pk>/messages/": [
        Case(
            lambda p: _case(p, "messages/"),
            CASE_POST,
            method="POST",
            data=lambda p: {"reference": cs.message(p).reference},
        ),
        # An eastern message: only the coordinator, who sees it, may link it.
        Case(
            lambda p: _case(p, "messages/"),
            expect(
                404, anonymous=302, resident=403, official=403, officer_south=400, coordinator=302
            ),
            method="POST",
            data=lambda p: {"reference": cs.message(p, "704").reference},
        ),
    ],
    f"{BASE}<int:pk>/messages/unlink/": [
        Case(
            lambda p: _case(p, "messages/unlink/"),
            CASE_POST,
            method="POST",
            data=_linked_message,
        ),
    ],
    f"{BASE}<int:pk>/meetings/": [
        Case(
            lambda p: _case(p, "meetings/"),
            CASE_POST,
            method="POST",
            data=lambda p: {"event": ev.event(p).pk},
        ),
    ],
    f"{BASE}<int:pk>/meetings/unlink/": [
        Case(
            lambda p: _case(p, "meetings/unlink/"),
            CASE_POST,
            method="POST",
            data=_linked_meeting,
        ),
    ],
    f"{BASE}<int:pk>/map/": [Case(lambda p: _case(p, "map/"), CASE_READ)],
    f"{BASE}<int:pk>/summary/": [Case(lambda p: _case(p, "summary/"), CASE_READ)],
    f"{BASE}<int:pk>/summary.pdf": [Case(lambda p: _case(p, "summary.pdf"), CASE_READ)],
}
