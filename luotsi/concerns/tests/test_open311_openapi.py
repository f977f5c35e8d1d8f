"""The Open311 endpoints' OpenAPI document (/open311/v2/openapi.json) and the refusal of NUL
characters, which PostgreSQL can neither store nor look for (they were 500s)."""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from luotsi.concerns.models import Message
from luotsi.concerns.open311.keys import api_key_issue
from luotsi.testing import concerns as cn

pytestmark = pytest.mark.django_db

V2 = "/open311/v2/"


def open311_routes() -> set[str]:
    """The Open311 URL patterns as OpenAPI paths: `<str:fmt>` → `{format}`."""
    (resolver,) = [
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and str(p.pattern) == "open311/v2/"
    ]
    routes = set()
    for pattern in resolver.url_patterns:
        route = str(pattern.pattern).replace("<str:fmt>", "{format}")
        routes.add("/open311/v2/" + re.sub(r"<str:(\w+)>", r"{\1}", route))
    return routes - {"/open311/v2/openapi.json"}


def test_the_document_describes_every_open311_url_and_its_errors():
    response = Client().get(f"{V2}openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == open311_routes()
    posting = document["paths"]["/open311/v2/requests.{format}"]["post"]
    assert {"201", "400", "403", "404"} <= set(posting["responses"])
    content = posting["requestBody"]["content"]["application/x-www-form-urlencoded"]
    assert content["schema"] == {"$ref": "#/components/schemas/NewRequest"}


def test_the_document_is_only_read():
    assert Client().post(f"{V2}openapi.json").status_code == 405


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("requests.{fmt}?service_code=parks%00", "service_code"),
        ("requests.{fmt}?service_request_id=2026-%0001", "service_request_id"),
        ("requests/2026-%0001.{fmt}", "service_request_id"),
        ("services/par%00ks.{fmt}", "service_code"),
        ("services.{fmt}?locale=f%00i", "locale"),
    ],
)
def test_a_nul_character_anywhere_is_a_400_naming_the_parameter(path, named, fmt):
    response = Client().get(V2 + path.format(fmt=fmt))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json" if fmt == "json" else "text/xml")
    assert f"<description>{named}: " in response.content.decode() or (
        fmt == "json" and response.json()[0]["description"].startswith(f"{named}: ")
    )


def test_a_posted_text_with_a_nul_character_is_a_400_and_stores_nothing():
    key = api_key_issue(name="Fix-it app")[1]
    lat, lon = cn.SOUTH
    form = {"api_key": key, "service_code": "parks", "lat": lat, "long": lon}
    response = Client().post(f"{V2}requests.json", {**form, "description": "Broken\x00fence"})
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("description: ")
    assert not Message.objects.exists()
    ok = Client().post(f"{V2}requests.json", {**form, "description": "Broken fence"})
    assert ok.status_code == 201
