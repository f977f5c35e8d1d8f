"""The officers' and the coordinator's pages for ways to take part and subscriptions pass
axe-core in Chromium too (the residents' pages are covered by their own browser tests)."""

import pytest
from playwright.sync_api import Page

from luotsi.opportunities.models import Opportunity
from luotsi.testing import subscriptions as sub
from luotsi.testing.opportunities import opportunity
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_pages_for_taking_part_and_subscriptions_are_accessible(
    page: Page, personas: Personas
):
    made: Opportunity = opportunity()
    subscriber = sub.subscriber()
    sign_in(page, personas.coordinator.email)
    for url in [
        "/take-part/manage/",
        "/take-part/manage/new/",
        f"/take-part/manage/{made.pk}/edit/",
        "/subscribe/announce/",
        "/subscribe/subscribers/",
        f"/subscribe/manage/{subscriber.token}/",
    ]:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert_no_axe_violations(page)
