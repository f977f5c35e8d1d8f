import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from luotsi.materials import services
from luotsi.materials.models import Item, Variant, VariantStatus
from luotsi.privacy.models import AuditEvent
from luotsi.testing import events as ev
from luotsi.testing import materials as mat
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _cafe_with_somali_gap(personas: Personas) -> tuple[Item, Variant]:
    cafe = ev.event(personas, start=timezone.now() + datetime.timedelta(days=6))
    item = services.item_create_for(linked=cafe, by=personas.officer_south)
    services.variants_declare(item=item, by=personas.officer_south, needs=[("fi", "web")])
    Variant.objects.filter(item=item).update(status=VariantStatus.READY, text="Tervetuloa")
    (somali,) = services.variants_declare(
        item=item, by=personas.officer_south, needs=[("so", "web")]
    )
    return item, somali


def test_officer_cannot_see_another_districts_item(personas: Personas):
    south = mat.item(personas, public=False)
    services.variants_declare(item=south, by=personas.officer_south, needs=[("so", "web")])
    east = _client(personas.officer_east)

    assert east.get(reverse("materials:item", args=[south.pk])).status_code == 404
    assert east.get(reverse("materials:public", args=[south.pk])).status_code == 404
    variant = south.variants.get()
    assert east.get(reverse("materials:variant", args=[variant.pk])).status_code == 404

    listing = east.get(reverse("materials:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200
    assert south.title not in listing.content.decode()
    assert listing.context["gap_table"].total == 0
    coverage = east.get("/api/v1/materials/coverage").json()
    assert coverage["items"] == [] and coverage["districts"] == []

    own = _client(personas.officer_south).get(reverse("materials:list"))
    assert south.title in own.content.decode()
    assert own.context["gap_table"].total == 1


def test_business_officer_manages_city_wide_items_and_their_campaigns(personas: Personas):
    from luotsi.testing import campaigns as camp

    city = mat.item(personas, district_code=None, owner=personas.coordinator)
    campaign_item = services.item_create_for(
        linked=camp.campaign(personas), by=personas.business_officer
    )
    south = mat.item(personas)
    client = _client(personas.business_officer)

    assert client.get(reverse("materials:item", args=[city.pk])).status_code == 200
    assert client.get(reverse("materials:item", args=[campaign_item.pk])).status_code == 200
    assert client.get(reverse("materials:item", args=[south.pk])).status_code == 404


def test_officer_creates_an_item_only_in_their_districts(personas: Personas):
    from luotsi.areas.models import District

    east = District.objects.get(code="704")
    client = _client(personas.officer_south)

    refused = client.post(
        reverse("materials:new"),
        {"title_fi": "Tiedote", "district": east.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    city_wide = client.post(
        reverse("materials:new"), {"title_fi": "Tiedote"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    made = client.post(
        reverse("materials:new"),
        {"title_fi": "Tiedote", "district": District.objects.get(code="101").pk},
    )

    assert refused.status_code == 400 and city_wide.status_code == 400
    assert "District: This field is required." in city_wide.content.decode()
    assert made.status_code == 302
    item = Item.objects.get()
    assert item.owner == personas.officer_south
    assert item.district is not None and item.district.code == "101"


def test_declaring_the_usual_set_and_a_free_choice(personas: Personas):
    item = mat.item(personas)
    client = _client(personas.officer_south)

    response = client.post(
        reverse("materials:declare", args=[item.pk]),
        {"usual": "on", "other_language": "ti", "formats": ["web", "audio"]},
    )

    assert response.status_code == 302
    assert sorted(item.variants.values_list("language", "format")) == [
        ("en", "web"),
        ("fi", "web"),
        ("fi-x-plain", "web"),
        ("sv", "web"),
        ("ti", "audio"),
        ("ti", "web"),
    ]
    assert set(item.variants.values_list("status", flat=True)) == {VariantStatus.NEEDED}

    missing = client.post(
        reverse("materials:declare", args=[item.pk]), {"language": "so"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert missing.status_code == 400
    assert "Formats: Choose at least one format." in missing.content.decode()


def test_the_linked_page_creates_then_opens_the_events_item(personas: Personas):
    event = ev.event(personas)
    client = _client(personas.officer_south)
    url = reverse("materials:linked", args=["event", event.pk])

    assert client.get(url).status_code == 200
    created = client.post(url)
    item = Item.objects.get(event=event)
    assert created["Location"] == reverse("materials:item", args=[item.pk])
    assert item.district == event.district and item.title_en == "Residents' café"
    assert client.get(url)["Location"] == reverse("materials:item", args=[item.pk])
    manage_page = client.get(reverse("events:manage-detail", args=[event.pk]))
    assert url in manage_page.content.decode()


def test_dashboard_lists_gaps_before_coming_events(personas: Personas):
    _item, somali = _cafe_with_somali_gap(personas)

    page = _client(personas.officer_south).get(reverse("web:dashboard"), HTTP_ACCEPT_LANGUAGE="en")

    content = page.content.decode()
    assert "Materials missing before coming events" in content
    assert reverse("materials:variant", args=[somali.pk]) in content
    assert "Somali, Web text" in content
    east = _client(personas.officer_east).get(reverse("web:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert reverse("materials:variant", args=[somali.pk]) not in east.content.decode()

    somali.text, somali.status = "Soo dhawoow!", VariantStatus.READY
    services.variant_save(variant=somali, by=personas.officer_south)
    after = _client(personas.officer_south).get(reverse("web:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Every material of the coming events is ready." in after.content.decode()


def test_public_page_shows_only_ready_versions_of_public_items(personas: Personas):
    item = mat.item(personas)
    mat.variant(item, "fi", "web", text="Näin osallistut.")
    mat.variant(item, "so", "web", VariantStatus.IN_TRANSLATION, text="Qabyo qoraal")
    pdf = mat.variant_with_file(item, "sv", "pdf")
    hidden = mat.item(personas, public=False)
    mat.variant(hidden, "fi", "web")

    page = Client().get(reverse("materials:public", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")

    content = page.content.decode()
    assert "Näin osallistut." in content and "Qabyo qoraal" not in content
    assert reverse("materials:file", args=[pdf.pk]) in content
    assert '<h3 id="language-2">Swedish</h3>' in content
    assert Client().get(reverse("materials:public", args=[hidden.pk])).status_code == 404
    preview = _client(personas.officer_south).get(reverse("materials:public", args=[hidden.pk]))
    assert preview.status_code == 200


def test_public_event_page_links_its_ready_materials(personas: Personas):
    event = ev.event(personas)
    item = services.item_create_for(linked=event, by=personas.officer_south)
    item.public = True
    item.save()
    page = Client().get(reverse("events:detail", args=[event.pk]))
    assert reverse("materials:public", args=[item.pk]) not in page.content.decode()

    mat.variant(item, "so", "web", text="Soo dhawoow!")
    page = Client().get(reverse("events:detail", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert reverse("materials:public", args=[item.pk]) in page.content.decode()
    assert "(Somali)" in page.content.decode()


def test_file_download_needs_a_public_ready_version_or_a_manager(personas: Personas):
    public_ready = mat.variant_with_file(mat.item(personas))
    in_translation = mat.variant_with_file(
        mat.item(personas, title_fi="Kesken"), status=VariantStatus.IN_TRANSLATION
    )
    private = mat.variant_with_file(mat.item(personas, public=False, title_fi="Sisäinen"))

    def status(client: Client, variant: Variant) -> int:
        return client.get(reverse("materials:file", args=[variant.pk])).status_code

    anonymous, east = Client(), _client(personas.officer_east)
    south = _client(personas.officer_south)
    assert [status(anonymous, v) for v in (public_ready, in_translation, private)] == [
        200,
        404,
        404,
    ]
    assert [status(east, v) for v in (public_ready, in_translation, private)] == [200, 404, 404]
    assert [status(south, v) for v in (public_ready, in_translation, private)] == [200, 200, 200]
    private_response = south.get(reverse("materials:file", args=[private.pk]))
    assert private_response["Cache-Control"] == "private, no-store"


def test_deleting_an_item_asks_first_and_is_audited(personas: Personas):
    item = mat.item(personas)
    mat.variant(item, "fi", "web")
    client = _client(personas.officer_south)

    confirm = client.get(reverse("materials:delete", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "This cannot be undone." in confirm.content.decode()
    assert Item.objects.filter(pk=item.pk).exists()

    assert client.post(reverse("materials:delete", args=[item.pk])).status_code == 302
    assert not Item.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(object_type="materials.item", object_id=str(item.pk)).exists()


def test_list_filters_by_district_language_and_status(personas: Personas):
    south = mat.item(personas, title_fi="Etelä", title="Etelä")
    mat.variant(south, "so", "web", VariantStatus.NEEDED)
    other = mat.item(personas, district_code="102", title_fi="Toinen", title="Toinen")
    mat.variant(other, "ar", "web")
    client = _client(personas.coordinator)

    def titles(query: str) -> list[str]:
        response = client.get(reverse("materials:list") + query)
        return [row.item.title for row in response.context["matrix"].rows]

    assert titles("") == ["Etelä", "Toinen"]
    assert titles("?district=102") == ["Toinen"]
    assert titles("?language=so") == ["Etelä"]
    assert titles("?status=ready") == ["Toinen"]
    assert titles("?district=city") == []
    assert client.get(reverse("materials:list") + "?language=!!").status_code == 400
