"""Authorization matrix entries for ways to take part (merged into tests/authz_matrix.MATRIX).

The take-part pages and feeds are public. The management pages are for officers and the
coordinator (residents and officials 403, anonymous visitors sign in). An opportunity in
Vironniemi (101) is edited by officer_south, the business officer and the coordinator;
officer_east gets 404.
"""

from luotsi.testing import opportunities as op
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, NETWORK, Case, expect

NETWORK_BAD_POST = expect(400, anonymous=302, resident=403, official=403)
SOUTH_EDIT = expect(404, anonymous=302, resident=403, official=403)
SOUTH_EDIT_OK = dict(SOUTH_EDIT, officer_south=200, business_officer=200, coordinator=200)
SOUTH_EDIT_BAD_POST = dict(SOUTH_EDIT, officer_south=400, business_officer=400, coordinator=400)


def _south(p: Personas) -> int:
    return op.opportunity().pk


MATRIX: dict[str, list[Case]] = {
    "take-part/": [Case("/take-part/", EVERYONE_OK)],
    "take-part/<str:code>/": [
        Case("/take-part/1/", EVERYONE_OK),
        Case("/take-part/101/?topic=&language=sv", EVERYONE_OK),
        Case("/take-part/nowhere/", expect(404)),
    ],
    "take-part/<str:code>.txt": [
        Case("/take-part/101.txt", EVERYONE_OK),
        Case("/take-part/999.txt", expect(404)),
    ],
    "take-part/<str:code>/feed.atom": [
        Case("/take-part/7/feed.atom", EVERYONE_OK),
        Case("/take-part/999/feed.atom", expect(404)),
    ],
    "take-part/manage/": [Case("/take-part/manage/", NETWORK)],
    "take-part/manage/new/": [
        Case("/take-part/manage/new/", NETWORK),
        Case("/take-part/manage/new/", NETWORK_BAD_POST, method="POST", data={"kind": "x"}),
    ],
    "take-part/manage/<int:pk>/edit/": [
        Case(lambda p: f"/take-part/manage/{_south(p)}/edit/", SOUTH_EDIT_OK),
        Case(
            lambda p: f"/take-part/manage/{_south(p)}/edit/",
            SOUTH_EDIT_BAD_POST,
            method="POST",
            data={"title_fi": ""},
        ),
    ],
}
