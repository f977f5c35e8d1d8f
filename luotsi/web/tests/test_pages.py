import datetime
import re

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from luotsi.accounts import services
from luotsi.accounts.models import User
from luotsi.web.views import errors

pytestmark = pytest.mark.django_db


def in_language(client: Client, code: str) -> Client:
    client.cookies["django_language"] = code
    return client


@pytest.mark.parametrize(
    ("code", "heading"),
    [("fi", "Oma stadiluotsisi"), ("sv", "Din stadslots"), ("en", "Your district liaison officer")],
)
def test_home_is_served_in_each_language(client: Client, personas, code, heading):
    with translation.override(code):
        expected = translation.gettext("Your district liaison officer")
    assert expected.startswith(heading.split()[0])
    html = in_language(client, code).get("/").content.decode()
    assert f'<html lang="{code}">' in html
    assert f"<h1>{expected}</h1>" in html


def test_home_lists_every_major_district_with_its_current_officer(client: Client, personas):
    html = in_language(client, "fi").get("/").content.decode()
    assert html.count('<th scope="row">') == 8
    assert "Eteläinen suurpiiri" in html and "Sofia South" in html
    assert "Östersundomin suurpiiri" in html
    assert html.count("Elias East") == 2  # Eastern and Östersundom
    assert "Bo Business" in html


def test_district_names_follow_the_language(client: Client, personas):
    assert "Södra stordistriktet" in in_language(client, "sv").get("/").content.decode()
    assert "Southern major district" in in_language(client, "en").get("/").content.decode()


def test_an_officer_who_has_left_is_no_longer_shown(client: Client, officer_south: User):
    assignment = officer_south.assignments.get()
    services.assignment_end(assignment=assignment, ends_on=datetime.date(2025, 12, 31))
    html = client.get("/").content.decode()
    assert "Sofia South" not in html


def test_dashboard_shows_role_and_assignments(client: Client, officer_east: User):
    client.force_login(officer_east)
    html = in_language(client, "en").get("/dashboard/").content.decode()
    assert "District liaison officer" in html
    assert "Eastern major district, Östersundom major district" in html


def test_resident_gets_the_translated_403_page_on_the_dashboard(client: Client, resident: User):
    client.force_login(resident)
    for code in ("fi", "sv", "en"):
        response = in_language(client, code).get("/dashboard/")
        assert response.status_code == 403
        with translation.override(code):
            assert translation.gettext("No access") in response.content.decode()


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_404_page_is_translated(client: Client, code):
    response = in_language(client, code).get("/no/such/page/")
    assert response.status_code == 404
    with translation.override(code):
        assert translation.gettext("Page not found") in response.content.decode()


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_400_and_500_pages_are_translated(code):
    request = RequestFactory().get("/")
    with translation.override(code):
        server_error = errors.server_error(request)
        bad_request = errors.bad_request(request, Exception())
        assert server_error.status_code == 500
        assert translation.gettext("Something went wrong") in server_error.content.decode()
        assert f'<html lang="{code}">' in server_error.content.decode()
        assert bad_request.status_code == 400
        assert translation.gettext("Bad request") in bad_request.content.decode()


def test_pages_carry_a_strict_content_security_policy(client: Client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_language_switch_keeps_the_visitor_on_the_same_page(client: Client):
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/accounts/login/"})
    assert response["Location"] == "/accounts/login/"
    assert b'<html lang="sv">' in client.get("/accounts/login/").content


def test_language_switch_ignores_an_unknown_language_and_foreign_redirects(client: Client):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "django_language" not in response.cookies


def test_a_bad_host_header_gets_the_400_page_not_a_500(client: Client):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/password/reset/"])
def test_every_page_shows_the_product_name_in_the_header_and_title(client: Client, url):
    # Django's auth views put the request's host into their own "site_name" context.
    html = client.get(url).content.decode()
    assert '<a class="brand" href="/">Luotsi <span' in html
    assert re.search(r"<title>[^<]+ – Luotsi</title>", html)
