"""The API documentation page, rendered on the server in Luotsi's accessible layout.

Swagger UI (Ninja's default) fails axe-core (contrast, nesting of interactive elements, no
`lang`) and needs inline styles that our CSP forbids; every Luotsi page must pass both. The
machine-readable schema stays at /api/v1/openapi.json for client generators and tools.
"""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

METHOD_ORDER = ("get", "post", "put", "patch", "delete")


class ServerRenderedDocs(DocsBase):
    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = [
            {
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": operation.get("parameters", []),
                "body": _body_fields(schema, operation),
                "responses": sorted(operation.get("responses", {}).items()),
                "needs_auth": bool(operation.get("security")),
            }
            for path, item in schema["paths"].items()
            for method in METHOD_ORDER
            if (operation := item.get(method))
        ]
        return render(
            request,
            "api/docs.html",
            {
                "title": schema["info"]["title"],
                "description": schema["info"].get("description", ""),
                "operations": operations,
                "openapi_url": self.get_openapi_url(api, kwargs),
            },
        )


def _body_fields(schema: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    content = operation.get("requestBody", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    if not ref:
        return []
    component = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    required = set(component.get("required", []))
    return [
        {
            "name": name,
            "type": _type_name(spec),
            "required": name in required,
            "pattern": spec.get("pattern", ""),
            "max_length": spec.get("maxLength"),
        }
        for name, spec in component.get("properties", {}).items()
    ]


def _type_name(spec: dict[str, Any]) -> str:
    if "type" in spec:
        return str(spec["type"])
    kinds = [str(option.get("type", "?")) for option in spec.get("anyOf", [])]
    return " | ".join(kinds) or "object"
