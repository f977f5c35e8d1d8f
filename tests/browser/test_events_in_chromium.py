"""Events in Debian's Chromium: a Swedish-speaking resident finds a café in their district,
registers by keyboard with a language need, gets the confirmation e-mail in Swedish and
cancels through its link; the officers' event pages pass axe-core."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from luotsi.events.models import Registration, RegistrationStatus
from luotsi.testing import events as ev
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_finds_a_cafe_in_swedish_registers_and_cancels_by_the_emailed_link(
    page: Page, personas: Personas
):
    cafe = ev.event(
        personas,
        start=timezone.now() + datetime.timedelta(days=4),
        interpretation="ar",
        audiences="seniors,immigrants",
    )
    ev.event(
        personas, district_code="704", organiser=personas.officer_east, title_sv="Möte i Nordsjö"
    )
    mail.outbox.clear()

    page.goto("/events/")
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    # Vironniemi is Estnäs in Swedish; the district list is grouped by major district.
    page.get_by_label("Distrikt").select_option(label="Estnäs")
    page.get_by_label("Typ").select_option(label="Invånarkafé")
    page.get_by_role("button", name="Visa evenemang").click()
    results = page.locator(".event-list")
    expect(results.get_by_role("link")).to_have_count(1)
    assert_no_axe_violations(page)

    results.get_by_role("link", name="Invånarkafé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invånarkafé")
    expect(page.locator(".facts")).to_contain_text(re.compile("arabiska", re.IGNORECASE))
    assert_no_axe_violations(page)

    # The registration form, by keyboard alone.
    page.get_by_label("Namn").focus()
    page.keyboard.type("Sven Svensson")
    page.keyboard.press("Tab")
    page.keyboard.type("sven@example.org")
    page.keyboard.press("Tab")  # phone (optional)
    page.keyboard.press("Tab")  # language for messages: Swedish already chosen
    expect(page.get_by_label("Språk för meddelanden")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.type("Tolkning till arabiska")
    page.keyboard.press("Tab")  # accessibility needs
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Anmäl dig")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Din anmälan")
    expect(page.locator("main")).to_contain_text("Din plats är bekräftad.")
    assert_no_axe_violations(page)
    registration = Registration.objects.get(event=cafe)
    assert registration.language == "sv"
    assert registration.language_needs == "Tolkning till arabiska"

    (message,) = mail.outbox
    assert message.to == ["sven@example.org"]
    assert message.subject == "Du är anmäld: Invånarkafé"
    link = re.search(r"https?://\S+/events/registrations/\S+/", str(message.body))
    assert link is not None
    page.goto(re.sub(r"^https?://[^/]+", "", link.group(0)))
    page.get_by_role("button", name="Avboka min anmälan").click()
    expect(page.get_by_role("status")).to_contain_text("Din anmälan har avbokats.")
    assert_no_axe_violations(page)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert message.subject.startswith("Du är anmäld")
    assert mail.outbox[-1].subject.startswith("Din anmälan har avbokats")


def test_the_officers_event_pages_are_accessible(page: Page, personas: Personas):
    event = ev.event(personas, audiences="seniors", interpretation="fse")
    ev.registration(event)
    past = ev.event(personas, start=timezone.now() - datetime.timedelta(days=1))
    sign_in(page, personas.officer_south.email)
    for url in [
        "/events/manage/",
        "/events/manage/new/",
        f"/events/manage/{event.pk}/",
        f"/events/manage/{event.pk}/edit/",
        f"/events/manage/{past.pk}/attendance/",
        "/events/budget/",
        "/events/venues/",
        f"/events/venues/{event.venue_id}/edit/",
        "/events/venues/new/",
    ]:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert_no_axe_violations(page)

    # A form sent with mistakes shows its errors accessibly, naming each field.
    page.goto("/events/manage/new/")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Otsikko [fi]")
    assert_no_axe_violations(page)
