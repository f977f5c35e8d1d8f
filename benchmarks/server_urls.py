"""The production URLs plus `/bench/bare/`: the cheapest answer Django can give through the
full middleware stack (sessions, locale, CSRF, authentication, CSP, …) with no query and no
template. `/healthz` is not bare enough: it runs three queries and encodes JSON. And
`/bench/programme-uncached/`, the programme dashboard without its cache."""

from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def programme_uncached(request: HttpRequest) -> HttpResponse:
    """The programme dashboard counting on every request (the page reuses counts for
    PROGRAMME_DASHBOARD_CACHE_SECONDS): what the first visitor of a period waits for."""
    from luotsi.insights.views_dashboard import dashboard

    with override_settings(PROGRAMME_DASHBOARD_CACHE_SECONDS=0):
        return dashboard(request)  # type: ignore[arg-type]


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("bench/programme-uncached/", programme_uncached, name="bench-programme-uncached"),
    *urlpatterns,
]
