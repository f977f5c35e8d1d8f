"""Production settings pass `check --deploy`, and responses carry the security headers and
cookie flags (HSTS, nosniff, Referrer-Policy, CSP with frame-ancestors 'none', Secure/HttpOnly/
SameSite cookies)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from luotsi.testing.factories import TEST_PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # Nothing inherited from the test run (its settings variables, or the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE): only what a production service's environment would hold.
    inherited = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return inherited | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "PB_VOTER_KEY_SECRET": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "luotsi.example.fi",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **extra,
    }


def test_check_deploy_with_production_settings_reports_no_issues(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


_SHOW = """
import django, json; django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "TWO_FACTOR_REQUIRED_FOR_COORDINATOR", "AXES_FAILURE_LIMIT",
]} | {"AXES_COOLOFF_MINUTES": s.AXES_COOLOFF_TIME.total_seconds() / 60}))
"""


def _settings_under(env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _SHOW], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_are_strict(tmp_path: Path):
    assert _settings_under(_production_env(tmp_path)) == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "TWO_FACTOR_REQUIRED_FOR_COORDINATOR": True,
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_MINUTES": 15,
    }


def test_make_run_debug_mode_has_no_redirect_hsts_or_required_two_factor(tmp_path: Path):
    shown = _settings_under(
        _production_env(tmp_path, DEBUG="1", LOGIN_FAILURE_LIMIT="8", LOGIN_LOCKOUT_MINUTES="2")
    )
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SECURE_HSTS_SECONDS"] == 0
    assert shown["TWO_FACTOR_REQUIRED_FOR_COORDINATOR"] is False
    assert shown["SESSION_COOKIE_SECURE"] is False
    assert (shown["AXES_FAILURE_LIMIT"], shown["AXES_COOLOFF_MINUTES"]) == (8, 2)


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https():
    response = Client().get("/areas/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/areas/"


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31_536_000)
def test_a_page_carries_the_security_headers():
    response = Client().get("/areas/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] + policy["default-src"]


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True, LANGUAGE_COOKIE_SECURE=True)
def test_cookies_are_secure_httponly_and_samesite_when_secure_cookies_is_on(personas):
    client = Client()
    login_page = client.get("/accounts/login/", secure=True)
    csrf = login_page.cookies["csrftoken"]
    signed_in = client.post(
        "/accounts/login/",
        {
            "username": personas.resident.email,
            "password": TEST_PASSWORD,
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    language = signed_in.cookies["django_language"]
    for cookie in (csrf, session, language):
        assert cookie["secure"] is True, cookie.key
        assert cookie["samesite"] == "Lax", cookie.key
    for cookie in (csrf, session):
        assert cookie["httponly"] is True, cookie.key
