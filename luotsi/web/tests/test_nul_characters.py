"""A NUL character in a page's address is a 400 page in the visitor's language, never a 500
(PostgreSQL refuses NUL in strings); the API and Open311 keep their own error formats."""

import pytest
from django.test import Client
from django.utils import translation

from luotsi.testing import events as ev


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "url",
    [
        "/events/?q=caf%00e",
        "/events/?%00=1",
        "/events/calendar/10%001.ics",
        "/events/registrations/abc%00def/",
        "/find/?address=Mannerheimintie%001",
    ],
)
def test_a_nul_in_the_address_is_a_translated_400_page(personas, url):
    ev.event(personas)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(url)
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_the_same_pages_without_nul_still_work(personas):
    ev.event(personas)
    assert Client().get("/events/?q=cafe").status_code == 200


def test_the_api_answers_nul_in_its_own_format(personas):
    response = Client().get("/api/v1/events/?text=caf%00e")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
