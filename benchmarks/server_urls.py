"""The production URLs plus `/bench/bare/`: the cheapest answer Django can give through the
full middleware stack (sessions, locale, CSRF, authentication, CSP, …) with no query and no
template. `/healthz` is not bare enough: it runs three queries and encodes JSON."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *urlpatterns]
