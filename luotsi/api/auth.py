from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from luotsi.accounts.services import api_token_user


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer lt_…` with a personal token (profile → API tokens)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The signed-in browser session, with Django's CSRF check for unsafe methods.

    Ninja checks CSRF before looking for a session, so a POST with a wrong bearer token and
    no session at all was refused as "CSRF check Failed" (403) instead of "sign in" (401).
    Without a session cookie there is nobody to forge a request for: skip to the 401.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)
