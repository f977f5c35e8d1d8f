"""Authorization matrix entries for the privacy pages (merged into tests/authz_matrix.MATRIX).

The records of processing (GDPR art. 30) are public: everyone reads them, signed in or not.
The audit log search and its CSV are the coordinator's: others 403, anonymous sign in; a bad
filter is 400 for the coordinator.
A data subject's export: everyone signed in prepares their own link; the coordinator's page
for anybody's is 403 for others. The download answers 404 for an unknown token, whoever asks.
Erasure: the coordinator's page for anybody's is 403 for others (400 when the address typed
again does not match); a resident erases their own account (400 for a wrong password), staff
may not (403); the page saying it is done is public.
"""

from luotsi.testing.factories import TEST_PASSWORD
from tests.authz_matrix_common import EVERYONE_OK, SIGNED_IN_OK, Case, expect

AUDIT_LOG = expect(403, anonymous=302, coordinator=200)
AUDIT_LOG_BAD = expect(403, anonymous=302, coordinator=400)
SUBJECT = expect(403, anonymous=302, coordinator=200)
OWN_ERASURE = expect(403, anonymous=302, resident=200)

MATRIX: dict[str, list[Case]] = {
    "privacy/records/": [Case("/privacy/records/", EVERYONE_OK)],
    "privacy/export/": [
        Case("/privacy/export/", SIGNED_IN_OK),
        # Prepared, then sent to the page showing the link (anonymous: to sign in).
        Case("/privacy/export/", expect(302), method="POST"),
    ],
    # Without a link prepared in this session: back to the start (anonymous: sign in).
    "privacy/export/ready/": [Case("/privacy/export/ready/", expect(302))],
    "privacy/export/<str:token>/": [Case("/privacy/export/no-such-token/", expect(404))],
    "privacy/subject/": [
        Case("/privacy/subject/", SUBJECT),
        Case("/privacy/subject/?email=resident@example.org", SUBJECT),
        Case(
            "/privacy/subject/",
            expect(403, anonymous=302, coordinator=302),
            method="POST",
            data={"email": "resident@example.org"},
        ),
        Case(
            "/privacy/subject/",
            expect(403, anonymous=302, coordinator=400),
            method="POST",
            data={"email": "not an address"},
        ),
    ],
    "privacy/subject/erase/": [
        Case("/privacy/subject/erase/?email=resident@example.org", SUBJECT),
        # Without an address: back to the look-up.
        Case("/privacy/subject/erase/", expect(403, anonymous=302, coordinator=302)),
        Case(
            "/privacy/subject/erase/",
            expect(403, anonymous=302, coordinator=400),
            method="POST",
            data={"email": "resident@example.org", "confirm": "someone.else@example.org"},
        ),
        Case(
            "/privacy/subject/erase/",
            expect(403, anonymous=302, coordinator=302),
            method="POST",
            data={"email": "resident@example.org", "confirm": "Resident@example.org"},
        ),
    ],
    "privacy/erase/": [
        Case("/privacy/erase/", OWN_ERASURE),
        Case(
            "/privacy/erase/",
            expect(403, anonymous=302, resident=400),
            method="POST",
            data={"password": "not the password"},
        ),
        Case(
            "/privacy/erase/",
            expect(403, anonymous=302, resident=302),
            method="POST",
            data={"password": TEST_PASSWORD},
        ),
    ],
    "privacy/erase/done/": [Case("/privacy/erase/done/", EVERYONE_OK)],
    "privacy/audit/": [
        Case("/privacy/audit/", AUDIT_LOG),
        Case("/privacy/audit/?action=view&start=2025-01-01", AUDIT_LOG),
        Case("/privacy/audit/?start=2025-02-30", AUDIT_LOG_BAD),
    ],
    "privacy/audit/export.csv": [
        Case("/privacy/audit/export.csv?action=export", AUDIT_LOG),
        Case("/privacy/audit/export.csv?start=2025-03-01&end=2025-01-01", AUDIT_LOG_BAD),
    ],
}
