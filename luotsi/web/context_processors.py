from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.permissions import can_view_staff_dashboard
from luotsi.areas.models import City
from luotsi.insights.permissions_programme import can_view_programme
from luotsi.network.permissions import can_use_network


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "data_attribution": _attribution(),
        "brand_name": _("Luotsi"),
        # Error pages can render before AuthenticationMiddleware has run (a bad Host header).
        "show_dashboard_link": can_view_staff_dashboard(getattr(request, "user", AnonymousUser())),
        "show_network_link": can_use_network(getattr(request, "user", AnonymousUser())),
        "show_programme_link": can_view_programme(getattr(request, "user", AnonymousUser())),
    }


def _attribution() -> str:
    # One indexed row; the footer must not fail when the city has not been loaded yet.
    try:
        city = City.objects.filter(slug=settings.LUOTSI_CITY).only("attribution").first()
    except DatabaseError:
        return ""
    return city.attribution if city else ""
