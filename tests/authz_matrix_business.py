"""Authorization matrix entries for the business register (merged into
tests/authz_matrix.MATRIX).

The import page is the network's: officers (district and business) and the coordinator use
it; officials and residents are refused; anonymous visitors are sent to sign in. What each
officer may import (their districts, or city-wide) is decided row by row in the report.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from luotsi.testing import network as net
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import NETWORK, NETWORK_BAD_POST, Case


def _upload(p: Personas) -> dict[str, object]:
    # A fresh file for every persona's request: an uploaded file is read once.
    return {"action": "check", "file": SimpleUploadedFile("b.csv", net.BUSINESS_CSV.encode())}


MATRIX: dict[str, list[Case]] = {
    "network/businesses/import/": [
        Case("/network/businesses/import/", NETWORK),
        # The dry-run report of an upload; nothing is written.
        Case("/network/businesses/import/", NETWORK, method="POST", data=_upload),
        Case("/network/businesses/import/", NETWORK_BAD_POST, method="POST", data={}),
        Case(
            "/network/businesses/import/",
            NETWORK_BAD_POST,
            method="POST",
            data={"action": "commit", "batch": "forged"},
        ),
    ],
}
