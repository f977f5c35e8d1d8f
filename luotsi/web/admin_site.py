"""Luotsi's admin site: Django's, with a translated header and a CSP it can live with."""

from collections.abc import Callable
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LuotsiAdminSite(admin.AdminSite):
    site_header = _("Luotsi administration")
    site_title = _("Luotsi administration")
    index_title = _("People, assignments and reference data")

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Any:
        # Django's admin templates and widgets write style="…" attributes. Allowing inline
        # *styles* (never scripts) on the coordinator-only admin keeps the rest of the site
        # under the strict policy.
        relaxed = csp_update({"style-src": [SELF, UNSAFE_INLINE]})(view)
        return super().admin_view(relaxed, cacheable)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Everyone signs in on Luotsi's own page, which asks for the two-factor code and counts
        failures; the admin's own sign-in form would skip both."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect("admin:index")
            # Signed in without admin access: sending them to sign in again would loop.
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next", reverse("admin:index", current_app=self.name)),
            "accounts:login",
        )
