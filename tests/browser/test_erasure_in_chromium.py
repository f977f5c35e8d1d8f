"""Erasing a person's data in Debian's Chromium, by keyboard where people type: the
coordinator from the subject page (a mistyped confirmation first), a resident their own
account (a wrong password first); zero axe-core violations on every page on the way."""

import re

import pytest
from playwright.sync_api import Page, expect

from luotsi.accounts.models import User
from luotsi.events.models import Registration
from luotsi.testing import events as ev
from luotsi.testing.factories import TEST_PASSWORD
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _registration_of(personas: Personas, email: str) -> Registration:
    return ev.registration(ev.event(personas), email=email, name="Raili Rekisteröity")


@pytest.mark.parametrize(("button", "code"), [("Suomi", "fi"), ("English", "en")])
def test_the_coordinator_erases_a_person_after_typing_the_address_again(
    page: Page, personas: Personas, button: str, code: str
):
    registration = _registration_of(personas, "raili@example.org")
    sign_in(page, personas.coordinator.email)
    page.goto("/")
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)

    page.goto("/privacy/subject/?email=raili@example.org")
    page.locator("main a[href^='/privacy/subject/erase/']").click()
    expect(page).to_have_url(re.compile(r"/privacy/subject/erase/\?email="))
    assert_no_axe_violations(page)

    confirm = page.locator("#id_confirm")
    confirm.focus()
    page.keyboard.type("raili@example.com")
    page.keyboard.press("Enter")
    expect(page.locator("#id_confirm")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    registration.refresh_from_db()
    assert registration.email == "raili@example.org"

    page.locator("#id_confirm").fill("")
    page.locator("#id_confirm").focus()
    page.keyboard.type("raili@example.org")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/privacy/subject/$"))
    assert_no_axe_violations(page)
    registration.refresh_from_db()
    assert registration.email != "raili@example.org"
    assert Registration.objects.filter(event=registration.event).count() == 1


def test_a_resident_erases_their_own_account(page: Page, personas: Personas):
    resident = personas.resident
    _registration_of(personas, resident.email)
    sign_in(page, resident.email)
    page.goto("/privacy/export/")
    page.locator("main a[href='/privacy/erase/']").click()
    expect(page).to_have_url(re.compile(r"/privacy/erase/$"))
    assert_no_axe_violations(page)

    page.locator("#id_password").focus()
    page.keyboard.type("not-the-password")
    page.keyboard.press("Enter")
    expect(page.locator("#id_password")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    assert User.objects.get(pk=resident.pk).is_active

    page.locator("#id_password").focus()
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/privacy/erase/done/$"))
    assert_no_axe_violations(page)
    assert not User.objects.filter(pk=resident.pk, is_active=True).exists()
    assert not Registration.objects.filter(email__iexact=resident.email).exists()
    # Signed out: the profile asks to sign in.
    page.goto("/accounts/profile/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
