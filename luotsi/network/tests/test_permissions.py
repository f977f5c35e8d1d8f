"""Data-scoped visibility: another district's private records are absent everywhere."""

import json

import pytest
from django.test import Client

from luotsi.network import selectors
from luotsi.network.permissions import contacts_visible_to, organisations_visible_to
from luotsi.testing import network as net
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(personas: Personas):
    return {
        "south": net.contact(personas, "101", "Paula Private"),
        "east": net.contact(personas, "704", "Eino Eastern"),
        "shared": net.contact(personas, "704", "Sanna Shared", visibility="shared"),
    }


def names(queryset) -> set[str]:
    return set(queryset.values_list("full_name", flat=True))


def test_officers_see_their_districts_private_contacts_and_all_shared(personas, records):
    assert names(contacts_visible_to(personas.officer_south)) == {"Paula Private", "Sanna Shared"}
    assert names(contacts_visible_to(personas.officer_east)) == {"Eino Eastern", "Sanna Shared"}
    assert names(contacts_visible_to(personas.coordinator)) == {
        "Paula Private",
        "Eino Eastern",
        "Sanna Shared",
    }
    assert names(contacts_visible_to(personas.resident)) == set()
    assert names(contacts_visible_to(personas.official)) == set()


def test_other_districts_contact_is_404_on_page_and_api(client: Client, personas, records):
    client.force_login(personas.officer_east)
    pk = records["south"].pk
    assert client.get(f"/network/contacts/{pk}/").status_code == 404
    assert client.get(f"/api/v1/network/contacts/{pk}").status_code == 404


def test_other_districts_contact_is_absent_from_lists_search_and_api_lists(
    client: Client, personas, records
):
    client.force_login(personas.officer_east)
    assert "Paula Private" not in client.get("/network/contacts/").content.decode()
    assert "Paula Private" not in client.get("/network/search/?q=Paula").content.decode()
    api = client.get("/api/v1/network/contacts").json()
    assert "Paula Private" not in {item["full_name"] for item in api["items"]}
    assert api["count"] == 2  # counts leak nothing either
    assert selectors.search(personas.officer_east, "Paula") == []


def test_business_officer_sees_business_organisations_city_wide(personas):
    cafe = net.organisation(personas, "704", "Kahvila Oy", kind="business")
    school = net.organisation(personas, "704", "Vuosaaren koulu", kind="school")
    visible = set(organisations_visible_to(personas.business_officer))
    assert cafe in visible and school not in visible


def test_search_ranks_exact_names_first_and_tolerates_typos(personas, records):
    net.contact(personas, "101", "Paula Privaatti")
    hits = selectors.search(personas.officer_south, "Paula Private")
    assert hits[0].title == "Paula Private"
    typo = selectors.search(personas.officer_south, "Paula Privte")
    assert typo and typo[0].title == "Paula Private"


def test_an_officer_cannot_record_work_in_another_district_through_the_api(
    client: Client, personas
):
    client.force_login(personas.officer_east)
    response = client.post(
        "/api/v1/network/interactions",
        data=json.dumps(
            {"occurred_on": "2026-11-01", "channel": "call", "summary": "x", "district": "101"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "district"


def test_search_finds_interactions_only_in_the_officers_districts(personas):
    own = net.interaction(personas, "101", summary="Skatepark plans discussed")
    net.interaction(personas, "704", summary="Skatepark in Vuosaari")
    hits = selectors.search(personas.officer_south, "Skatepark")
    assert [(h.kind, h.pk) for h in hits] == [("interaction", own.pk)]


def test_interaction_search_follows_edits_and_deletions(personas):
    """On SQLite the match comes from the FTS index, kept in step by triggers."""
    interaction = net.interaction(personas, "101", summary="Skatepark plans discussed")
    assert [h.pk for h in selectors.search(personas.officer_south, "SKATEPARK")] == [interaction.pk]
    interaction.summary = "Playground plans discussed"
    interaction.save()
    assert selectors.search(personas.officer_south, "Skatepark") == []
    assert [h.pk for h in selectors.search(personas.officer_south, "playground")] == [
        interaction.pk
    ]
    interaction.delete()
    assert selectors.search(personas.officer_south, "playground") == []


@pytest.mark.parametrize("query", ["50%", "a_b", "x\\\\y", "ab"])
def test_search_treats_wildcards_and_short_queries_as_text(personas, query):
    net.interaction(personas, "101", summary="Budget cut by 50% in a_b area x\\\\y ab")
    hits = selectors.search(personas.officer_south, query)
    assert [h.kind for h in hits] == ["interaction"]
