"""Enumerate every endpoint of the project, for the authorization matrix test.

A URL pattern is keyed by its full route string (unique and visible in the code); an API
operation by "METHOD /api/v1/path". Ninja also registers one Django URL pattern per API path;
those are covered by the operation keys instead, since one path serves several methods.
"""

from collections.abc import Iterable

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

# Ninja's own pages in the API namespace, which are not operations.
NINJA_PAGES = {"openapi-json", "openapi-view", "api-root"}


def url_pattern_keys(
    patterns: Iterable[URLPattern | URLResolver],
    api_namespace: str = "api",
    prefix: str = "",
    namespace: str | None = None,
) -> set[str]:
    keys: set[str] = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            keys |= url_pattern_keys(
                pattern.url_patterns, api_namespace, route, pattern.namespace or namespace
            )
        elif namespace == api_namespace and pattern.name not in NINJA_PAGES:
            continue
        else:
            keys.add(route)
    return keys


def api_operation_keys(api: NinjaAPI, mount: str = "/api/v1") -> set[str]:
    keys: set[str] = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full_path = (mount + "/" + prefix.strip("/") + "/" + path.lstrip("/")).replace(
                "//", "/"
            )
            for operation in path_view.operations:
                keys.update(f"{method} {full_path}" for method in operation.methods)
    return keys
