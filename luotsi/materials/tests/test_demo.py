import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from luotsi.events.demo import seed_events
from luotsi.events.models import EventKind
from luotsi.materials import selectors
from luotsi.materials.demo import seed_materials
from luotsi.materials.models import Item, Variant, VariantStatus
from luotsi.network.demo import seed_network

pytestmark = pytest.mark.django_db


def test_demo_materials_cover_some_districts_and_leave_a_somali_gap_next_week_once():
    with pytest.raises(CommandError, match="seed_events_demo"):
        call_command("seed_materials_demo", force=True, stdout=io.StringIO())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    seed_network()
    seed_events()

    counts = seed_materials()

    assert counts["items"] == Item.objects.count() >= 5
    assert counts["language versions"] == Variant.objects.count()
    assert all(item.title.endswith("(demo)") for item in Item.objects.all())
    somali_gaps = Variant.objects.filter(
        language="so",
        format="web",
        status=VariantStatus.NEEDED,
        item__event__kind=EventKind.CAFE,
        item__event__start__lt=timezone.now() + datetime.timedelta(days=8),
    )
    assert somali_gaps.exists()
    cafe_item = somali_gaps.first().item  # type: ignore[union-attr]
    gaps = selectors.gaps_before_events(cafe_item.owner)
    assert cafe_item in [gap.item for gap in gaps]
    table = selectors.gaps_by_district(Item.objects.all())
    covered = {
        item.district_id
        for item in Item.objects.filter(event__isnull=False)
        if not item.variants.exclude(status=VariantStatus.READY).exists()
    }
    assert covered  # some districts' items are all ready
    assert table.total > 0  # and some have gaps
    assert seed_materials() == {}
