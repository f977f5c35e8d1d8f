"""Refuse NUL characters in a page's address before any view sees them.

PostgreSQL cannot store or compare a string holding NUL ("\\x00"), so a `%00` in a path or a
filter parameter that reaches a query is a database error: a 500 for what is bad input.
Django's form fields already refuse NUL (ProhibitNullCharactersValidator); this covers the
path and the query string, which views also read directly. The API and Open311 answer in their
own error formats and check for NUL themselves (luotsi/api/parsers.py, open311/views.py).
"""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

OWN_ERROR_FORMATS = ("/api/", "/open311/")


def has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OWN_ERROR_FORMATS) and has_nul(request):
            # handler400 renders the "bad request" page in the visitor's language.
            raise BadRequest("NUL character in the address")
        return self.get_response(request)
