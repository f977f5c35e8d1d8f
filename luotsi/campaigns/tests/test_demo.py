import io

import pytest
from django.core.management import call_command

from luotsi.campaigns.demo import seed_campaigns
from luotsi.campaigns.models import Campaign, Response, TargetStatus
from luotsi.network.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_demo_business_register_and_a_campaign_in_progress_are_made_once():
    call_command("seed_demo", force=True, stdout=io.StringIO())

    counts = seed_campaigns()

    businesses = Organisation.objects.filter(
        kind=OrganisationKind.BUSINESS, name__endswith="(demo)"
    )
    assert counts["businesses"] == businesses.count() >= 10
    assert not businesses.filter(district__isnull=True).exists()  # real addresses, located
    campaign = Campaign.objects.get()
    on_street = businesses.filter(street_address__startswith="Bulevardi ")
    assert set(campaign.targets.values_list("organisation", flat=True)) == set(
        on_street.values_list("pk", flat=True)
    )
    statuses = set(campaign.targets.values_list("status", flat=True))
    assert {TargetStatus.NOT_CONTACTED, TargetStatus.INFORMED, TargetStatus.FEEDBACK} <= statuses
    assert Response.objects.filter(target__campaign=campaign).exists()
    assert seed_campaigns() == {}
