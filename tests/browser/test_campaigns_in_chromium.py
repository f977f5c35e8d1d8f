"""Campaigns in Debian's Chromium: a business officer creates a street campaign, sees the
businesses on the street become targets, records a visit and prints the walking list; every
page passes axe-core.

The helpers below (the businesses on Bulevardi, creating a campaign through the form) are
meant for the other tests of this file too.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from luotsi.campaigns.models import Campaign, QuestionKind, Response, TargetStatus
from luotsi.network.models import Interaction, Organisation
from luotsi.testing import campaigns as cp
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def businesses_on_bulevardi(personas: Personas) -> dict[str, Organisation]:
    """Two businesses on Bulevardi and one round the corner (not on it)."""
    return {
        "Bulevardi 5": cp.business(personas, "Kirjakauppa Bulevardi", "Bulevardi 5"),
        "Bulevardi 14": cp.business(personas, "Kahvila Bulevardi", "Bulevardi 14"),
        "Annankatu 3": cp.business(personas, "Leipomo Annankatu", "Annankatu 3"),
    }


def create_street_campaign(page: Page, title: str, street: str) -> Campaign:
    """Fill in the new-campaign form (signed in as an officer) and land on the campaign."""
    page.goto("/campaigns/new/")
    page.locator("#id_title_fi").fill(title)
    deadline = timezone.localtime() + datetime.timedelta(days=14)
    page.locator("#id_feedback_deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_area_kind input[value='street']").check()
    page.locator("#id_street").fill(street)
    page.locator("#id_target_kinds input[value='business']").check()
    page.locator("#campaign-form button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/campaigns/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    return Campaign.objects.get(title_fi=title)


def test_a_business_officer_creates_a_street_campaign_and_marks_a_visit(
    page: Page, personas: Personas
):
    shops = businesses_on_bulevardi(personas)
    sign_in(page, personas.business_officer.email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    page.goto("/campaigns/")
    expect(page.locator("#campaigns")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/campaigns/new/")
    expect(page.locator("#campaign-form")).to_be_visible()
    assert_no_axe_violations(page)

    # A mistake first: an unknown street is named on its field, nothing is lost.
    page.locator("#id_title_fi").fill("Bulevardin peruskorjaus")
    page.locator("#id_street").fill("Bulevardinkatu")
    deadline = timezone.localtime() + datetime.timedelta(days=14)
    page.locator("#id_feedback_deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#campaign-form button[type='submit']").click()
    expect(page.get_by_role("alert")).to_contain_text("Bulevardinkatu")
    expect(page.locator("#id_title_fi")).to_have_value("Bulevardin peruskorjaus")
    assert_no_axe_violations(page)

    campaign = create_street_campaign(page, "Bulevardin peruskorjaus", "Bulevarden")
    targets = page.locator("#targets tbody tr")
    expect(targets).to_have_count(2)
    expect(page.locator("#targets")).to_contain_text("Kahvila Bulevardi")
    expect(page.locator("#targets")).not_to_contain_text("Leipomo Annankatu")
    expect(page.locator("#targets-map")).to_have_attribute("data-ready", "true")
    assert_no_axe_violations(page)

    # The business at Bulevardi 14 is visited and informed.
    cafe = campaign.targets.get(organisation=shops["Bulevardi 14"])
    page.locator("#id_contact-target").select_option(str(cafe.pk))
    page.locator("#id_contact-status").select_option(TargetStatus.INFORMED.value)
    page.locator("#id_contact-channel").select_option("visit")
    page.locator("#id_contact-note").fill("Esite jätetty kassalle.")
    page.locator("#record-contact").click()
    expect(page.locator(f"#target-{cafe.pk}")).to_have_attribute("data-status", "informed")
    expect(page.locator("#target-counts [data-status='informed']")).to_have_text("1")
    expect(page.get_by_role("status")).to_contain_text("Kahvila Bulevardi")
    assert_no_axe_violations(page)
    cafe.refresh_from_db()
    assert cafe.status == TargetStatus.INFORMED
    assert cafe.contacted_by == personas.business_officer
    interaction = Interaction.objects.get(organisations=shops["Bulevardi 14"])
    assert "Esite jätetty kassalle." in interaction.summary

    page.locator("#walking-list-link").click()
    expect(page).to_have_url(re.compile(rf"/campaigns/{campaign.pk}/walking-list/$"))
    rows = page.locator(".walking-table tbody th")
    expect(rows).to_have_text(["Kirjakauppa Bulevardi", "Kahvila Bulevardi"])
    expect(page.locator(f"#visited-{cafe.pk}")).to_be_checked()
    assert_no_axe_violations(page)


def test_a_business_answers_in_swedish_and_the_coverage_updates(page: Page, personas: Personas):
    campaign = cp.campaign(personas)
    target = cp.target(campaign, cp.business(personas, "Café Bulevarden", "Bulevardi 5"))
    deliveries = cp.question(
        campaign,
        "Milloin toimitukset tulevat?",
        QuestionKind.CHOICE,
        options=(
            ("morning", "Aamulla", "På morgonen", "In the morning"),
            ("evening", "Illalla", "På kvällen", "In the evening"),
        ),
        required=True,
        text_sv="När kommer leveranserna?",
    )
    loading = cp.question(
        campaign,
        "Tarvitsetteko lastauspaikan?",
        QuestionKind.YES_NO,
        text_sv="Behöver ni en lastplats?",
        order=1,
    )
    cp.question(campaign, "Muuta kerrottavaa?", QuestionKind.TEXT, text_sv="Något annat?", order=2)

    # The business opens its personal link in Swedish and answers.
    page.goto(f"/campaigns/f/{target.token}/?lang=sv")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Renoveringen av Bulevarden")
    switcher = page.locator("#form-language")
    expect(switcher.get_by_role("button", name="Svenska")).to_have_attribute("aria-pressed", "true")
    assert_no_axe_violations(page)
    page.get_by_role("group", name="När kommer leveranserna?").get_by_label("På kvällen").check()
    page.locator(f'input[name="q_{loading.pk}"][value="yes"]').check()
    page.get_by_label("Något annat?").fill("Leveranser kommer före klockan sju.")
    page.locator("#feedback-form").get_by_role("button").click()

    # The confirmation, still in Swedish, with the answers kept for editing.
    expect(page).to_have_url(re.compile(r"\?lang=sv$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator(".messages[role=status]")).to_be_visible()
    expect(page.locator("#answered-note")).to_be_visible()
    expect(page.get_by_label("På kvällen")).to_be_checked()
    assert_no_axe_violations(page)
    response = Response.objects.get(target=target)
    assert response.language == "sv"
    assert response.answers[str(deliveries.pk)] == "evening"
    target.refresh_from_db()
    assert target.status == TargetStatus.FEEDBACK

    # The business officer: the letter, then the coverage.
    sign_in(page, personas.business_officer.email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.goto(f"/campaigns/{campaign.pk}/letters/{target.pk}/")
    letter = page.locator("article.letter")
    expect(letter).to_have_attribute("lang", "fi")
    expect(letter.get_by_role("img")).to_have_count(1)  # the QR code, named
    expect(letter.get_by_role("link", name=re.compile(target.token))).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"/campaigns/{campaign.pk}/coverage/")
    expect(page.locator("#responded-percent")).to_have_text("100 %")
    expect(page.locator("#responded")).to_contain_text(re.compile(r"\b1\b.*\b1\b"))
    expect(page.locator("#informed-percent")).to_have_text("100 %")
    expect(page.locator('#status-table tr[data-status="feedback"] td').first).to_have_text("1")
    expect(page.locator("#targets-map")).to_have_attribute("data-ready", "true")
    # The answers per question, option names in the officer's language (Finnish here).
    summary = page.get_by_role("region", name="Milloin toimitukset tulevat?")
    evening = summary.get_by_role("row", name=re.compile("Illalla"))
    expect(evening.locator("td").first).to_have_text("1")
    expect(summary.get_by_role("row", name=re.compile("Aamulla")).locator("td").first).to_have_text(
        "0"
    )
    assert_no_axe_violations(page)
