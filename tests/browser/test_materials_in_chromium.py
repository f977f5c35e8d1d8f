"""Materials in Debian's Chromium: officer_south sees on the dashboard that next week's
café in their district still lacks its Somali web text, follows the link, writes the text
(by keyboard) and marks it ready, and the gap is gone from the dashboard. The materials
pages and the public item page pass axe-core in Finnish, Swedish and English."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from luotsi.materials import services
from luotsi.materials.models import Item, Variant, VariantStatus
from luotsi.testing import events as ev
from luotsi.testing import materials as mat
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOMALI = "Soo dhawoow kafeega xaafadda! Kafee iyo sheeko."


def _cafe_next_week(personas: Personas) -> Item:
    cafe = ev.event(personas, start=timezone.now() + datetime.timedelta(days=6))
    item = services.item_create_for(linked=cafe, by=personas.officer_south)
    item.public = True
    item.save()
    for language in ("fi", "sv", "en", "fi-x-plain"):
        mat.variant(item, language, "web", text=f"Tervetuloa ({language})")
    mat.variant(item, "so", "web", VariantStatus.NEEDED)
    return item


def _switch_language(page: Page, code: str) -> None:
    page.locator(f'.language-switcher button[value="{code}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_an_officer_fills_the_missing_somali_version_before_the_cafe(
    page: Page, personas: Personas
):
    item = _cafe_next_week(personas)
    somali = Variant.objects.get(item=item, language="so")

    sign_in(page, personas.officer_south.email)
    _switch_language(page, "en")
    gaps = page.locator("section", has=page.get_by_role("heading", name="Materials missing"))
    link = gaps.get_by_role("link", name="Somali, Web text")
    expect(link).to_be_visible()
    assert_no_axe_violations(page)

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Somali, Web text")
    assert_no_axe_violations(page)
    # By keyboard: the status first, then the text, then save.
    page.get_by_label("Status").focus()
    page.get_by_label("Status").select_option(label="Ready")
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Text")).to_be_focused()
    page.keyboard.type(SOMALI)
    page.get_by_role("button", name="Save the version").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("The language version has been saved.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(item.title_en or "")
    somali.refresh_from_db()
    assert somali.status == VariantStatus.READY and somali.text == SOMALI
    assert_no_axe_violations(page)

    page.goto("/dashboard/")
    expect(page.get_by_text("Every material of the coming events is ready.")).to_be_visible()
    expect(page.get_by_role("link", name="Somali, Web text")).to_have_count(0)

    page.goto(f"/materials/{item.pk}/")
    expect(page.locator('[lang="so"]')).to_contain_text(SOMALI)


def test_the_materials_pages_are_accessible_in_finnish_swedish_and_english(
    page: Page, personas: Personas
):
    item = _cafe_next_week(personas)
    mat.variant_with_file(item, "fi", "pdf")
    mat.reviewed(
        mat.variant(item, "ar", "web"), timezone.localdate() - datetime.timedelta(days=400)
    )
    somali = Variant.objects.get(item=item, language="so")
    sign_in(page, personas.officer_south.email)
    pages = [
        "/materials/manage/",
        f"/materials/manage/{item.pk}/",
        f"/materials/manage/versions/{somali.pk}/",
        f"/materials/{item.pk}/",
    ]
    for code in ("fi", "sv", "en"):
        page.goto("/materials/manage/")
        _switch_language(page, code)
        for url in pages:
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            assert_no_axe_violations(page)
    # The coverage table scrolls sideways: its region is reachable by keyboard.
    page.goto("/materials/manage/")
    expect(page.get_by_role("table", name="Coverage")).to_be_visible()
