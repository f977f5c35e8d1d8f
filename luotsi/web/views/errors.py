"""Error pages in the visitor's language.

The 500 handler renders without the request context on purpose: whatever broke (a context
processor, the database) must not break the error page too.
"""

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.csrf import requires_csrf_token


def _render(request: HttpRequest, template: str) -> str:
    return loader.render_to_string(template, {"LANGUAGE_CODE": get_language()}, request)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseBadRequest(_render(request, "400.html"))


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseForbidden(_render(request, "403.html"))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseNotFound(_render(request, "404.html"))


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    html = loader.get_template("500.html").render({"LANGUAGE_CODE": get_language()})
    return HttpResponseServerError(html)
