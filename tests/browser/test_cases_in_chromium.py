"""Conflict cases in Chromium: an officer records a case, adds a stakeholder and a step, and
every case page (the error state included) passes axe-core. Pages are in Finnish and the new
strings may not be translated yet, so the test goes by structure and URLs, not by text."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from luotsi.concerns.models import ConflictCase
from luotsi.testing import cases as cs
from luotsi.testing import events as ev
from luotsi.testing import network as net
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_a_case_and_every_case_page_is_accessible(page: Page, personas: Personas):
    organisation = net.organisation(personas, "101", "Kruununhaan asukasyhdistys")
    sign_in(page, personas.officer_south.email)

    page.goto("/concerns/cases/")
    assert_no_axe_violations(page)
    page.goto("/concerns/cases/new/")
    assert_no_axe_violations(page)
    page.locator("#id_title").fill("Kruununhaan puistotalo")
    page.locator("#id_summary").fill("A building planned on the edge of the park.")
    page.locator("#id_district").select_option(str(net.district("101").pk))
    page.locator("main form.stacked-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/concerns/cases/\d+/$"))
    case = ConflictCase.objects.get()
    assert (case.owner, case.district) == (personas.officer_south, net.district("101"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kruununhaan puistotalo")
    assert_no_axe_violations(page)

    page.locator("#id_organisation").select_option(str(organisation.pk))
    page.locator("#id_position").select_option("opposes")
    page.locator("#id_interest").select_option("5")
    page.locator("#id_influence").select_option("4")
    page.locator("form[action$='/stakeholders/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/concerns/cases/{case.pk}/#stakeholders-heading$"))
    expect(page.locator("#stakeholders-heading + table")).to_contain_text(organisation.name)
    assert_no_axe_violations(page)

    # A step dated tomorrow is refused: the page comes back with the error summary.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.locator("#id_happened_on").fill(tomorrow.isoformat())
    page.locator("#id_text").fill("The council decides")
    page.locator("form[action$='/steps/'] button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_text")).to_have_value("The council decides")
    assert_no_axe_violations(page)
    assert not case.steps.exists()

    page.locator("#id_happened_on").fill(timezone.localdate().isoformat())
    page.locator("form[action$='/steps/'] button[type=submit]").click()
    expect(page.locator(".timeline")).to_contain_text("The council decides")

    page.goto(f"/concerns/cases/{case.pk}/map/")
    svg = page.locator("svg.stakeholder-map[role=img]")
    expect(svg).to_be_visible()
    expect(svg.locator("rect[fill='#b01818']")).to_have_count(1)  # the opposing party
    expect(page.locator("figure.case-map table")).to_contain_text(organisation.name)
    assert_no_axe_violations(page)

    page.goto(f"/concerns/cases/{case.pk}/summary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kruununhaan puistotalo")
    expect(page.locator("svg.stakeholder-map")).to_be_visible()
    assert_no_axe_violations(page)

    stakeholder = case.stakeholders.get()
    for url in [
        f"/concerns/cases/{case.pk}/edit/",
        f"/concerns/cases/{case.pk}/stakeholders/{stakeholder.pk}/",
        "/concerns/cases/?status=emerging",
    ]:
        page.goto(url)
        assert_no_axe_violations(page)


def test_a_city_official_reads_a_full_case_and_its_pages_are_accessible(
    page: Page, personas: Personas
):
    case = cs.case(personas)
    for index, position in enumerate(["supports", "opposes", "neutral", "unknown", "opposes"]):
        party = net.organisation(personas, name=f"Yhdistys {index}")
        cs.stakeholder(case, party, position=position, interest=4, influence=4)
    cs.stakeholder(case, net.contact(personas), position="supports", interest=2, influence=5)
    cs.step(case, document_title="Asemakaavaluonnos", document_url="https://example.org/k.pdf")
    case.messages.add(cs.message(personas))
    case.meetings.add(ev.event(personas))
    sign_in(page, personas.official.email)
    for url in ["", "map/", "summary/"]:
        page.goto(f"/concerns/cases/{case.pk}/{url}")
        expect(page.locator("main")).not_to_contain_text("Paula Private")  # a private person
        assert_no_axe_violations(page)
    expect(page.locator("svg.stakeholder-map text")).to_have_count(10 + 2 + 6)
