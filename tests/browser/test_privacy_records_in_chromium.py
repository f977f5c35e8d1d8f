"""The records of processing in Debian's Chromium: reached from the footer, readable in
Finnish, Swedish and English, and without axe-core violations in each."""

import re

import pytest
from playwright.sync_api import Page, expect

from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [("Suomi", "fi"), ("Svenska", "sv"), ("English", "en")]


@pytest.mark.parametrize(("button", "code"), LANGUAGES)
def test_a_resident_reads_the_records_of_processing_from_the_footer(
    page: Page, personas: Personas, button: str, code: str
):
    page.goto("/")
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)

    page.locator("footer a[href='/privacy/records/']").click()

    expect(page).to_have_url(re.compile(r"/privacy/records/$"))
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("table caption")).to_be_visible()
    expect(page.locator("h3[id^='activity-']").first).to_be_visible()
    assert_no_axe_violations(page)
