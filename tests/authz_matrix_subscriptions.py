"""Authorization matrix entries for e-mail subscriptions (merged into tests/authz_matrix.MATRIX).

The subscription pages are public and reached by the private token in the e-mails (an
unknown token is 404 for everyone). Announcements are the officers' and the coordinator's
(officials and residents 403, anonymous visitors sign in); subscribers' e-mail addresses are
the coordinator's only.
"""

from luotsi.subscriptions.models import Subscriber
from luotsi.testing import subscriptions as sub
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, NETWORK, Case, expect

COORDINATOR_ONLY = expect(403, anonymous=302, coordinator=200)
# An announcement without a subject: officers get the form back (400), nothing is sent.
ANNOUNCE_BAD_POST = expect(400, anonymous=302, resident=403, official=403)


def _token(p: Personas) -> str:
    """One subscriber, asked for once per persona."""
    existing = Subscriber.objects.active().filter(email="matrix@example.net").first()
    return (existing or sub.subscriber("matrix@example.net")).token


MATRIX: dict[str, list[Case]] = {
    "subscribe/": [
        Case("/subscribe/", EVERYONE_OK),
        Case("/subscribe/", expect(400), method="POST", data={"email": "not-an-address"}),
    ],
    "subscribe/confirm/<str:token>/": [
        Case(lambda p: f"/subscribe/confirm/{_token(p)}/", EVERYONE_OK),
        Case("/subscribe/confirm/not-a-token/", expect(404)),
    ],
    "subscribe/manage/<str:token>/": [
        Case(lambda p: f"/subscribe/manage/{_token(p)}/", EVERYONE_OK),
        Case("/subscribe/manage/not-a-token/", expect(404)),
        Case(
            lambda p: f"/subscribe/manage/{_token(p)}/",
            expect(400),
            method="POST",
            data={"language": "xx"},
        ),
    ],
    "subscribe/unsubscribe/<str:token>/": [
        Case(lambda p: f"/subscribe/unsubscribe/{_token(p)}/", EVERYONE_OK),
        Case("/subscribe/unsubscribe/not-a-token/", expect(404)),
        Case("/subscribe/unsubscribe/not-a-token/", expect(404), method="POST"),
    ],
    "subscribe/announce/": [
        Case("/subscribe/announce/", NETWORK),
        Case(
            "/subscribe/announce/",
            ANNOUNCE_BAD_POST,
            method="POST",
            data={"districts": ["101"], "subject": "", "body": ""},
        ),
    ],
    "subscribe/subscribers/": [Case("/subscribe/subscribers/", COORDINATOR_ONLY)],
}
