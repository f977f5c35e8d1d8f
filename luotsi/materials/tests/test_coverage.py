import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from luotsi.materials import selectors, services
from luotsi.materials.models import Format, Item, Variant, VariantStatus
from luotsi.testing import campaigns as camp
from luotsi.testing import cases
from luotsi.testing import events as ev
from luotsi.testing import materials as mat
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db

NEEDED, TRANSLATING, READY = VariantStatus.NEEDED, VariantStatus.IN_TRANSLATION, VariantStatus.READY


def test_coverage_matrix_is_computed_from_declared_needs(personas: Personas):
    """Hand-checked: two items, four declared (language, format) pairs between them."""
    invitation = mat.item(personas, title="A Kutsu", title_fi="A Kutsu")
    notice = mat.item(personas, title="B Tiedote", title_fi="B Tiedote")
    services.variants_declare(
        item=invitation, by=personas.officer_south, needs=[("fi", "web"), ("so", "web")]
    )
    services.variants_declare(
        item=notice, by=personas.officer_south, needs=[("sv", "web"), ("fi-x-plain", "web")]
    )
    services.variants_declare(item=notice, by=personas.officer_south, needs=[("fi", "pdf")])
    Variant.objects.filter(item=invitation, language="fi").update(status=READY, text="Tervetuloa")
    Variant.objects.filter(item=notice, language="sv").update(status=TRANSLATING)

    matrix = selectors.coverage_matrix(Item.objects.all())

    # fi, sv, en and plain Finnish first, then the other languages by code; formats in order.
    assert matrix.columns == [
        ("fi", "web"),
        ("fi", "pdf"),
        ("sv", "web"),
        ("fi-x-plain", "web"),
        ("so", "web"),
    ]
    first, second = matrix.rows
    assert first.item == invitation
    assert [cell.status for cell in first.cells] == [READY, None, None, None, NEEDED]
    assert [cell.status for cell in second.cells] == [None, NEEDED, TRANSLATING, NEEDED, None]
    assert (first.gaps, second.gaps) == (1, 3)


def test_gap_disappears_when_the_version_becomes_ready(personas: Personas):
    item = mat.item(personas)
    (somali,) = services.variants_declare(
        item=item, by=personas.officer_south, needs=[("so", "web")]
    )
    assert selectors.gaps_by_district(Item.objects.all()).total == 1

    somali.text = "Soo dhawoow!"
    somali.status = READY
    services.variant_save(variant=somali, by=personas.officer_south)

    table = selectors.gaps_by_district(Item.objects.all())
    assert table.total == 0 and table.rows == []
    assert selectors.coverage_matrix(Item.objects.all()).rows[0].gaps == 0


def test_gaps_are_counted_per_district_and_language(personas: Personas):
    south = mat.item(personas)
    east = mat.item(personas, district_code="704", owner=personas.officer_east)
    city = mat.item(personas, district_code=None, owner=personas.business_officer)
    for item in (south, east, city):
        services.variants_declare(item=item, by=item.owner, needs=[("so", "web"), ("ar", "web")])
    mat.variant(south, "fi", "web", READY)

    table = selectors.gaps_by_district(Item.objects.all())

    assert table.languages == ["ar", "so"]
    assert [(row.district.code if row.district else None, row.gaps) for row in table.rows] == [
        ("101", 2),
        ("704", 2),
        (None, 2),
    ]
    assert table.total_by_language == {"so": 3, "ar": 3}


def test_ready_version_not_reviewed_in_twelve_months_is_flagged(personas: Personas):
    item = mat.item(personas)
    today = timezone.localdate()
    old = mat.reviewed(mat.variant(item, "fi", "web"), today - datetime.timedelta(days=370))
    recent = mat.reviewed(mat.variant(item, "sv", "web"), today - datetime.timedelta(days=300))
    pending = mat.reviewed(
        mat.variant(item, "en", "web", NEEDED), today - datetime.timedelta(days=900)
    )

    assert selectors.review_overdue(old, today)
    assert not selectors.review_overdue(recent, today)
    assert not selectors.review_overdue(pending, today)  # nothing published to review
    cells = selectors.coverage_matrix(Item.objects.all(), today=today).rows[0].cells
    assert [(cell.variant.language, cell.overdue) for cell in cells if cell.variant] == [
        ("fi", True),
        ("sv", False),
        ("en", False),
    ]


def test_review_is_due_a_year_after_29_february():
    assert selectors.review_due_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


def test_an_item_links_to_at_most_one_event_campaign_or_case(personas: Personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        mat.item(personas, event=ev.event(personas), campaign=camp.campaign(personas))
    with pytest.raises(IntegrityError), transaction.atomic():
        mat.item(personas, event=ev.event(personas), conflict_case=cases.case(personas))
    assert mat.item(personas, conflict_case=cases.case(personas)).linked is not None


def test_a_language_and_format_is_declared_once_per_item(personas: Personas):
    item = mat.item(personas)
    mat.variant(item, "so", "web", NEEDED)
    with pytest.raises(IntegrityError), transaction.atomic():
        mat.variant(item, "so", "web", NEEDED)
    # Declaring it again is not an error: it is needed already.
    assert services.variants_declare(item=item, by=item.owner, needs=[("so", "web")]) == []
    mat.variant(item, "so", "pdf", NEEDED)  # another format is another version


def test_a_ready_version_must_have_text_or_a_file(personas: Personas):
    item = mat.item(personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        Variant.objects.create(
            item=item, language="fi", format="web", status=READY, updated_by=item.owner
        )


def test_items_of_an_event_campaign_or_case_take_its_district(personas: Personas):
    event = ev.event(personas, district_code="101")
    case = cases.case(personas, code="704")
    campaign = camp.campaign(personas)
    campaign.districts.set([event.district])

    by_event = services.item_create_for(linked=event, by=personas.officer_south)
    by_case = services.item_create_for(linked=case, by=personas.officer_east)
    by_campaign = services.item_create_for(linked=campaign, by=personas.business_officer)

    assert by_event.district == event.district and by_event.title_sv == event.title_sv
    assert by_case.district is not None and by_case.district.code == "704"
    assert by_campaign.district == event.district
    campaign.districts.add(case.district)
    by_campaign = services.item_save(item=by_campaign, by=personas.business_officer)
    assert by_campaign.district is None  # over several districts: city-wide


def test_gaps_before_events_lists_coming_events_soonest_first(personas: Personas):
    now = timezone.now()
    later = ev.event(personas, start=now + datetime.timedelta(days=10))
    sooner = ev.event(personas, start=now + datetime.timedelta(days=3))
    too_far = ev.event(personas, start=now + datetime.timedelta(days=20))
    cancelled = ev.event(personas, start=now + datetime.timedelta(days=2), status="cancelled")
    for event in (later, sooner, too_far, cancelled):
        item = services.item_create_for(linked=event, by=personas.officer_south)
        services.variants_declare(item=item, by=personas.officer_south, needs=[("so", "web")])
    ready = services.item_create_for(linked=sooner, by=personas.officer_south)
    mat.variant(ready, "fi", Format.WEB, READY)

    gaps = selectors.gaps_before_events(personas.officer_south, now=now)

    assert [gap.event for gap in gaps] == [sooner, later]
    assert [v.language for v in gaps[0].variants] == ["so"]
    assert [gap.event for gap in selectors.gaps_before_events(personas.officer_south, days=30)] == [
        sooner,
        later,
        too_far,
    ]
    assert selectors.gaps_before_events(personas.officer_east) == []
