"""Authorization matrix entries for running campaigns (merged into tests/authz_matrix.MATRIX).

Two campaigns, made afresh for each request:

- a business campaign on Bulevardi (Southern major district) run by the business officer:
  the business officers and the coordinator run it, officer_south follows it because it is in
  her districts (but may not change a businesses-only campaign: 403 on its edit page), and
  officer_east gets 404;
- a housing-company campaign in Vironniemi (101) run by officer_south: only she and the
  coordinator see it; every other officer gets 404.
Residents and officials are refused (403); anonymous visitors are sent to sign in.
"""

from luotsi.areas.models import District
from luotsi.campaigns.models import Campaign, Target
from luotsi.network.models import OrganisationKind
from luotsi.testing import campaigns as cp
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import NETWORK, NETWORK_BAD_POST, SOUTH_PRIVATE, Case, expect

# The business campaign: business officer, coordinator and officer_south (its district).
BUSINESS = expect(
    404,
    anonymous=302,
    resident=403,
    official=403,
    officer_south=200,
    business_officer=200,
    coordinator=200,
)
BUSINESS_EDIT = {**BUSINESS, "officer_south": 403}
BUSINESS_POST = {name: 302 if status == 200 else status for name, status in BUSINESS.items()}
BUSINESS_POST_BAD = {name: 400 if status == 200 else status for name, status in BUSINESS.items()}
SOUTH_POST_BAD = {name: 400 if status == 200 else status for name, status in SOUTH_PRIVATE.items()}


def _business(p: Personas) -> Campaign:
    campaign = cp.campaign(p)
    shop = cp.business(p, "Kahvila Bulevardi", "Bulevardi 14")
    cp.target(campaign, shop, house_number=14)
    campaign.districts.set([shop.district_id])
    return campaign


def _south(p: Personas) -> Campaign:
    campaign = cp.campaign(
        p,
        title="Vironniemen taloyhtiöt",
        title_fi="Vironniemen taloyhtiöt",
        target_kinds=OrganisationKind.HOUSING_COMPANY,
        created_by=p.officer_south,
    )
    campaign.districts.set([District.objects.get(code="101")])
    return campaign


def _business_target(p: Personas) -> Target:
    target = _business(p).targets.get()
    return target


def _south_target(p: Personas) -> Target:
    campaign = _south(p)
    company = cp.organisation_at(
        p, "As Oy Aleksanterinkatu", "Aleksanterinkatu 20", kind=OrganisationKind.HOUSING_COMPANY
    )
    return cp.target(campaign, company, house_number=20)


MATRIX: dict[str, list[Case]] = {
    "campaigns/": [Case("/campaigns/", NETWORK)],
    "campaigns/new/": [
        Case("/campaigns/new/", NETWORK),
        Case("/campaigns/new/", NETWORK_BAD_POST, method="POST", data={"title_fi": ""}),
    ],
    "campaigns/<int:pk>/": [
        Case(lambda p: f"/campaigns/{_business(p).pk}/", BUSINESS),
        Case(lambda p: f"/campaigns/{_business(p).pk}/?q=kahvila", BUSINESS),
        Case(lambda p: f"/campaigns/{_south(p).pk}/", SOUTH_PRIVATE),
    ],
    "campaigns/<int:pk>/edit/": [
        Case(lambda p: f"/campaigns/{_business(p).pk}/edit/", BUSINESS_EDIT),
        Case(lambda p: f"/campaigns/{_south(p).pk}/edit/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/campaigns/{_south(p).pk}/edit/",
            SOUTH_POST_BAD,
            method="POST",
            data={"title_fi": ""},
        ),
    ],
    "campaigns/<int:pk>/status/": [
        Case(
            lambda p: f"/campaigns/{_business(p).pk}/status/",
            BUSINESS_POST,
            method="POST",
            data={"status": "closed"},
        ),
    ],
    "campaigns/<int:pk>/targets/add/": [
        Case(
            lambda p: f"/campaigns/{_business(p).pk}/targets/add/",
            BUSINESS_POST_BAD,
            method="POST",
            data={"add-organisation": ""},
        ),
    ],
    "campaigns/<int:pk>/targets/contact/": [
        Case(
            lambda p: f"/campaigns/{_business(p).pk}/targets/contact/",
            BUSINESS_POST_BAD,
            method="POST",
            data={"contact-status": "informed"},
        ),
    ],
    "campaigns/targets/<int:pk>/remove/": [
        Case(
            lambda p: f"/campaigns/targets/{_business_target(p).pk}/remove/",
            BUSINESS_POST,
            method="POST",
        ),
        Case(
            lambda p: f"/campaigns/targets/{_south_target(p).pk}/remove/",
            {name: 302 if status == 200 else status for name, status in SOUTH_PRIVATE.items()},
            method="POST",
        ),
    ],
    "campaigns/<int:pk>/walking-list/": [
        Case(lambda p: f"/campaigns/{_business(p).pk}/walking-list/", BUSINESS),
        Case(lambda p: f"/campaigns/{_south(p).pk}/walking-list/", SOUTH_PRIVATE),
    ],
}
