"""The coordinator's audit log in Debian's Chromium: reached from the dashboard, filtered
without JavaScript help, a bad date answered with an error naming the field, and no axe-core
violations in Finnish and English."""

import re

import pytest
from playwright.sync_api import Page, expect

from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("button", "code"), [("Suomi", "fi"), ("English", "en")])
def test_the_coordinator_searches_the_audit_log(
    page: Page, personas: Personas, button: str, code: str
):
    audit_record(
        actor=personas.officer_south,
        action=AuditAction.VIEW,
        object_type="network.contact",
        object_id="42",
    )
    audit_record(
        actor=personas.officer_east,
        action=AuditAction.EXPORT,
        object_type="campaigns.campaign",
        object_id="7",
        summary="3 targets with their answers as csv",
    )
    sign_in(page, personas.coordinator.email)
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)

    page.locator("main a[href='/privacy/audit/']").click()
    expect(page).to_have_url(re.compile(r"/privacy/audit/$"))
    expect(page.locator("table caption")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(2)
    assert_no_axe_violations(page)

    page.locator("#id_object_type").fill("network.contact")
    page.locator("#id_object_type").press("Enter")
    expect(page).to_have_url(re.compile(r"object_type=network.contact"))
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("Sofia South")

    page.goto("/privacy/audit/?start=2025-03-12&end=2025-03-11")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_end']")).to_be_visible()
    expect(page.locator("table")).to_have_count(0)
    assert_no_axe_violations(page)
