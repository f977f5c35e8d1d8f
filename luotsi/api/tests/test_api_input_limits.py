"""Odd input the fuzzing (tests/security/test_api_fuzz.py) found answered 500: a NUL character
(PostgreSQL cannot store or compare one), paging past the databases' 64-bit integers, and a
POST with a wrong token refused as a CSRF failure. Each is now a 4xx naming what is wrong."""

import json

import pytest
from django.test import Client
from django.utils import translation

from luotsi.accounts.models import User
from luotsi.accounts.services import api_token_create
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def fields_of(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/events/?text=caf%00e", "text"),
        ("/api/v1/events/?division=kallio%00", "division"),
        ("/api/v1/materials/items?district=10%001", "district"),
        ("/api/v1/areas/locate?address=Mannerheimintie%005", "address"),
    ],
)
def test_a_nul_character_in_the_query_is_a_422_naming_the_parameter(url, field):
    response = Client().get(url)
    assert response.status_code == 422
    assert fields_of(response) == [field]


def test_a_nul_character_in_the_body_is_a_422_naming_the_field_and_changes_nothing(
    resident: User,
):
    client = Client()
    client.force_login(resident)
    body = json.dumps({"full_name": "Riku\x00R."})
    response = client.patch("/api/v1/me", data=body, content_type="application/json")
    assert response.status_code == 422
    assert fields_of(response) == ["full_name"]
    resident.refresh_from_db()
    assert resident.full_name == "Riku Resident"


def test_a_nul_character_deep_in_the_body_is_named_by_its_path(personas: Personas):
    token = api_token_create(user=personas.officer_south, name="script")[1]
    body = {"occurred_on": "2026-05-04", "channel": "meeting", "summary": "Met", "district": "101"}
    response = Client().post(
        "/api/v1/network/interactions",
        data=json.dumps({**body, "contacts": [1, "x\x00"]}),
        content_type="application/json",
        headers=bearer(token),
    )
    assert response.status_code == 422
    assert fields_of(response) == ["contacts.1"]


def test_an_area_code_with_a_nul_character_is_not_found():
    assert Client().get("/api/v1/areas/10%001").status_code == 404
    assert Client().get("/api/v1/areas/10%001/geojson").status_code == 404


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/network/contacts?offset=26155670307127645175808", "offset"),
        ("/api/v1/network/interactions?limit=1000000000000000000000", "limit"),
        ("/api/v1/events/?page=100000000000000000000", "page"),
        ("/api/v1/materials/items?page=100000000000000000000", "page"),
    ],
)
def test_paging_beyond_what_a_database_can_count_is_a_422(personas: Personas, url, field):
    token = api_token_create(user=personas.coordinator, name="script")[1]
    response = Client().get(url, headers=bearer(token))
    assert response.status_code == 422
    assert fields_of(response) == [field]


def test_ordinary_paging_still_works(personas: Personas):
    token = api_token_create(user=personas.coordinator, name="script")[1]
    response = Client().get("/api/v1/network/contacts?limit=1000&offset=0", headers=bearer(token))
    assert response.status_code == 200


def test_a_post_with_a_wrong_token_and_no_session_is_a_401_not_a_csrf_failure():
    client = Client(enforce_csrf_checks=True)  # as a real client: no test-client CSRF bypass
    response = client.post(
        "/api/v1/network/interactions",
        data="{}",
        content_type="application/json",
        headers=bearer("lt_nonsense"),
    )
    assert response.status_code == 401


def test_a_session_without_its_csrf_token_is_a_403_that_says_so(resident: User):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(resident)
    with translation.override("en"):
        response = client.patch("/api/v1/me", data="{}", content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
    assert response.json()["message"] != "CSRF check Failed"  # ours, translatable


def test_the_schema_declares_each_operations_error_answers():
    schema = Client().get("/api/v1/openapi.json").json()
    contact = schema["paths"]["/api/v1/network/contacts/{pk}"]["get"]["responses"]
    assert set(contact) == {"200", "401", "403", "404", "422"}
    error = contact["404"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/ErrorOut"}
    locate = schema["paths"]["/api/v1/areas/locate"]["get"]["responses"]
    assert locate["404"]["content"]["application/json"]["schema"]["$ref"].endswith("NotFoundOut")
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert "422" in operation["responses"], f"{method} {path}"
