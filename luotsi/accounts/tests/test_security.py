"""Signing in safely: Argon2 password hashes, lockout after repeated failures, and sessions
that end when the password changes."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from config import settings as production_settings
from luotsi.accounts.models import User
from luotsi.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS)


def _sign_in(client: Client, email: str, password: str = TEST_PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": email, "password": password}, **extra)


# --- Argon2 ------------------------------------------------------------------------------------


@PRODUCTION_HASHERS
def test_new_passwords_are_hashed_with_argon2():
    user = User.objects.create_user("new.officer@example.org", "a long enough passphrase")
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("a long enough passphrase")


@PRODUCTION_HASHERS
def test_an_old_pbkdf2_hash_still_signs_in_and_is_upgraded_to_argon2(client: Client, resident):
    User.objects.filter(pk=resident.pk).update(
        password=make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    )
    resident.refresh_from_db()
    assert resident.password.startswith("pbkdf2_sha256$")

    assert _sign_in(client, resident.email).status_code == 302
    resident.refresh_from_db()
    assert resident.password.startswith("argon2$")
    assert resident.check_password(TEST_PASSWORD)


# --- Lockout (django-axes) --------------------------------------------------------------------


def _fail(client: Client, email: str, times: int, **extra) -> list[int]:
    return [_sign_in(client, email, "wrong password", **extra).status_code for _ in range(times)]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_wrong_passwords_lock_that_address_out_with_a_429_page(
    client: Client, officer_south: User
):
    assert _fail(client, officer_south.email, 2) == [200, 200]
    response = _sign_in(client, officer_south.email, "wrong password", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert response.context["minutes"] == 15
    templates = [t.name for t in response.templates]
    assert "accounts/locked_out.html" in templates and "base.html" in templates
    page = response.content.decode()
    assert "<h1>Too many attempts</h1>" in page
    assert re.search(r"\b15\b", page), "the page says how many minutes to wait"
    # Even the right password is refused while locked.
    assert _sign_in(client, officer_south.email).status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_lockout_is_per_address_and_account_so_others_are_not_shut_out(
    client: Client, officer_south: User, officer_east: User
):
    """An attacker guessing officer_south's password from one address neither locks
    officer_south out from another address nor anyone else out from the attacker's."""
    _fail(client, officer_south.email, 3)
    assert _sign_in(client, officer_south.email).status_code == 429
    assert _sign_in(Client(), officer_east.email).status_code == 302
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert _sign_in(elsewhere, officer_south.email).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_email_is_counted_in_any_case(client: Client, officer_south: User):
    _fail(client, officer_south.email.upper(), 1)
    _fail(client, officer_south.email, 1)
    _fail(client, f" {officer_south.email.title()}", 1)
    assert _sign_in(client, officer_south.email).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_sign_in_resets_the_count(client: Client, officer_south: User):
    _fail(client, officer_south.email, 2)
    assert _sign_in(client, officer_south.email).status_code == 302
    assert AccessAttempt.objects.count() == 0
    client.post("/accounts/logout/")
    assert _fail(Client(), officer_south.email, 2) == [200, 200]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_ends_after_the_cool_off(client: Client, officer_south: User):
    _fail(client, officer_south.email, 3)
    assert _sign_in(client, officer_south.email).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _sign_in(client, officer_south.email).status_code == 302


@override_settings(
    AXES_FAILURE_LIMIT=2, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_behind_the_proxy_the_client_address_is_the_one_the_proxy_appended(
    client: Client, officer_south: User
):
    forged = {"HTTP_X_FORWARDED_FOR": "203.0.113.1, 192.0.2.50"}
    _fail(client, officer_south.email, 2, **forged)
    assert AccessAttempt.objects.get().ip_address == "192.0.2.50"
    # A client changing the part it controls is still the same client.
    assert (
        _sign_in(
            client, officer_south.email, HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.50"
        ).status_code
        == 429
    )
    # Another client behind the proxy is not locked out.
    assert (
        _sign_in(client, officer_south.email, HTTP_X_FORWARDED_FOR="192.0.2.51").status_code == 302
    )


# --- Sessions end when the password changes ------------------------------------------------------


def test_changing_the_password_signs_out_the_other_sessions_only(officer_south: User):
    here, elsewhere = Client(), Client(REMOTE_ADDR="198.51.100.7")
    assert _sign_in(here, officer_south.email).status_code == 302
    assert _sign_in(elsewhere, officer_south.email).status_code == 302
    assert elsewhere.get("/accounts/profile/").status_code == 200

    response = here.post(
        "/accounts/password/change/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a completely new passphrase",
            "new_password2": "a completely new passphrase",
        },
    )
    assert response["Location"] == "/accounts/password/change/done/"
    assert here.get("/accounts/profile/").status_code == 200
    signed_out = elsewhere.get("/accounts/profile/")
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith("/accounts/login/")


def test_resetting_the_password_signs_out_every_session(resident: User):
    elsewhere = Client()
    assert _sign_in(elsewhere, resident.email).status_code == 302
    assert elsewhere.get("/accounts/profile/").status_code == 200

    client = Client()
    client.post("/accounts/password/reset/", {"email": resident.email})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(mail.outbox[-1].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert elsewhere.get("/accounts/profile/").status_code == 302
