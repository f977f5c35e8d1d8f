"""The coordinator sets up two-factor authentication before anything else (when
TWO_FACTOR_REQUIRED_FOR_COORDINATOR is on)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from luotsi.accounts.models import Role
from luotsi.accounts.selectors import two_factor_setup_required

# Reachable before setting up: the setup page itself, signing out, the language switch,
# the assets those pages need, and the health check (which shows nothing personal).
_ALLOWED_URL_NAMES = ("accounts:two-factor", "accounts:logout", "set_language", "healthz")


class TwoFactorSetupRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.TWO_FACTOR_REQUIRED_FOR_COORDINATOR
            and user.is_authenticated
            and getattr(user, "role", None) == Role.COORDINATOR
            and not self._always_allowed(request.path_info)
            and two_factor_setup_required(user)
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Set up two-factor authentication first.")}, status=403
                )
            return redirect("accounts:two-factor")
        return self.get_response(request)

    @staticmethod
    def _always_allowed(path: str) -> bool:
        allowed = [reverse(name) for name in _ALLOWED_URL_NAMES]
        prefixes = [f"/{settings.STATIC_URL.lstrip('/')}", f"/{settings.MEDIA_URL.lstrip('/')}"]
        return path in allowed or any(path.startswith(prefix) for prefix in prefixes)
