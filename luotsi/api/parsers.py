import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser

NUL = "\x00"


class NulCharacterError(ValueError):
    """A text in the request contains NUL, which PostgreSQL cannot store or even compare
    (psycopg refuses the query: a 500). Django's forms refuse it too."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def nul_message() -> str:
    return _("Contains a NUL character, which is not allowed.")


def _first_nul(value: Any, path: str) -> str | None:
    """The path (a.b.0) of the first text in a JSON value that contains NUL, or None."""
    if isinstance(value, str):
        return path if NUL in value else None
    if not isinstance(value, dict | list):
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        name = f"{path}.{key}" if path else str(key)
        if NUL in str(key):
            return name
        found = _first_nul(item, name)
        if found is not None:
            return found
    return None


class JSONObjectParser(Parser):
    """Accept only a JSON object as a request body, and no NUL in any text of the body or the
    query string.

    Ninja schemas can be read from attributes, so a body like `[]` or `"text"` would otherwise
    validate as "no fields given" and succeed; a client sending that has a bug worth a 400.
    """

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the request body is not a JSON object")
        field = _first_nul(data, "")
        if field is not None:
            # Ninja turns any error here into a 400; errors.py makes this one a 422.
            raise NulCharacterError(field)
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for key, values in data.lists():
            if any(NUL in value for value in [key, *values] if isinstance(value, str)):
                raise ValidationError(
                    [{"loc": ("query", key.replace(NUL, "")), "msg": nul_message()}]
                )
        return super().parse_querydict(data, list_fields, request)
