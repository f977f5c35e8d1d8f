"""Office hours in Debian's Chromium: a resident opens an officer's profile in English, books
the first free slot asking for an Arabic interpreter, gets the confirmation e-mail (in English,
the page's language) and cancels through its link; the pages pass axe-core, and so do the
officer's own pages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from luotsi.officehours.models import Appointment, AppointmentStatus
from luotsi.testing import officehours as oh
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_books_an_office_hours_slot_with_an_interpreter_request(
    page: Page, personas: Personas
):
    officer = personas.officer_south
    officer.spoken_languages = "fi, sv, en"
    officer.save()
    hours = oh.office_hours(officer)  # tomorrow's weekday, 10:00–12:00, a venue in 101
    day = oh.next_weekday(hours.weekday)
    mail.outbox.clear()

    page.goto(f"/officers/{officer.pk}/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(officer.full_name)
    expect(page.locator("main")).to_contain_text("Swedish")
    expect(page.get_by_role("table", name="Weekly office hours")).to_contain_text(
        hours.venue.street_address
    )
    assert_no_axe_violations(page)

    # The first free slot is chosen already.
    expect(page.get_by_role("combobox", name="Time")).to_have_value(oh.at(day, 10).isoformat())
    page.get_by_role("textbox", name="Name").fill("Amal Haddad")
    page.get_by_role("textbox", name="E-mail").fill("amal@example.org")
    page.get_by_label("Language of the meeting").select_option("interpreter")
    page.get_by_label("Interpreter for which language").select_option(label="Arabic")
    page.get_by_label("What would you like to talk about?").fill("A playground for our block")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Book").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")
    expect(page.locator("main")).to_contain_text("Your appointment is booked.")
    expect(page.locator("main")).to_contain_text("With an interpreter: Arabic")
    assert_no_axe_violations(page)
    appointment = Appointment.objects.get()
    assert appointment.interpreter_language == "ar"
    assert appointment.message_language == "en"

    (message,) = mail.outbox
    assert message.to == ["amal@example.org"]
    assert message.subject.startswith("Your appointment is booked")
    link = re.search(r"https?://\S+/officers/appointments/\S+/", str(message.body))
    assert link is not None
    page.goto(re.sub(r"^https?://[^/]+", "", link.group(0)))
    page.get_by_role("button", name="Cancel my appointment").click()
    expect(page.get_by_role("status")).to_contain_text("Your appointment has been cancelled.")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert mail.outbox[-1].subject.startswith("Your appointment is cancelled")


def test_the_officers_own_office_hours_pages_are_accessible(page: Page, personas: Personas):
    oh.office_hours(personas.officer_south)
    sign_in(page, personas.officer_south.email)
    for url in ["/officers/", "/officers/me/", "/officers/me/day/"]:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert_no_axe_violations(page)
