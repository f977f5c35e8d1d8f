from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.permissions import can_view_staff_dashboard


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "brand_name": _("Luotsi"),
        # Error pages can render before AuthenticationMiddleware has run (a bad Host header).
        "show_dashboard_link": can_view_staff_dashboard(getattr(request, "user", AnonymousUser())),
    }
