"""The business officer's remaining pages pass axe-core: the business import, the
organisation form with the business fields, a campaign's questions and its letters."""

import pytest
from playwright.sync_api import Page

from luotsi.testing import campaigns as cp
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_pages_in_chromium import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_business_register_and_campaign_pages_are_accessible(page: Page, personas: Personas):
    campaign = cp.campaign(personas)
    cp.target(campaign, cp.business(personas, "Kahvila Bulevardi (test)"))
    sign_in(page, personas.business_officer.email)
    for url in [
        "/network/businesses/import/",
        "/network/organisations/new/",
        "/network/organisations/?kind=business",
        f"/campaigns/{campaign.pk}/questions/",
        f"/campaigns/{campaign.pk}/letters/",
    ]:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert_no_axe_violations(page)
