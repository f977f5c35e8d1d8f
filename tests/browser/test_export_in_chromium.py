"""A resident downloads their own data in Debian's Chromium: from the profile, through the
one-time link, in Finnish and English, with no axe-core violations on the pages; the link
does not work a second time."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("button", "code"), [("Suomi", "fi"), ("English", "en")])
def test_a_resident_downloads_their_data_once(
    page: Page, personas: Personas, button: str, code: str
):
    sign_in(page, personas.resident.email)
    page.goto("/")
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)

    page.goto("/accounts/profile/")
    page.locator("main a[href='/privacy/export/']").click()
    expect(page).to_have_url(re.compile(r"/privacy/export/$"))
    assert_no_axe_violations(page)

    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/privacy/export/ready/$"))
    assert_no_axe_violations(page)
    link = page.locator("main a[href^='/privacy/export/'][download]")
    href = link.get_attribute("href")
    with page.expect_download() as info:
        link.click()
    data = json.loads(Path(info.value.path()).read_text())
    assert data["subject"]["email"] == personas.resident.email

    page.goto(str(href))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", code)
    assert_no_axe_violations(page)
