"""The programme cost pages in Debian's Chromium: the coordinator reads the cost table with
its chart, compares years, sets a year's cost per officer and records and removes another
cost (after confirming); every page passes axe-core, in Finnish and English."""

import pytest
from playwright.sync_api import Page, expect

from luotsi.insights.models import ProgrammeCost, ProgrammeYear
from luotsi.insights.tests.test_costs import build_fixture
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_reads_and_sets_the_costs_in_finnish(page: Page, personas: Personas):
    build_fixture(personas)
    sign_in(page, personas.coordinator.email)
    page.goto("/programme/costs/?year=2025")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("main")).to_contain_text("335\u00a0600,00\u00a0€")
    expect(page.locator("figure.chart svg")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/programme/costs/years/?first=2024&last=2025")
    expect(page.locator("main")).to_contain_text("110\u00a0999,00\u00a0€")
    assert_no_axe_violations(page)

    page.goto("/programme/costs/2026/")
    assert_no_axe_violations(page)
    field = page.locator("#id_cost_per_person_year")
    field.fill("-5")
    page.locator("button[name=action][value=rate]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#id_cost_per_person_year").fill("95 000")
    page.locator("button[name=action][value=rate]").click()
    expect(page.locator("main")).to_contain_text("95\u00a0000,00\u00a0€")
    assert ProgrammeYear.objects.get(year=2026).cost_per_person_year == 95000

    page.locator("#id_category").select_option("premises")
    page.locator("#id_description").fill("Toimistotila")
    page.locator("#id_amount").fill("1 200,50")
    page.locator("button[name=action][value=add]").click()
    expect(page.locator("main")).to_contain_text("Toimistotila")
    page.locator("main table a[href$='/remove/']").first.click()
    assert_no_axe_violations(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).not_to_contain_text("Toimistotila")
    assert not ProgrammeCost.objects.filter(description="Toimistotila").exists()


def test_officer_reads_own_costs_in_english(page: Page, personas: Personas):
    build_fixture(personas)
    sign_in(page, personas.officer_south.email)
    page.goto("/programme/costs/?year=2025")
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("Southern major district")
    expect(page.locator("main")).not_to_contain_text("Eastern major district")
    page.get_by_text("How costs are counted").click()
    assert_no_axe_violations(page)
