"""One shape for every API error: {"message": ..., "errors": [{"field": ..., "message": ...}]}.

Clients (and people reading the response) get a translated message and, for bad input, the
name of each field at fault, never a stack trace.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from luotsi.api.parsers import NulCharacterError, nul_message

UNPARSABLE_BODY = "Cannot parse request body"
# Ninja's own wording when the session auth refuses an unsafe request without the CSRF token.
CSRF_FAILED = "CSRF check Failed"


class FieldError(Schema):
    field: str = Field(
        description="the field at fault, e.g. full_name or contacts.0; __all__ for the request"
    )
    message: str


class ErrorOut(Schema):
    """Every error answer (4xx) of the API."""

    message: str
    errors: list[FieldError] = Field([], description="for bad input: each field at fault")


class NotFoundOut(ErrorOut):
    candidates: list[str] = Field([], description="addresses the client may have meant")


def responses(ok: Any, *errors: int, status: int = 200) -> dict[int, Any]:
    """An operation's `response=`: its answer and the error statuses it can give, so that the
    OpenAPI schema tells clients (and the fuzzing in tests/security) every answer to expect.

    400: the body is not a JSON object; 401: no valid token or session; 403: not allowed, or
    a session without its CSRF token; 404: not there or not visible; 422: invalid fields, or
    a NUL character in any text of the query or the body (parsers.JSONObjectParser)."""
    return {status: ok, **dict.fromkeys(errors, ErrorOut)}


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
        if isinstance(exc.__cause__, NulCharacterError):
            # The parser refused a NUL in the body: bad input in a field, like any other.
            errors = [{"field": exc.__cause__.field, "message": nul_message()}]
            return respond(request, 422, _("The request has invalid fields."), errors)
        message = str(exc.message)
        if exc.status_code == 400 and message.startswith(UNPARSABLE_BODY):
            # Ninja's own wording, raised when JSONObjectParser refuses the body.
            message = _("The request body must be a JSON object.")
        elif exc.status_code == 403 and message == CSRF_FAILED:
            message = _(
                "The CSRF check failed: a signed-in session must send its CSRF token "
                "(or use an API token)."
            )
        return respond(request, exc.status_code, message, [])
