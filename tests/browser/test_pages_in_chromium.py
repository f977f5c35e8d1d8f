"""Sign in as every persona, switch languages, use the keyboard only, and check every page
reached with axe-core (zero violations), in Debian's Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from luotsi.accounts.models import User
from luotsi.testing.factories import TEST_PASSWORD
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_IN = [
    "resident",
    "official",
    "officer_south",
    "officer_east",
    "business_officer",
    "coordinator",
]


def sign_in(page: Page, email: str, password: str = TEST_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("Sähköpostiosoite|E-postadress|E-mail address")).fill(email)
    page.get_by_label(re.compile("Salasana|Lösenord|Password")).fill(password)
    page.locator("main").get_by_role("button", name=re.compile("Kirjaudu|Logga in|Sign in")).click()


@pytest.mark.parametrize("name", SIGNED_IN)
def test_each_persona_signs_in_and_every_page_reached_is_accessible(
    page: Page, personas: Personas, name: str
):
    person = personas.get(name)
    assert isinstance(person, User)
    page.goto("/")
    assert_no_axe_violations(page)
    page.goto("/accounts/login/")
    assert_no_axe_violations(page)

    sign_in(page, person.email)

    if name == "resident":
        expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    else:
        expect(page).to_have_url(re.compile(r"/dashboard/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Työpöytä")
        assert_no_axe_violations(page)
        page.goto("/accounts/profile/")
    expect(page.get_by_text(person.email)).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/accounts/password/change/")
    assert_no_axe_violations(page)


def test_language_switcher_changes_the_whole_page(page: Page, personas: Personas):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expected = {
        "Svenska": ("sv", "Din stadslots"),
        "English": ("en", "Your district liaison officer"),
        "Selkosuomi": ("fi-x-plain", "Oman alueesi luotsi"),
        "Suomi": ("fi", "stadiluotsi"),
    }
    for button, (code, heading) in expected.items():
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        expect(page.get_by_role("button", name=button, exact=True)).to_have_attribute(
            "aria-pressed", "true"
        )
        assert_no_axe_violations(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_sign_in_works_with_the_keyboard_alone(page: Page, personas: Personas):
    page.goto("/")
    sign_in_link = page.get_by_role("link", name="Kirjaudu sisään")
    for _ in range(20):  # Tab from the top of the page to the sign-in link.
        page.keyboard.press("Tab")
        if sign_in_link.evaluate("el => el === document.activeElement"):
            break
    expect(sign_in_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    # The e-mail field takes the focus when the page opens.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(personas.officer_south.email)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_failed_sign_in_shows_an_accessible_error(page: Page, personas: Personas):
    sign_in(page, personas.resident.email, password="wrong password")
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_axe_violations(page)


def test_error_and_reset_pages_are_accessible(page: Page, personas: Personas):
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    assert_no_axe_violations(page)
    page.goto("/accounts/password/reset/")
    assert_no_axe_violations(page)
    page.get_by_label(re.compile("Sähköposti")).fill("nobody@example.org")
    page.locator("main").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/sent/$"))
    assert_no_axe_violations(page)


def test_coordinator_admin_pages_are_accessible(page: Page, personas: Personas):
    sign_in(page, personas.coordinator.email)
    assignment = personas.officer_south.assignments.get()
    for url in [
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{personas.resident.pk}/change/",
        "/admin/accounts/officerassignment/",
        f"/admin/accounts/officerassignment/{assignment.pk}/change/",
        "/admin/accounts/officerassignment/add/",
        "/admin/areas/majordistrict/",
    ]:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert_no_axe_violations(page)


def test_api_documentation_page_is_accessible(page: Page):
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", level=3).first).to_contain_text("/api/v1/me")
    assert_no_axe_violations(page)
