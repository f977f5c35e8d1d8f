"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) at /open311/v2/, in JSON and
XML: discovery, services, service definitions, posting and reading service requests.

Every answer, errors included, is in the format the URL asks for and in the spec's shape;
texts are in the `locale` parameter's language (fi, sv, en) or the Accept-Language one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from luotsi.areas.locate import default_city
from luotsi.concerns.models import ApiKey
from luotsi.concerns.open311 import openapi, representation
from luotsi.concerns.open311.formats import FORMATS, JSON, Open311Error, render, render_error
from luotsi.concerns.open311.keys import api_key_check
from luotsi.concerns.open311.queries import (
    active_services,
    request_find,
    requests_search,
)
from luotsi.concerns.open311.submission import request_create

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Call:
    request: HttpRequest
    fmt: str
    params: QueryDict  # the query string, or a POST's form
    language: str


def _language(request: HttpRequest, params: QueryDict) -> str:
    """`locale` (CitySDK style: fi, sv-FI, en_GB…), else what LocaleMiddleware chose."""
    codes = {code for code, _name in settings.MESSAGE_LANGUAGES}
    asked = params.get("locale") or request.GET.get("locale", "")
    asked = asked.strip().lower().replace("_", "-").split("-")[0]
    if asked in codes:
        return asked
    current = getattr(request, "LANGUAGE_CODE", "")
    return current if current in codes else settings.LANGUAGE_CODE


def _with_nul(*sources: QueryDict | dict[str, Any]) -> str | None:
    """The first parameter (path, query or form) with a NUL character: PostgreSQL can neither
    store nor look for one, so it would otherwise end in a 500."""
    for source in sources:
        pairs = source.lists() if isinstance(source, QueryDict) else source.items()
        for name, values in pairs:
            texts = values if isinstance(values, list) else [values]
            if any("\x00" in str(text) for text in [name, *texts]):
                return str(name).replace("\x00", "")
    return None


def _answer(
    view: View, request: HttpRequest, fmt: str, methods: tuple[str, ...], **kwargs: Any
) -> HttpResponse:
    if fmt not in FORMATS:
        text = _("Unknown format “%(format)s”: use json or xml.") % {"format": fmt[:20]}
        error = Open311Error(404, text)
        return render_error(JSON, error)
    if request.method not in methods:
        error = Open311Error(405, _("%(method)s is not allowed here.") % {"method": request.method})
        response = render_error(fmt, error)
        response["Allow"] = ", ".join(methods)
        return response
    try:
        query = request.GET  # also read here: a POST may give locale or api_key in the URL
        params = request.POST if request.method == "POST" else query
    except (BadRequest, SuspiciousOperation, MultiPartParserError):
        return render_error(fmt, Open311Error(400, _("The request could not be read.")))
    language = _language(request, params)
    with translation.override(language):
        try:
            bad = _with_nul(kwargs, query, params)
            if bad is not None:
                raise Open311Error.fields(
                    {bad: _("Contains a NUL character, which is not allowed.")}
                )
            if params.get("jurisdiction_id", "").strip() not in ("", settings.LUOTSI_CITY):
                raise Open311Error(404, _("jurisdiction_id: jurisdiction not found."))
            response = view(Call(request, fmt, params, language), **kwargs)
        except Open311Error as exc:
            response = render_error(fmt, exc)
    response["Content-Language"] = language
    return response


def endpoint(*methods: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        allowed = (*methods, "HEAD") if "GET" in methods else methods

        # Nothing here acts for the session's user (posting needs an api_key), so there is no
        # cross-site request to forge; API clients send no CSRF token.
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            return _answer(view, request, fmt, allowed, **kwargs)

        return wrapper

    return decorate


def _refused() -> Open311Error:
    return Open311Error(403, _("api_key: missing or invalid; ask the coordinator for a key."))


def _key(call: Call) -> ApiKey | None:
    """The client's key; None when it sent none. A key that is wrong (or deactivated) is
    refused even where none is needed, so that the client learns of it."""
    raw = (call.params.get("api_key", "") or call.request.GET.get("api_key", "")).strip()
    if not raw:
        return None
    key = api_key_check(raw)
    if key is None:
        raise _refused()
    return key


@require_safe
def openapi_document(request: HttpRequest) -> HttpResponse:
    """The OpenAPI description of these endpoints (for client generators and tools)."""
    return JsonResponse(openapi.document())


@endpoint("GET")
def discovery(call: Call) -> HttpResponse:
    data = representation.discovery(default_city().name)
    return render(call.fmt, "discovery", data)


@endpoint("GET")
def services(call: Call) -> HttpResponse:
    data = [representation.service_out(service) for service in active_services()]
    return render(call.fmt, "services", data)


@endpoint("GET")
def service_definition(call: Call, service_code: str) -> HttpResponse:
    service = active_services().filter(code=service_code).first()
    if service is None:
        raise Open311Error(404, _("No service %(code)s.") % {"code": service_code[:60]})
    data = representation.definition_out(service, call.language)
    return render(call.fmt, "service_definition", data)


def _requests_out(call: Call, messages: list[Any], key: ApiKey | None) -> HttpResponse:
    city = default_city().name
    data = [representation.request_out(m, key=key, city_name=city) for m in messages]
    return render(call.fmt, "service_requests", data)


def _request_post(call: Call) -> HttpResponse:
    key = _key(call)
    if key is None:
        raise _refused()
    message = request_create(call.params, key=key, language=call.language)
    notice = _("Received. The liaison officers answer within %(days)d working days.") % {
        "days": settings.CONCERNS_ANSWER_WITHIN_WORKING_DAYS
    }
    data = [{"service_request_id": message.reference, "service_notice": notice, "account_id": None}]
    return render(call.fmt, "service_requests", data, status=201)


@endpoint("GET", "POST")
def service_requests(call: Call) -> HttpResponse:
    if call.request.method == "POST":
        return _request_post(call)
    key = _key(call)
    return _requests_out(call, requests_search(call.params, key), key)


@endpoint("GET")
def service_request(call: Call, service_request_id: str) -> HttpResponse:
    key = _key(call)
    return _requests_out(call, [request_find(service_request_id, key)], key)


@endpoint("GET")
def token(call: Call, token: str) -> HttpResponse:
    raise Open311Error(
        404, _("Luotsi gives the service_request_id at once: there are no tokens to look up.")
    )
