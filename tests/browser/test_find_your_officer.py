"""Find your liaison officer by address and by clicking the map, in all three languages (by
address also in plain-language Finnish), in Debian's Chromium; and the district pages,
checked with axe-core."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {
    # button, address as typed, heading of the page, word for "district" in the result
    "fi": ("Suomi", "Mannerheimintie 5", "Etsi oma stadiluotsisi", "Vironniemi"),
    "sv": ("Svenska", "Mannerheimvägen 5", "Hitta din stadslots", "Estnäs"),
    "en": ("English", "mannerheimintie 5", "Find your liaison officer", "Vironniemi"),
    "fi-x-plain": ("Selkosuomi", "Mannerheimintie 5", "Etsi oma luotsi", "Vironniemi"),
}


def choose_language(page: Page, code: str) -> None:
    page.goto("/areas/")
    page.get_by_role("button", name=LANGUAGES[code][0], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)


@pytest.mark.parametrize("code", ["fi", "sv", "en", "fi-x-plain"])
def test_find_by_address_in_each_language(page: Page, personas: Personas, code: str):
    _button, address, heading, district = LANGUAGES[code]
    choose_language(page, code)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    field = page.locator("#id_address")
    field.fill(address)
    field.press("Enter")
    result = page.locator("#result")
    expect(result).to_contain_text(district)
    expect(result).to_contain_text(personas.officer_south.full_name)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_find_by_clicking_the_map_in_each_language(page: Page, personas: Personas, code: str):
    choose_language(page, code)
    map_element = page.locator("#find-map")
    expect(map_element).to_have_attribute("data-ready", "true")
    # Vuosaari metro station, converted to a pixel on the map by Leaflet itself.
    x, y = page.evaluate(
        """() => { const map = document.querySelector('#find-map').leafletMap;
                   const p = map.latLngToContainerPoint([60.20775, 25.14357]);
                   return [p.x, p.y]; }"""
    )
    map_element.click(position={"x": x, "y": y})
    expect(page).to_have_url(re.compile(r"lat=60\.2\d+&lon=25\.1\d+"))
    result = page.locator("#result")
    expect(result).to_contain_text("Vuosaari" if code != "sv" else "Nordsjö")
    expect(result).to_contain_text(personas.officer_east.full_name)
    assert_no_axe_violations(page)


def test_street_suggestions_appear_while_typing(page: Page, personas: Personas):
    page.goto("/areas/")
    page.locator("#id_address").press_sequentially("Mannerh", delay=30)
    suggestion = page.locator("#address-suggestions").get_by_role("link", name="Mannerheimintie")
    expect(suggestion).to_be_visible()
    assert_no_axe_violations(page)
    suggestion.click()
    # A street without a number offers house numbers to choose from.
    candidates = page.locator(".candidates").get_by_role("link")
    expect(candidates.first).to_be_visible()
    candidates.first.click()
    expect(page.locator("#result")).to_contain_text(personas.officer_south.full_name)


def test_search_and_list_work_without_javascript(browser: Browser, live_server, personas: Personas):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="fi-FI"
    )
    page = context.new_page()
    page.goto("/areas/")
    page.locator("#id_address").fill("Vuotie 45")
    page.get_by_role("button", name="Hae").click()
    expect(page.locator("#result")).to_contain_text(personas.officer_east.full_name)
    page.get_by_role("link", name="Myllypuro").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Myllypuro")
    context.close()


def test_an_unknown_address_explains_what_went_wrong(page: Page, personas: Personas):
    page.goto("/areas/?address=Olematonkatu+99")
    expect(page.locator("#result")).to_contain_text("Olematonkatu 99")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("code", ["1", "704"])
def test_area_pages_show_officer_map_and_figures_accessibly(page: Page, personas: Personas, code):
    page.goto(f"/areas/{code}/")
    expect(page.locator("#area-map")).to_have_attribute("data-ready", "true")
    expect(page.locator(".officer-card").first).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    assert_no_axe_violations(page)
    # The year can be changed with the keyboard.
    page.locator("#year").select_option("2018")
    page.locator("#year").press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"year=2018"))
    expect(page.locator("main")).to_contain_text("2018")
