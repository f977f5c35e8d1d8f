"""Strong identification of voters over OpenID Connect, with mozilla-django-oidc.

The library's views and backend run the authorization-code flow (state, nonce, PKCE, token
exchange, id_token signature check, userinfo); the subclasses here change what a successful
identification produces: no Luotsi account is created or signed in, the verified claims become
a `VoterIdentity` in the session instead. Settings: the `PB_OIDC_*` environment variables
(config/settings.py maps them onto the library's `OIDC_*` settings).

With the development identity provider (`PB_DEV_IDENTITY_PROVIDER`) the endpoints are paths
of this site; the back-channel calls (token, userinfo) to them are then made in-process
through Django's URL resolver instead of over HTTP, so that the same flow runs in tests and
under a single-threaded development server.
"""

import datetime
import json
import logging
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import resolve
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend  # type: ignore[import-untyped]
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from luotsi.budgeting.identity import VoterIdentity, identity_from_claims, identity_store
from luotsi.budgeting.identity.hetu import hetu_birth_date

logger = logging.getLogger(__name__)


class IdentificationFailed(Exception):
    """The provider answered, but not with what a voter identity needs."""


def _local_call(method: str, path: str, **kwargs: Any) -> Any:
    """Call a view of this site (the development provider's endpoints) in-process; its JSON
    answer. Raises IdentificationFailed for any other status than 200."""
    from django.test import RequestFactory  # development provider only

    factory = RequestFactory()
    request = (
        factory.post(path, kwargs.get("data") or {}, headers=kwargs.get("headers"))
        if method == "POST"
        else factory.get(path, headers=kwargs.get("headers"))
    )
    match = resolve(path)
    response = match.func(request, *match.args, **match.kwargs)
    if response.status_code != 200:
        raise IdentificationFailed(f"{path} answered {response.status_code}")
    return json.loads(response.content)


class VoterOIDCBackend(OIDCAuthenticationBackend):
    """Turns the provider's claims into a `VoterIdentity`; never a `User`.

    Not in AUTHENTICATION_BACKENDS: `VoterCallbackView` calls it directly, so it can never
    sign anyone in to Luotsi."""

    def _is_local(self, endpoint: str) -> bool:
        return bool(settings.PB_DEV_IDENTITY_PROVIDER and endpoint.startswith("/"))

    def get_token(self, payload: dict[str, Any]) -> dict[str, Any]:
        if not self._is_local(self.OIDC_OP_TOKEN_ENDPOINT):
            return super().get_token(payload)
        return _local_call("POST", self.OIDC_OP_TOKEN_ENDPOINT, data=payload)

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        if not self._is_local(self.OIDC_OP_USER_ENDPOINT):
            return super().get_userinfo(access_token, id_token, payload)
        return _local_call(
            "GET",
            self.OIDC_OP_USER_ENDPOINT,
            headers={"Authorization": f"Bearer {access_token}"},
        )

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        issuer = settings.PB_OIDC_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The id_token was not issued by PB_OIDC_ISSUER.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The id_token is not meant for this client.")
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get(settings.PB_OIDC_PERSON_ID_CLAIM))

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> VoterIdentity:
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        person_id = str(claims.get(settings.PB_OIDC_PERSON_ID_CLAIM) or "").strip()
        if not person_id:
            raise IdentificationFailed("no person identifier in the claims")
        born = _birth_date(claims.get(settings.PB_OIDC_BIRTHDATE_CLAIM), person_id)
        if born is None:
            raise IdentificationFailed("no birth date in the claims")
        municipality = str(claims.get(settings.PB_OIDC_MUNICIPALITY_CLAIM) or "")
        return identity_from_claims(
            person_id=person_id,
            born=born,
            municipality=municipality,
            method="dev" if self._is_local(self.OIDC_OP_TOKEN_ENDPOINT) else "oidc",
        )


def _birth_date(claim: Any, person_id: str) -> datetime.date | None:
    """The birth date claim (ISO date), or the date in a Finnish identity code."""
    if claim:
        try:
            return parse_date(str(claim)[:10])
        except ValueError:
            return None
    try:
        return hetu_birth_date(person_id)
    except Exception:
        return None


class VoterIdentifyView(OIDCAuthenticationRequestView):
    """Starts identification: redirects to the provider (state, nonce and PKCE in session)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not self.OIDC_OP_AUTH_ENDPOINT:
            messages.error(request, _("Strong identification is not available on this site."))
            return HttpResponseRedirect(resolve_url("budgeting:identify"))
        return super().get(request)


class VoterCallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back: checks state, exchanges the code, keeps the identity.

    Whatever goes wrong (cancelled at the provider, a stale or forged state, an unreachable
    provider, claims missing) the voter is sent back to the identification page with a message,
    never shown an error page."""

    def _failure(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.error(request, message)
        query = {"next": request.session.get("oidc_login_next") or ""}
        return HttpResponseRedirect(
            resolve_url("budgeting:identify") + ("?" + urlencode(query) if query["next"] else "")
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        failed = _("Identification did not succeed. You can try again.")
        if request.GET.get("error"):
            state = request.GET.get("state")
            states = request.session.get("oidc_states") or {}
            if state in states:
                del states[state]
                request.session["oidc_states"] = states
            return self._failure(request, _("Identification was cancelled."))
        code, state = request.GET.get("code"), request.GET.get("state")
        states = request.session.get("oidc_states") or {}
        if not code or not state or state not in states:
            return self._failure(request, failed)
        entry = states.pop(state)
        request.session["oidc_states"] = states
        request.session.save()
        try:
            identity = VoterOIDCBackend().authenticate(
                request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
            )
        except (
            IdentificationFailed,
            SuspiciousOperation,
            requests.RequestException,
            ValueError,
            KeyError,
        ) as exc:
            logger.warning("Voter identification failed: %s", exc)
            return self._failure(request, failed)
        if not isinstance(identity, VoterIdentity):
            return self._failure(request, failed)
        next_url = request.session.get("oidc_login_next")
        identity_store(request.session, identity)
        request.session.pop("oidc_login_next", None)
        messages.success(request, _("You have identified yourself. You can now vote."))
        return HttpResponseRedirect(next_url or resolve_url("budgeting:identify"))
