"""Two-factor authentication (TOTP): setting it up, signing in with a code, turning it off,
and the coordinator's obligation to use it."""

import base64
import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.models import User
from luotsi.privacy.models import AuditEvent
from luotsi.testing.factories import TEST_PASSWORD
from luotsi.testing.twofactor import totp_code, totp_device

pytestmark = pytest.mark.django_db

ENGLISH: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _sign_in(client: Client, user: User, next_url: str = ""):
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": user.email, "password": TEST_PASSWORD})


def test_setting_up_shows_the_secret_and_a_qr_code_and_needs_a_code_to_confirm(
    officer_south: User,
):
    client = Client()
    client.force_login(officer_south)
    page = client.get("/accounts/two-factor/", **ENGLISH)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=officer_south)
    assert not device.confirmed
    secret = base64.b32encode(device.bin_key).decode()
    assert page.context["secret"].replace(" ", "") == secret
    assert page.context["qr_code"].startswith("data:image/svg+xml")
    # Reloading shows the same secret (the phone may have scanned it already).
    assert client.get("/accounts/two-factor/").context["secret"] == page.context["secret"]

    wrong = client.post("/accounts/two-factor/", {"code": "000000"}, **ENGLISH)
    assert wrong.status_code == 400
    assert "The code is not correct" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()

    done = client.post("/accounts/two-factor/", {"code": totp_code(device)})
    assert done["Location"] == "/accounts/two-factor/"
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(
        actor=officer_south,
        object_type="accounts.user",
        object_id=str(officer_south.pk),
        summary="two-factor authentication turned on",
    ).exists()


def test_residents_have_no_two_factor_page(resident: User):
    client = Client()
    client.force_login(resident)
    assert client.get("/accounts/two-factor/").status_code == 403
    assert not TOTPDevice.objects.exists()


def test_with_a_device_signing_in_asks_for_the_code_before_anyone_is_signed_in(
    officer_south: User,
):
    device = totp_device(officer_south)
    client = Client()
    response = _sign_in(client, officer_south, next_url="/network/")
    assert response["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/network/").status_code == 302

    page = client.get("/accounts/login/code/")
    assert page.status_code == 200
    wrong = client.post("/accounts/login/code/", {"code": "123456"}, **ENGLISH)
    assert wrong.status_code == 400
    assert "The code is not correct" in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    device.throttle_reset()

    signed_in = client.post("/accounts/login/code/", {"code": totp_code(device)})
    assert signed_in["Location"] == "/network/"
    assert client.session["_auth_user_id"] == str(officer_south.pk)
    assert client.get("/network/").status_code == 200


def test_an_unconfirmed_device_does_not_ask_for_a_code(officer_south: User):
    totp_device(officer_south, confirmed=False)
    assert _sign_in(Client(), officer_south)["Location"] == "/welcome/"


def test_the_code_step_without_a_password_first_goes_back_to_sign_in(officer_south: User):
    totp_device(officer_south)
    response = Client().post("/accounts/login/code/", {"code": "123456"})
    assert response["Location"] == "/accounts/login/"


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_codes_count_towards_the_lockout(officer_south: User):
    device = totp_device(officer_south)
    client = Client()
    _sign_in(client, officer_south)
    statuses = []
    for _ in range(3):
        device.throttle_reset()
        statuses.append(client.post("/accounts/login/code/", {"code": "000000"}).status_code)
    assert statuses == [400, 400, 429]
    assert AccessAttempt.objects.get().failures_since_start == 3
    device.throttle_reset()
    # Locked: even the right code (and the password) are refused now.
    assert client.post("/accounts/login/code/", {"code": totp_code(device)}).status_code == 429
    assert "_auth_user_id" not in client.session
    assert _sign_in(Client(), officer_south).status_code == 429


def test_turning_it_off_needs_a_current_code(officer_south: User):
    device = totp_device(officer_south)
    client = Client()
    client.force_login(officer_south)
    assert client.get("/accounts/two-factor/").context["device"] == device

    refused = client.post("/accounts/two-factor/disable/", {"code": "000000"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=officer_south, confirmed=True).exists()
    device.throttle_reset()

    done = client.post("/accounts/two-factor/disable/", {"code": totp_code(device)})
    assert done["Location"] == "/accounts/two-factor/"
    assert not TOTPDevice.objects.filter(user=officer_south).exists()
    assert AuditEvent.objects.filter(
        actor=officer_south, summary="two-factor authentication turned off"
    ).exists()
    assert _sign_in(Client(), officer_south)["Location"] == "/welcome/"


@override_settings(TWO_FACTOR_REQUIRED_FOR_COORDINATOR=True)
def test_the_coordinator_must_set_it_up_before_any_other_page(coordinator: User):
    client = Client()
    client.force_login(coordinator)
    for url in ["/dashboard/", "/network/", "/admin/", "/accounts/tokens/", "/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/accounts/two-factor/", url
    assert client.get("/api/v1/me").status_code == 403
    page = client.get("/accounts/two-factor/", **ENGLISH)
    assert page.status_code == 200
    assert "Your role requires two-factor authentication" in page.content.decode()

    device = TOTPDevice.objects.get(user=coordinator)
    client.post("/accounts/two-factor/", {"code": totp_code(device)})
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/admin/").status_code == 200


@override_settings(TWO_FACTOR_REQUIRED_FOR_COORDINATOR=True)
def test_the_requirement_is_the_coordinators_only(officer_south: User):
    client = Client()
    client.force_login(officer_south)
    assert client.get("/network/").status_code == 200


def test_the_admin_sign_in_form_cannot_skip_the_code(coordinator: User):
    totp_device(coordinator)
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": coordinator.email, "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert re.match(r"^/accounts/login/\?next=/admin/", response["Location"])
    assert "_auth_user_id" not in client.session
