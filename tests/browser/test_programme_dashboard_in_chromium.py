"""The programme dashboard in Debian's Chromium: the coordinator opens /programme/, changes
the period, reaches a major district's drill-down with the keyboard alone and opens the team's
calendar; every page passes axe-core (Finnish and English)."""

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from luotsi.areas.models import MajorDistrict
from luotsi.insights.tests.test_dashboard_figures import build_fixture
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page: Page, selector: str, most: int = 300) -> None:
    """Press Tab until the element is focused (so it is reachable by keyboard)."""
    target = page.locator(selector)
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")


@pytest.mark.parametrize("language", ["fi", "en"])
def test_coordinator_changes_the_period_and_drills_into_a_district(
    page: Page, personas: Personas, language: str
):
    cache.clear()
    build_fixture(personas)
    south = MajorDistrict.objects.get(city__slug="helsinki", number=1)
    sign_in(page, personas.coordinator.email)
    page.goto("/programme/")
    if language != "fi":
        page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)

    page.locator("#id_year").fill("2025")
    page.locator("main form[method=get] button[type=submit]").click()
    page.wait_for_url("**/programme/?year=2025*")
    expect(page.locator('dl[data-row="team-team"] dd[data-figure="interactions"]')).to_have_text(
        "4"
    )
    expect(page.locator("figure.chart svg").first).to_be_visible()
    page.locator("details.how-counted summary").click()
    assert_no_axe_violations(page)

    link = f'main a[href^="/programme/districts/{south.code}/"]'
    _tab_to(page, link)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/programme/districts/{south.code}/*")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator('dl[data-row="team-team"] dd[data-figure="attendance"]')).to_have_text("7")
    assert_no_axe_violations(page)

    page.goto("/programme/calendar/?start=2025-04-01&end=2025-04-30")
    expect(page.locator("main table").first).to_be_visible()
    assert_no_axe_violations(page)
