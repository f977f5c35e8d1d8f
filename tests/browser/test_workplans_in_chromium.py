"""Work plans and the design calculator in Debian's Chromium: an officer writes this year's
plan with the keyboard only (a goal with a mistake first, then right), the coordinator reads
everyone's plans, and the calculator compares the two models; every page passes axe-core."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from luotsi.insights.models import WorkPlan
from luotsi.testing import insights as ins
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _press(page: Page, selector: str, key: str = "Enter") -> None:
    page.locator(selector).focus()
    page.keyboard.press(key)


def test_an_officer_writes_a_plan_by_keyboard(page: Page, personas: Personas):
    sign_in(page, personas.officer_south.email)
    page.goto("/programme/work-plans/")
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_no_axe_violations(page)
    _press(page, "main form[action$='/new/'] button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Work plan")
    plan = WorkPlan.objects.get(officer=personas.officer_south, year=timezone.localdate().year)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Edit the initiatives").focus()
    page.keyboard.press("Enter")
    page.locator("#id_initiatives").focus()
    page.keyboard.type("More cafés in Kallio.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("More cafés in Kallio.")

    page.get_by_role("link", name="Add a goal").focus()
    page.keyboard.press("Enter")
    page.locator("#id_title").focus()
    page.keyboard.type("Reach associations")
    page.locator("#id_indicator").focus()
    page.locator("#id_indicator").select_option("campaign_coverage")
    page.locator("#id_target").focus()
    page.keyboard.type("150")
    _press(page, "main form button[type=submit]")
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Target")
    assert_no_axe_violations(page)
    page.locator("#id_indicator").select_option("organisations_reached")
    page.locator("#id_target").fill("")
    page.locator("#id_target").focus()
    page.keyboard.type("40")
    _press(page, "main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Reach associations")
    expect(page.locator("main")).to_contain_text("0 of 40")
    expect(page.locator("progress")).to_have_count(1)
    assert_no_axe_violations(page)
    assert plan.goals.get().target == 40

    page.get_by_role("link", name="Delete “Reach associations”").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("This cannot be undone.")
    assert_no_axe_violations(page)
    _press(page, "main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("No goals yet.")


def test_the_coordinator_reads_plans_and_uses_the_calculator(page: Page, personas: Personas):
    WorkPlan.objects.create(officer=personas.officer_south, year=timezone.localdate().year)
    ins.held_event(personas, district_code="102", came={"fi": 30, "sv": 10})
    ins.held_event(personas, district_code="101", came={"fi": 3})
    ins.refreshed()
    sign_in(page, personas.coordinator.email)
    page.goto("/programme/work-plans/")
    expect(page.locator("main")).to_contain_text("Sofia South")
    assert_no_axe_violations(page)
    page.goto("/programme/work-plans/?year=abc")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/programme/calculator/")
    expect(page.locator("figure.chart svg")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="English", exact=True).click()
    page.locator("summary", has_text="Choose single districts").focus()
    page.keyboard.press("Enter")  # the districts open by keyboard
    page.get_by_label("Ullanlinna").check()
    page.get_by_label("Vironniemi").check()
    page.get_by_label("My own number of residents per officer").check()
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(".error-summary")).to_contain_text("Residents per officer")
    assert_no_axe_violations(page)
    page.locator("#id_residents_per_officer").fill("10000")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator("main")).to_contain_text("The selection: 2 districts")
    expect(page.locator("main")).to_contain_text("Neither is a forecast")
    assert_no_axe_violations(page)
