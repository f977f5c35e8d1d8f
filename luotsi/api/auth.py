from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from luotsi.accounts.services import api_token_user


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer lt_…` with a personal token (profile → API tokens)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user
