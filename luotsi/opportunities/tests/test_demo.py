import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from luotsi.areas.models import District
from luotsi.opportunities.demo import seed_opportunities
from luotsi.opportunities.models import Opportunity
from luotsi.opportunities.selectors import items_for

pytestmark = pytest.mark.django_db


def test_demo_ways_to_take_part_reach_every_major_district_once():
    call_command("seed_demo", force=True, stdout=io.StringIO())

    counts = seed_opportunities()

    assert counts["ways to take part"] == Opportunity.objects.count() >= 30
    for number in range(1, 9):
        districts = District.objects.filter(major_district__number=number)
        items = items_for(districts=districts, now=timezone.now())
        assert len(items) >= 4, number  # its own and the city-wide ones
    assert seed_opportunities() == {}
