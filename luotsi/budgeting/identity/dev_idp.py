"""A DEVELOPMENT identity provider: a tiny OpenID Connect provider inside Luotsi, for `make
run`, the demo and the tests. NOT REAL IDENTIFICATION: anyone can type any identity.

It is on when `PB_DEV_IDENTITY_PROVIDER` is (by default only with DEBUG); every endpoint is a
404 otherwise, and the system check `luotsi.B001` refuses to run with it when DEBUG is off.

Endpoints (authorization-code flow): `authorize` shows a form where one types a test person's
identity code, birth date and home municipality under a large warning, and redirects back with
a code; `token` exchanges the code (client secret and PKCE checked) for an HS256-signed
id_token and an access token; `userinfo` answers the claims for the access token. Codes and
tokens live a few minutes in the cache.
"""

import base64
import hashlib
import hmac
import secrets
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

import jwt
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

CODE_SECONDS = 300
TOKEN_SECONDS = 600
ISSUER = "luotsi-development-identity-provider"


def _enabled() -> None:
    if not settings.PB_DEV_IDENTITY_PROVIDER:
        raise Http404


class TestPersonForm(forms.Form):
    person_id = forms.CharField(
        label=_("Test person's identity code"),
        max_length=64,
        help_text=_(
            "Any text works; use a personal identity code such as 010101-123N to try "
            "paper ballots with the same person."
        ),
    )
    birthdate = forms.DateField(
        label=_("Birth date"),
        required=False,
        help_text=_(
            "For example 2001-01-01. Leave empty to send no birth date: it is then read from "
            "the identity code, as with providers that do not send one."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    municipality = forms.CharField(
        label=_("Home municipality code"),
        max_length=40,
        initial="091",
        help_text=_("091 is Helsinki; any other code makes the person a non-resident."),
    )


def _claims(data: dict[str, Any]) -> dict[str, str]:
    claims = {
        settings.PB_OIDC_PERSON_ID_CLAIM: data["person_id"].strip(),
        settings.PB_OIDC_MUNICIPALITY_CLAIM: data["municipality"].strip(),
    }
    if data["birthdate"]:
        claims[settings.PB_OIDC_BIRTHDATE_CLAIM] = data["birthdate"].isoformat()
    return claims


def _redirect_with(redirect_uri: str, params: dict[str, str]) -> HttpResponseRedirect:
    separator = "&" if urlsplit(redirect_uri).query else "?"
    response = HttpResponseRedirect(redirect_uri + separator + urlencode(params))
    return response


def _check_redirect(request: HttpRequest, redirect_uri: str) -> None:
    """Only back to this site (the provider must not become an open redirector)."""
    target = urlsplit(redirect_uri)
    if target.scheme not in ("http", "https") or target.netloc != request.get_host():
        raise Http404


@never_cache
@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    _enabled()
    params = request.GET if request.method == "GET" else request.POST
    client_id = params.get("client_id", "")
    redirect_uri = params.get("redirect_uri", "")
    state = params.get("state", "")
    if client_id != settings.OIDC_RP_CLIENT_ID or not redirect_uri or not state:
        return render(request, "budgeting/voting/dev_idp_error.html", status=400)
    _check_redirect(request, redirect_uri)
    carried = {
        name: params.get(name, "")
        for name in (
            "client_id",
            "redirect_uri",
            "state",
            "nonce",
            "scope",
            "code_challenge",
            "code_challenge_method",
        )
    }
    if request.method == "POST" and "cancel" in request.POST:
        return _redirect_with(redirect_uri, {"error": "access_denied", "state": state})
    form = TestPersonForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        code = secrets.token_urlsafe(24)
        cache.set(
            f"pb-dev-idp-code:{code}",
            {
                "client_id": client_id,
                "redirect_uri": redirect_uri,
                "nonce": carried["nonce"],
                "code_challenge": carried["code_challenge"],
                "code_challenge_method": carried["code_challenge_method"],
                "claims": _claims(form.cleaned_data),
            },
            CODE_SECONDS,
        )
        return _redirect_with(redirect_uri, {"code": code, "state": state})
    return render(
        request,
        "budgeting/voting/dev_idp_authorize.html",
        {"form": form, "carried": carried},
        status=400 if form.is_bound else 200,
    )


def _pkce_ok(entry: dict[str, Any], verifier: str) -> bool:
    challenge = entry.get("code_challenge") or ""
    if not challenge:
        return True
    if entry.get("code_challenge_method", "S256") == "plain":
        return hmac.compare_digest(challenge, verifier)
    digest = hashlib.sha256(verifier.encode()).digest()
    expected = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return hmac.compare_digest(challenge, expected)


def _error(error: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": error}, status=status)


@csrf_exempt  # a back-channel call from the relying party, authenticated by the client secret
@never_cache
@require_POST
def token(request: HttpRequest) -> HttpResponse:
    _enabled()
    data = request.POST
    if data.get("grant_type") != "authorization_code":
        return _error("unsupported_grant_type")
    if data.get("client_id") != settings.OIDC_RP_CLIENT_ID or not hmac.compare_digest(
        data.get("client_secret", ""), settings.OIDC_RP_CLIENT_SECRET
    ):
        return _error("invalid_client", 401)
    entry = cache.get(f"pb-dev-idp-code:{data.get('code', '')}")
    cache.delete(f"pb-dev-idp-code:{data.get('code', '')}")  # a code is good once
    if (
        not entry
        or entry["client_id"] != data.get("client_id")
        or entry["redirect_uri"] != data.get("redirect_uri")
        or not _pkce_ok(entry, data.get("code_verifier", ""))
    ):
        return _error("invalid_grant")
    now = int(time.time())
    subject = hashlib.sha256(
        entry["claims"][settings.PB_OIDC_PERSON_ID_CLAIM].encode()
    ).hexdigest()[:32]
    access_token = secrets.token_urlsafe(32)
    cache.set(
        f"pb-dev-idp-token:{access_token}", {"sub": subject, **entry["claims"]}, TOKEN_SECONDS
    )
    id_token = jwt.encode(
        {
            "iss": settings.PB_OIDC_ISSUER or ISSUER,
            "sub": subject,
            "aud": settings.OIDC_RP_CLIENT_ID,
            "iat": now,
            "exp": now + TOKEN_SECONDS,
            "nonce": entry["nonce"] or None,
        },
        settings.OIDC_RP_CLIENT_SECRET,
        algorithm="HS256",
    )
    return JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECONDS,
            "id_token": id_token,
        }
    )


@never_cache
@require_GET
def userinfo(request: HttpRequest) -> HttpResponse:
    _enabled()
    scheme, _space, value = request.headers.get("Authorization", "").partition(" ")
    claims = cache.get(f"pb-dev-idp-token:{value}") if scheme.lower() == "bearer" else None
    if not claims:
        return _error("invalid_token", 401)
    return JsonResponse(claims)
