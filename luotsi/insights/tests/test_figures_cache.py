"""The pages read the figures from the shared cache until the next refresh."""

import pytest
from django.core.cache import cache

from luotsi.areas.models import District
from luotsi.insights import figures
from luotsi.insights.services import participation_refresh
from luotsi.testing import insights as ins
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def test_cached_figures_are_served_until_the_next_refresh(
    personas: Personas, django_assert_max_num_queries
):
    cache.clear()
    district = District.objects.get(code="101")
    ins.held_event(personas, came={"fi": 6})
    participation_refresh()
    first = figures.current()
    assert first.cell(("district", district.pk)).value == 6
    with django_assert_max_num_queries(2):  # the refresh's generation and the revision
        again = figures.current()
    assert again.cell(("district", district.pk)).value == 6

    ins.held_event(personas, came={"sv": 5})
    assert figures.current().cell(("district", district.pk)).value == 6  # not refreshed yet
    participation_refresh()
    assert figures.current().cell(("district", district.pk)).value == 11


def test_before_the_first_refresh_there_are_no_figures_to_cache(personas: Personas):
    cache.clear()
    district = District.objects.get(code="101")
    ins.held_event(personas, came={"fi": 6})
    assert figures.current().cell(("district", district.pk)).value == 0  # counted at refresh
    participation_refresh()
    assert figures.current().cell(("district", district.pk)).value == 6
