"""How django-axes sees a sign-in attempt (settings AXES_*_CALLABLE point here).

Attempts are counted per e-mail address and client address together (see config/settings.py
for why); wrong two-factor codes count as failed sign-ins too (`code_failed`).
"""

from typing import Any

from axes.helpers import get_cool_off
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from luotsi.accounts.models import normalize_email


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The e-mail address as the account stores it: "A@x.fi " and "a@x.fi" are one account,
    so they must be one counter."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "")
    return normalize_email(str(raw))


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The lockout page: 429 Too Many Requests, saying how long to wait."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def code_failed(request: HttpRequest, email: str) -> None:
    """Count a wrong two-factor code like a wrong password (axes listens to this signal)."""
    user_login_failed.send(sender=__name__, credentials={"username": email}, request=request)
