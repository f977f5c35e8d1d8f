"""Authorization matrix entries (merged into tests/authz_matrix.MATRIX): the Open311 API is
public (posting needs an Open311 api_key, not a signed-in user, so every persona gets the
same answer) and its keys are managed in the coordinator's admin."""

from typing import Any

from luotsi.concerns import workflow
from luotsi.concerns.models import Message
from luotsi.concerns.open311.keys import api_key_issue
from luotsi.testing import concerns as cn
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, Case, admin_model, expect

V2 = "/open311/v2/"


def _posting(p: Personas) -> dict[str, Any]:
    lat, lon = cn.SOUTH
    key = api_key_issue(name="Matrix client")[1]
    return {
        "api_key": key,
        "service_code": "parks",
        "description": "Fence",
        "lat": lat,
        "long": lon,
    }


def _public(p: Personas) -> Message:
    return workflow.message_publish(
        message=cn.message(), by=p.coordinator, public_text="A fence needs mending."
    )


MATRIX: dict[str, list[Case]] = {
    "open311/v2/openapi.json": [Case(f"{V2}openapi.json", EVERYONE_OK)],
    "open311/v2/discovery.<str:fmt>": [
        Case(f"{V2}discovery.json", EVERYONE_OK),
        Case(f"{V2}discovery.xml", EVERYONE_OK),
        Case(f"{V2}discovery.html", expect(404)),
    ],
    "open311/v2/services.<str:fmt>": [
        Case(f"{V2}services.json", EVERYONE_OK),
        Case(f"{V2}services.xml?locale=sv", EVERYONE_OK),
        Case(f"{V2}services.json", expect(405), method="POST"),
    ],
    "open311/v2/services/<str:service_code>.<str:fmt>": [
        Case(f"{V2}services/streets.xml", EVERYONE_OK),
        Case(f"{V2}services/no-such-service.json", expect(404)),
    ],
    "open311/v2/requests.<str:fmt>": [
        Case(f"{V2}requests.json", EVERYONE_OK),
        Case(f"{V2}requests.xml?status=closed", EVERYONE_OK),
        Case(f"{V2}requests.json?status=pending", expect(400)),
        Case(f"{V2}requests.json?api_key=wrong", expect(403)),
        # Posting needs the client's key whoever is signed in.
        Case(f"{V2}requests.json", expect(201), method="POST", data=_posting),
        Case(f"{V2}requests.xml", expect(403), method="POST", data={"service_code": "parks"}),
    ],
    "open311/v2/requests/<str:service_request_id>.<str:fmt>": [
        Case(lambda p: f"{V2}requests/{_public(p).reference}.json", EVERYONE_OK),
        # Not published: hidden from everyone, signed-in officers included (it's a public API).
        Case(lambda p: f"{V2}requests/{cn.message().reference}.xml", expect(404)),
    ],
    "open311/v2/tokens/<str:token>.<str:fmt>": [Case(f"{V2}tokens/abc.json", expect(404))],
    **admin_model("concerns", "apikey", lambda p: api_key_issue(name="Matrix client")[0].pk),
}
