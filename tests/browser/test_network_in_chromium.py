"""The officer's memory in Chromium: keyboard-only logging of an interaction with a
commitment from a contact page, and the network pages checked with axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from luotsi.network.models import Commitment, Interaction
from luotsi.testing import network as net
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    expect(target).to_be_focused()


def test_officer_logs_an_interaction_with_a_commitment_by_keyboard(page: Page, personas: Personas):
    contact = net.contact(personas, "101", "Paula Private")
    sign_in(page, personas.officer_south.email)
    page.goto(f"/network/contacts/{contact.pk}/")
    assert_no_axe_violations(page)

    tab_to(page, "#id_channel")
    page.keyboard.press("End")  # the last channel: "Other"
    page.keyboard.press("Tab")
    expect(page.locator("#id_summary")).to_be_focused()
    page.keyboard.type("Talked about the playground renovation.")
    tab_to(page, "#id_commitment", limit=5)
    page.keyboard.type("Ask the parks department about the swings")
    page.keyboard.press("Tab")
    expect(page.locator("#id_commitment_due_on")).to_be_focused()
    # Headless Chromium orders the date field's segments month/day/year (its own en-US
    # locale, whatever the page language); the value sent is ISO either way.
    page.keyboard.type("12312026")
    tab_to(page, ".quick-entry button[type=submit]", limit=5)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/network/contacts/{contact.pk}/$"))
    expect(page.locator(".timeline")).to_contain_text("playground renovation")
    expect(page.locator("main")).to_contain_text("Ask the parks department about the swings")
    interaction = Interaction.objects.get()
    assert list(interaction.contacts.all()) == [contact]
    commitment = Commitment.objects.get()
    assert (commitment.owner, str(commitment.due_on)) == (personas.officer_south, "2026-12-31")
    assert_no_axe_violations(page)


def test_network_pages_are_accessible(page: Page, personas: Personas):
    organisation = net.organisation(personas, "101")
    net.note(personas, "101")
    net.commitment(personas, "101")
    sign_in(page, personas.coordinator.email)
    assignment = personas.officer_south.assignments.get()
    for url in [
        "/network/",
        "/network/organisations/",
        f"/network/organisations/{organisation.pk}/",
        "/network/organisations/new/",
        "/network/contacts/",
        "/network/contacts/new/",
        "/network/commitments/",
        "/network/notes/",
        "/network/notes/new/",
        "/network/search/?q=Kruunu",
        "/network/districts/101/",
        "/network/handover/",
        f"/network/handover/{assignment.pk}/",
        "/network/imports/",
        "/accounts/tokens/",
        "/dashboard/",
    ]:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert_no_axe_violations(page)


def test_the_handover_dossier_pdf_opens(page: Page, personas: Personas):
    net.commitment(personas, "101")
    sign_in(page, personas.coordinator.email)
    assignment = personas.officer_south.assignments.get()
    page.goto(f"/network/handover/{assignment.pk}/")
    link = page.get_by_role("link", name="PDF")
    expect(link).to_be_visible()
    response = page.request.get(link.get_attribute("href") or "")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF") and len(body) > 2000
