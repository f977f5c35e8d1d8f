import pytest
from django.test import Client

from luotsi.accounts import services
from luotsi.accounts.models import ApiToken
from luotsi.testing import network as net

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_a_token_reads_the_api_with_its_owners_permissions(personas):
    net.contact(personas, "101", "Paula Private")
    _record, token = services.api_token_create(user=personas.officer_east, name="script")
    response = Client().get("/api/v1/network/contacts", headers=bearer(token))
    assert response.status_code == 200
    assert response.json()["count"] == 0  # Paula is private to the Southern district
    assert Client().get("/api/v1/me", headers=bearer(token)).json()["email"] == (
        personas.officer_east.email
    )


def test_tokens_are_stored_hashed_and_can_be_revoked(personas):
    record, token = services.api_token_create(user=personas.officer_south, name="script")
    assert token not in ApiToken.objects.values_list("key_hash", flat=True)[0]
    services.api_token_revoke(token=record)
    assert Client().get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_a_wrong_token_is_a_401(personas):
    assert Client().get("/api/v1/me", headers=bearer("lt_nonsense")).status_code == 401


def test_residents_get_no_tokens(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.api_token_create(user=personas.resident, name="x")


def test_the_token_page_shows_a_new_token_once(client: Client, personas):
    client.force_login(personas.officer_south)
    page = client.post("/accounts/tokens/", {"name": "Reporting"}).content.decode()
    assert "lt_" in page
    assert "lt_" not in client.get("/accounts/tokens/").content.decode()
