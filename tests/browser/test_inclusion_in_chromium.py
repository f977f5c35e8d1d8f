"""The inclusion pages in Debian's Chromium: the overview, a district's detail and the
outreach gaps (with the map colouring districts by the indicator) pass axe-core in Finnish,
Swedish and English."""

import re

import pytest
from playwright.sync_api import Page, expect

from luotsi.testing import insights as ins
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE_BUTTONS = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_inclusion_pages_are_accessible_and_the_map_colours_districts(
    page: Page, personas: Personas, language: str
):
    ins.held_event(personas, district_code="101", came={"fi": 20, "sv": 6, "en": 5})
    ins.held_event(personas, district_code="102", came={"fi": 3})
    ins.held_event(personas, district_code="103", came={"fi": 40}, ages={"65_plus": 12})
    ins.refreshed()
    sign_in(page, personas.officer_south.email)
    page.goto("/inclusion/")
    if language != "fi":
        page.get_by_role("button", name=LANGUAGE_BUTTONS[language], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)
    expect(page.locator("main")).to_contain_text("<5")

    page.goto("/inclusion/districts/101/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/inclusion/gaps/?indicator=per_1000")
    map_box = page.locator("#gaps-map")
    expect(map_box).to_have_attribute("data-ready", "true")
    coloured = page.locator("#gaps-map path.leaflet-interactive")
    expect(coloured.first).to_be_visible()
    fills = {coloured.nth(i).get_attribute("fill") for i in range(coloured.count())}
    # Southern districts take the key's colours; the rest of the city is outline only.
    assert {"#08306b", "#f7fbff"} & fills, fills
    assert any(re.fullmatch(r"#[0-9a-f]{6}", f or "") for f in fills)
    assert_no_axe_violations(page)
