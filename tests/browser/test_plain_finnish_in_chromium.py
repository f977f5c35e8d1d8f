"""The public pages plain-Finnish readers need, chosen with the language switcher and checked
with axe-core in Debian's Chromium: events, one event with its registration form, and the
message form."""

import pytest
from playwright.sync_api import Page, expect

from luotsi.testing import events as ev
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_events_and_the_message_form_in_plain_finnish(page: Page, personas: Personas):
    event = ev.event(personas, title_fi="Naapurustokahvila")
    page.goto("/events/")
    page.get_by_role("button", name="Selkosuomi", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "fi-x-plain")
    expect(page.get_by_role("link", name="Etsi luotsi")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Naapurustokahvila").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Naapurustokahvila")
    expect(page.get_by_label("Millä kielellä haluat viestit?")).to_have_value("fi")
    assert_no_axe_violations(page)
    assert page.url.endswith(f"/events/{event.pk}/")

    page.goto("/concerns/new/")
    expect(page.locator("html")).to_have_attribute("lang", "fi-x-plain")
    assert_no_axe_violations(page)
