"""A resident reports a concern by clicking the map, in English; the officer answers it from
the queue; the resident reads the answer through the private link. In Debian's Chromium,
with axe-core on every page."""

import re

import pytest
from playwright.sync_api import Page, expect

from luotsi.concerns.models import Message, MessageStatus
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_reports_on_the_map_the_officer_answers_and_the_resident_reads_it(
    page: Page, personas: Personas
):
    page.goto("/concerns/new/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask, report or propose")
    assert_no_axe_violations(page)

    page.get_by_label("Concern").check()
    page.get_by_label("Category").select_option(label="Parks and green spaces")
    page.get_by_label("Your message").fill("The swings in the park are broken.")
    map_element = page.locator("#pick-map")
    expect(map_element).to_have_attribute("data-ready", "true")
    # A point in Vuosaari, converted to a pixel on the map by Leaflet itself.
    x, y = page.evaluate(
        """() => { const map = document.querySelector('#pick-map').leafletMap;
                   const p = map.latLngToContainerPoint([60.20775, 25.14357]);
                   return [p.x, p.y]; }"""
    )
    map_element.click(position={"x": x, "y": y})
    expect(page.locator("#pick-status")).to_contain_text("Place chosen: 60.2")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Message 20")
    expect(page.locator("main")).to_contain_text("No answer yet")
    assert_no_axe_violations(page)
    status_url = page.url
    message = Message.objects.get()
    assert message.district is not None and message.district.code == "704"
    assert message.assigned_to == personas.officer_east

    # The officer of the Eastern district answers from the queue.
    browser = page.context.browser
    assert browser is not None
    officer = browser.new_context(base_url=re.sub(r"/concerns/.*$", "", page.url))
    work = officer.new_page()
    sign_in(work, personas.officer_east.email)
    work.goto("/concerns/queue/")
    work.get_by_role("button", name="English").click()
    assert_no_axe_violations(work)
    work.get_by_role("link", name=message.reference).click()
    expect(work.get_by_role("heading", level=1)).to_contain_text(message.reference)
    assert_no_axe_violations(work)
    work.locator("#id_status-status").select_option("answered")
    work.locator("#id_status-text").fill("The playground team will replace the swings this week.")
    work.locator("form").filter(has=work.locator("#id_status-status")).get_by_role(
        "button", name="Save"
    ).click()
    expect(work.get_by_role("status")).to_contain_text("The status has been changed.")
    officer.close()
    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED

    page.goto(status_url)
    expect(page.locator(".reply")).to_contain_text("replace the swings this week")
    assert_no_axe_violations(page)


def test_the_public_map_and_area_view_are_accessible(page: Page, personas: Personas):
    from luotsi.concerns import workflow
    from luotsi.testing import concerns as cn

    message = cn.message()
    workflow.message_publish(
        message=message, by=personas.officer_south, public_text="A broken playground fence."
    )
    page.goto("/concerns/public/")
    expect(page.locator("main")).to_contain_text("A broken playground fence.")
    expect(page.locator("#concerns-map")).to_have_attribute("data-ready", "true")
    assert_no_axe_violations(page)
    page.goto("/concerns/areas/1/")
    assert_no_axe_violations(page)
