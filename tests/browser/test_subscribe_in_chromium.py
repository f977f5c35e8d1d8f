"""Subscriptions in Debian's Chromium: a resident subscribes in English, confirms by the
e-mailed link and unsubscribes with the button behind the e-mail's unsubscribe link; every
page passes axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from luotsi.subscriptions.models import Subscriber
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(kind: str, body: str) -> str:
    found = re.search(rf"https?://\S+(/subscribe/{kind}/[\w-]+/)", body)
    assert found, f"no {kind} link in {body!r}"
    return found.group(1)  # site-relative: the live server's port is not SITE_URL's


def test_a_resident_subscribes_confirms_by_email_and_unsubscribes(page: Page, personas: Personas):
    mail.outbox.clear()
    page.goto("/subscribe/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Subscribe to news about ways to take part"
    )
    assert_no_axe_violations(page)

    page.get_by_role("textbox", name="E-mail").fill("resident.reader@example.net")
    page.get_by_role("combobox", name="Language of the e-mails").select_option("sv")
    page.get_by_role("listbox", name="Areas").select_option(label="Vironniemi")
    page.get_by_role("checkbox", name=re.compile("I agree")).check()
    page.get_by_role("button", name="Subscribe").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_no_axe_violations(page)
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "sv"
    assert [d.code for d in subscriber.districts.all()] == ["101"]

    (message,) = mail.outbox
    assert message.to == ["resident.reader@example.net"]
    page.goto(_link("confirm", str(message.body)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Subscription confirmed")
    assert_no_axe_violations(page)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None

    page.goto(_link("unsubscribe", str(message.body)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribe")
    assert_no_axe_violations(page)
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None  # opening the link alone does nothing
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    assert_no_axe_violations(page)
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
