"""Two-factor authentication in Debian's Chromium: an officer sets it up from the QR code's
secret, signs out, signs in again with a code; a wrong code is refused with a clear message.
The setup, code and lockout pages pass axe-core."""

import re

import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from luotsi.testing.personas import Personas
from luotsi.testing.twofactor import totp_code
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE_FIELD = re.compile("authenticator", re.IGNORECASE)


def _english(page: Page) -> None:
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_an_officer_sets_up_two_factor_and_signs_in_with_a_code(page: Page, personas: Personas):
    officer = personas.officer_south
    sign_in(page, officer.email)
    page.goto("/accounts/profile/")
    _english(page)
    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor authentication")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_no_axe_violations(page)

    device = TOTPDevice.objects.get(user=officer)
    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    assert secret and len(secret) == 32  # the 20-byte key in base32
    page.get_by_label(CODE_FIELD).fill(totp_code(device))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("status")).to_contain_text("Two-factor authentication is now on.")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, officer.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor authentication")
    assert_no_axe_violations(page)
    page.get_by_label(CODE_FIELD).fill("000000")
    page.get_by_role("button", name="Sign in").last.click()
    expect(page.locator("#error-summary")).to_contain_text("The code is not correct")
    assert_no_axe_violations(page)

    device.refresh_from_db()
    device.throttle_reset()
    page.get_by_label(CODE_FIELD).fill(totp_code(device, steps_ahead=1))
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


@override_settings(AXES_FAILURE_LIMIT=1)
def test_the_lockout_page_is_accessible(page: Page, personas: Personas):
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        sign_in(page, personas.officer_east.email, password="not the password")
    assert answer.value.status == 429
    expect(page.locator("main a[href='/accounts/password/reset/']")).to_be_visible()
    assert_no_axe_violations(page)
