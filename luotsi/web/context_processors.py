from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.permissions import can_view_staff_dashboard


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": _("Luotsi"),
        "show_dashboard_link": can_view_staff_dashboard(request.user),
    }
