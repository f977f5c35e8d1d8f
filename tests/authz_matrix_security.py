"""Authorization matrix entries for signing in with two-factor authentication, setting it up,
the admin's pages for TOTP devices and sign-in lockouts, and the health check /healthz
(merged into tests/authz_matrix.MATRIX).

The two-factor pages are staff accounts' own (residents 403, anonymous visitors sign in). The
code step of signing in has no pending sign-in in these requests, so it sends everyone back to
the sign-in page. The admin's two models: the coordinator reads and deletes, never adds or
edits (a device is its owner's; an attempt is axes').
"""

from axes.models import AccessAttempt
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.testing.personas import Personas
from tests.authz_matrix_common import ADMIN_ONLY, EVERYONE_OK, STAFF_OK, Case, expect

STAFF_BAD_POST = expect(400, anonymous=302, resident=403)
VIEW_AND_DELETE_ONLY = expect(302, coordinator=403)


def _device(p: Personas) -> int:
    device, _ = TOTPDevice.objects.get_or_create(
        user=p.officer_south, defaults={"name": "Luotsi", "confirmed": True}
    )
    return device.pk


def _attempt(_: Personas) -> int:
    attempt, _ = AccessAttempt.objects.get_or_create(
        username="someone@example.org",
        ip_address="192.0.2.1",
        defaults={
            "user_agent": "test",
            "http_accept": "text/html",
            "path_info": "/accounts/login/",
            "attempt_time": timezone.now(),
            "get_data": "",
            "post_data": "",
            "failures_since_start": 1,
        },
    )
    return attempt.pk


def _view_and_delete(app: str, model: str, obj) -> dict[str, list[Case]]:
    base = f"admin/{app}/{model}/"
    return {
        base: [Case(f"/{base}", ADMIN_ONLY)],
        f"{base}add/": [Case(f"/{base}add/", VIEW_AND_DELETE_ONLY)],
        f"{base}<path:object_id>/history/": [
            Case(lambda p: f"/{base}{obj(p)}/history/", ADMIN_ONLY)
        ],
        f"{base}<path:object_id>/delete/": [Case(lambda p: f"/{base}{obj(p)}/delete/", ADMIN_ONLY)],
        # The change page shows the fields read-only.
        f"{base}<path:object_id>/change/": [Case(lambda p: f"/{base}{obj(p)}/change/", ADMIN_ONLY)],
        f"{base}<path:object_id>/": [Case(lambda p: f"/{base}{obj(p)}/", expect(302))],
    }


MATRIX: dict[str, list[Case]] = {
    # The load balancer's probe: open to everyone, GET and HEAD only.
    "healthz": [
        Case("/healthz", EVERYONE_OK),
        Case("/healthz", expect(405), method="POST"),
    ],
    "accounts/login/code/": [
        Case("/accounts/login/code/", expect(302)),
        Case("/accounts/login/code/", expect(302), method="POST", data={"code": "123456"}),
    ],
    "accounts/two-factor/": [
        Case("/accounts/two-factor/", STAFF_OK),
        Case("/accounts/two-factor/", STAFF_BAD_POST, method="POST", data={"code": "000000"}),
    ],
    "accounts/two-factor/disable/": [
        Case("/accounts/two-factor/disable/", expect(405, anonymous=302)),
        # Nobody has it on here: the page again with the error.
        Case("/accounts/two-factor/disable/", STAFF_BAD_POST, method="POST", data={"code": "1"}),
    ],
    **_view_and_delete("otp_totp", "totpdevice", _device),
    **_view_and_delete("axes", "accessattempt", _attempt),
}
