from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from luotsi.api.api import api
from luotsi.web.views.health import healthz

urlpatterns = [
    # Load balancers and monitoring (no language prefix, no authentication).
    path("healthz", healthz, name="healthz"),
    path("", include("luotsi.web.urls")),
    path("accounts/", include("luotsi.accounts.urls")),
    path("areas/", include("luotsi.areas.urls")),
    path("network/", include("luotsi.network.urls")),
    path("events/", include("luotsi.events.urls")),
    path("concerns/", include("luotsi.concerns.urls")),
    path("open311/v2/", include("luotsi.concerns.open311.urls")),
    path("campaigns/", include("luotsi.campaigns.urls")),
    path("take-part/", include("luotsi.opportunities.urls")),
    path("officers/", include("luotsi.officehours.urls")),
    path("subscribe/", include("luotsi.subscriptions.urls")),
    path("materials/", include("luotsi.materials.urls")),
    path("budgeting/", include("luotsi.budgeting.urls")),
    path("inclusion/", include("luotsi.insights.urls")),
    path("open-data/", include("luotsi.insights.open_data_urls")),
    path("programme/", include("luotsi.insights.programme_urls")),
    path("privacy/", include("luotsi.privacy.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "luotsi.web.views.errors.bad_request"
handler403 = "luotsi.web.views.errors.permission_denied"
handler404 = "luotsi.web.views.errors.page_not_found"
handler500 = "luotsi.web.views.errors.server_error"
