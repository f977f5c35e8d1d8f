"""Authorization matrix entries for residents' messages (merged into tests/authz_matrix.MATRIX).

A message in Vironniemi (101) is routed to officer_south: the coordinator and officer_south
handle it; other officers get 404; residents and officials 403; anonymous visitors sign in.
Residents reach their own message through its private link only.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from luotsi.testing import concerns as cn
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, NETWORK, SOUTH_PRIVATE, Case, expect

SOUTH_MESSAGE_POST_BAD = expect(
    404, anonymous=302, resident=403, official=403, officer_south=400, coordinator=400
)


def _message(p: Personas) -> int:
    return cn.message().pk


def _photo(p: Personas) -> int:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    message = cn.message(photos=[SimpleUploadedFile("p.png", out.getvalue(), "image/png")])
    return message.photos.get().pk


MATRIX: dict[str, list[Case]] = {
    "concerns/new/": [
        Case("/concerns/new/", EVERYONE_OK),
        Case("/concerns/new/", expect(400), method="POST", data={"kind": "idea"}),
    ],
    "concerns/m/<str:token>/": [
        Case(lambda p: f"/concerns/m/{cn.message().token}/", EVERYONE_OK),
        Case("/concerns/m/not-a-token/", expect(404)),
    ],
    "concerns/public/": [
        Case("/concerns/public/?area=1", EVERYONE_OK),
        Case("/concerns/public/?area=999", expect(404)),
    ],
    "concerns/areas/<str:code>/": [
        Case("/concerns/areas/1/", EVERYONE_OK),
        Case("/concerns/areas/101/", EVERYONE_OK),
        Case("/concerns/areas/999/", expect(404)),
    ],
    "concerns/queue/": [Case("/concerns/queue/?status=all&mine=1&overdue=1", NETWORK)],
    "concerns/<int:pk>/": [Case(lambda p: f"/concerns/{_message(p)}/", SOUTH_PRIVATE)],
    "concerns/<int:pk>/action/": [
        Case(
            lambda p: f"/concerns/{_message(p)}/action/",
            SOUTH_MESSAGE_POST_BAD,
            method="POST",
            data={"action": "note", "note-text": ""},
        ),
        Case(
            lambda p: f"/concerns/{_message(p)}/action/",
            expect(404, anonymous=302, resident=403, official=403),
            method="POST",
            data={"action": "explode"},
        ),
    ],
    "concerns/photos/<int:pk>/": [Case(lambda p: f"/concerns/photos/{_photo(p)}/", SOUTH_PRIVATE)],
}
