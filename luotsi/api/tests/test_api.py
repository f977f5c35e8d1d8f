import json

import pytest
from django.test import Client

from luotsi.accounts.models import User

pytestmark = pytest.mark.django_db


def patch(client: Client, body: object, **headers: str):
    return client.patch(
        "/api/v1/me", data=json.dumps(body), content_type="application/json", headers=headers
    )


def test_me_returns_the_role_and_assignments(client: Client, officer_east: User):
    client.force_login(officer_east)
    body = client.get("/api/v1/me").json()
    assert body["role"] == "district_officer"
    assert body["assignments"][0]["kind"] == "district"
    assert body["assignments"][0]["major_districts"] == [
        "Itäinen suurpiiri",
        "Östersundomin suurpiiri",
    ]


def test_anonymous_gets_a_json_401_with_a_message(client: Client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["message"]


def test_bad_field_gets_422_naming_the_field_and_changes_nothing(client: Client, resident: User):
    client.force_login(resident)
    response = patch(client, {"preferred_language": "klingon", "full_name": "Changed"})
    assert response.status_code == 422
    body = response.json()
    assert body["message"]
    assert [error["field"] for error in body["errors"]] == ["preferred_language"]
    resident.refresh_from_db()
    assert resident.full_name == "Riku Resident"


def test_partial_update_keeps_the_other_fields(client: Client, resident: User):
    client.force_login(resident)
    response = patch(client, {"full_name": "Riku R."})
    assert response.status_code == 200
    assert response.json()["preferred_language"] == "fi"
    resident.refresh_from_db()
    assert resident.full_name == "Riku R."


@pytest.mark.parametrize("raw", ["{not json", "[]", '"text"', ""])
def test_malformed_bodies_get_a_4xx_json_answer_not_a_500(client: Client, resident: User, raw):
    client.force_login(resident)
    response = client.patch("/api/v1/me", data=raw, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()["message"]


def test_error_messages_follow_the_requested_language(client: Client):
    english = client.get("/api/v1/me", headers={"accept-language": "en"}).json()["message"]
    swedish = client.get("/api/v1/me", headers={"accept-language": "sv"}).json()["message"]
    finnish = client.get("/api/v1/me", headers={"accept-language": "fi"}).json()["message"]
    assert len({english, swedish, finnish}) == 3


def test_openapi_schema_documents_the_operations(client: Client):
    schema = client.get("/api/v1/openapi.json").json()
    assert set(schema["paths"]["/api/v1/me"]) == {"get", "patch"}
