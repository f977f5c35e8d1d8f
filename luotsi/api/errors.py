"""One shape for every API error: {"message": ..., "errors": [{"field": ..., "message": ...}]}.

Clients (and people reading the response) get a translated message and, for bad input, the
name of each field at fault, never a stack trace.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

UNPARSABLE_BODY = "Cannot parse request body"


class ApiNotFound(Exception):
    """A 404 that says why and may carry more for the client (e.g. candidate addresses)."""

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.extra = extra


def _field_name(location: list[Any] | tuple[Any, ...]) -> str:
    # Ninja reports ("body", "payload", "full_name"); clients care about "full_name".
    parts = [str(part) for part in location if part not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, message: str, errors: list[dict[str, str]]):  # type: ignore[no-untyped-def]
        body: dict[str, Any] = {"message": message}
        if errors:
            body["errors"] = errors
        return api.create_response(request, body, status=status)

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": _field_name(error.get("loc", ())), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        return respond(request, 422, _("The request has invalid fields."), errors)

    @api.exception_handler(DjangoValidationError)
    def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": str(message)}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "__all__", "message": str(m)} for m in exc.messages]
        return respond(request, 422, _("The request has invalid fields."), errors)

    @api.exception_handler(AuthenticationError)
    def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, _("Sign in to use this endpoint."), [])

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, _("You do not have permission to do this."), [])

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, _("Not found."), [])

    @api.exception_handler(ApiNotFound)
    def on_api_not_found(request: HttpRequest, exc: ApiNotFound) -> HttpResponse:
        return api.create_response(request, {"message": str(exc), **exc.extra}, status=404)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = str(exc.message)
        if exc.status_code == 400 and message.startswith(UNPARSABLE_BODY):
            # Ninja's own wording, raised when JSONObjectParser refuses the body.
            message = _("The request body must be a JSON object.")
        return respond(request, exc.status_code, message, [])
