import json
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser


class JSONObjectParser(Parser):
    """Accept only a JSON object as a request body.

    Ninja schemas can be read from attributes, so a body like `[]` or `"text"` would otherwise
    validate as "no fields given" and succeed; a client sending that has a bug worth a 400.
    """

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the request body is not a JSON object")
        return data
