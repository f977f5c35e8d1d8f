"""Ways to take part in Debian's Chromium: a resident switches to English, chooses their
district and finds both an officer-entered hearing and a Luotsi event there."""

import pytest
from playwright.sync_api import Page, expect

from luotsi.testing import events as ev
from luotsi.testing import opportunities as op
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_finds_what_is_open_in_their_district_in_english(page: Page, personas: Personas):
    op.opportunity(
        district_codes=("704",),
        title_en="Hearing on the Vuosaari harbour park",
        material_formats="print, plain language",
        contact_officer=personas.officer_east,
    )
    ev.event(personas, district_code="704", organiser=personas.officer_east)

    page.goto("/take-part/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ways to take part")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Vuosaari", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vuosaari")
    open_now = page.locator("section", has=page.get_by_role("heading", name="Open now"))
    expect(
        open_now.get_by_role("heading", name="Hearing on the Vuosaari harbour park")
    ).to_be_visible()
    expect(open_now.get_by_role("heading", name="Residents' café")).to_be_visible()
    expect(open_now).to_contain_text("Elias East")
    assert_no_axe_violations(page)

    page.get_by_role("textbox", name="Language").fill("sv")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Residents' café")).to_be_visible()
    assert_no_axe_violations(page)
