import datetime
import json

import jsonschema
import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from luotsi.testing import events as ev

pytestmark = pytest.mark.django_db


def test_the_event_feed_parses_back_with_icalendar(personas):
    event = ev.event(personas)
    response = Client().get(f"/events/{event.pk}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == event.title
    assert entry.decoded("DTSTART") == event.start.replace(microsecond=0)
    assert entry.decoded("DTEND") == event.end.replace(microsecond=0)
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert event.venue is not None and event.venue.name in str(entry["LOCATION"])
    assert str(entry["URL"]).endswith(f"/events/{event.pk}/")


def test_the_district_feed_has_the_areas_public_events_only(personas):
    south = ev.event(personas)
    cancelled = ev.event(personas, status="cancelled")
    ev.event(personas, status="draft", published_at=None)
    east = ev.event(personas, district_code="704", organiser=personas.officer_east)
    for code, expected in [
        ("1", {south.pk, cancelled.pk}),
        ("101", {south.pk, cancelled.pk}),
        ("7", {east.pk}),
        ("all", {south.pk, cancelled.pk, east.pk}),
    ]:
        calendar = Calendar.from_ical(Client().get(f"/events/calendar/{code}.ics").content)
        uids = {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
        assert uids == {f"event-{pk}" for pk in expected}, code
    statuses = {
        str(e["UID"]).split("@")[0]: str(e["STATUS"])
        for e in Calendar.from_ical(Client().get("/events/calendar/1.ics").content).walk("VEVENT")
    }
    assert statuses[f"event-{cancelled.pk}"] == "CANCELLED"


@pytest.fixture
def openapi():
    return json.loads(Client().get("/api/v1/openapi.json").content)


def validate(document, schema_name, openapi):
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": openapi["components"]}
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_the_events_api_answers_in_the_linked_events_shape_of_its_openapi_schema(personas, openapi):
    event = ev.event(
        personas, audiences="seniors", interpretation="fse", capacity=5, description_sv="Välkommen"
    )
    ev.registration(event)
    page = Client().get("/api/v1/events/").json()
    validate(page, "EventPage", openapi)
    assert page["meta"] == {"count": 1, "next": None, "previous": None}
    (document,) = page["data"]
    assert document["name"] == {"fi": "Asukaskahvila", "sv": "Invånarkafé", "en": "Residents' café"}
    assert document["description"]["sv"] == "Välkommen"
    assert document["event_status"] == "EventScheduled"
    assert [lang["id"] for lang in document["in_language"]] == ["fi", "sv"]
    assert document["in_language"][1]["name"]["fi"] == "ruotsi"
    assert document["interpretation"] == [
        {
            "id": "fse",
            "name": {
                "fi": "suomalainen viittomakieli",
                "sv": "finskt teckenspråk",
                "en": "Finnish Sign Language",
            },
        }
    ]
    assert document["audience"][0]["id"] == "luotsi:audience:seniors"
    assert document["keywords"][0]["id"] == "luotsi:kind:cafe"
    assert document["offers"] == [
        {"is_free": True, "price": None, "info_url": None, "description": None}
    ]
    assert (document["maximum_attendee_capacity"], document["remaining_attendee_capacity"]) == (
        5,
        4,
    )
    location = document["location"]
    assert location["position"]["coordinates"] == [event.longitude, event.latitude]
    assert [d["type"] for d in location["divisions"]] == [
        "major_district",
        "district",
        "sub_district",
    ]
    assert location["divisions"][1]["code"] == "101"
    assert location["address_locality"]["sv"] == "Helsingfors"

    one = Client().get(f"/api/v1/events/{event.pk}").json()
    validate(one, "EventOut", openapi)
    assert one == document


def test_the_events_api_filters_like_linked_events(personas):
    now = timezone.now()
    south = ev.event(personas, start=now + datetime.timedelta(days=2), languages="fi,so")
    later = ev.event(
        personas,
        start=now + datetime.timedelta(days=20),
        title_fi="Kaavoitusilta",
        title="Kaavoitusilta",
    )
    east = ev.event(
        personas,
        district_code="704",
        organiser=personas.officer_east,
        interpretation="sv",
        start=now + datetime.timedelta(days=3),
    )
    ev.event(personas, start=now - datetime.timedelta(days=3))  # over
    ev.event(personas, status="draft", published_at=None)

    def ids(query):
        response = Client().get(f"/api/v1/events/?{query}")
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["data"]}

    assert ids("") == {south.pk, later.pk, east.pk}
    assert ids("division=1") == {south.pk, later.pk}
    assert ids("division=Vuosaari") == {east.pk}
    assert ids("division=ocd-division/country:fi/kunta:helsinki/peruspiiri:vuosaari") == {east.pk}
    assert ids("division=101,704") == {south.pk, later.pk, east.pk}
    assert ids("language=so") == {south.pk}
    assert ids("language=sv") == {later.pk, east.pk}  # spoken, or interpreted
    assert ids("text=kaavoitus") == {later.pk}
    end = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert ids(f"end={end}") == {south.pk, east.pk}
    start = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert len(ids(f"start={start}")) == 4


def test_the_events_api_pages_and_refuses_bad_parameters_naming_them(personas):
    for day in range(3):
        ev.event(personas, start=timezone.now() + datetime.timedelta(days=day + 1))
    first = Client().get("/api/v1/events/?page_size=2").json()
    assert first["meta"]["count"] == 3 and first["meta"]["previous"] is None
    assert first["meta"]["next"].endswith("page_size=2&page=2")
    second = Client().get("/api/v1/events/?page_size=2&page=2").json()
    assert len(second["data"]) == 1 and second["meta"]["next"] is None
    assert len({r["id"] for r in first["data"]} | {r["id"] for r in second["data"]}) == 3

    for query, field in [
        ("start=yesterday-ish", "start"),
        ("end=2026-13-45", "end"),
        ("language=../etc", "language"),
        ("page=0", "page"),
        ("page_size=101", "page_size"),
    ]:
        response = Client().get(f"/api/v1/events/?{query}", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 422, query
        assert [error["field"] for error in response.json()["errors"]] == [field], query


def test_drafts_are_not_in_the_api(personas):
    draft = ev.event(personas, status="draft", published_at=None)
    assert Client().get(f"/api/v1/events/{draft.pk}").status_code == 404
    assert Client().get("/api/v1/events/").json()["meta"]["count"] == 0


def test_an_unchanged_area_feed_answers_304_and_a_change_shows_at_once(personas):
    event = ev.event(personas)
    client = Client()
    first = client.get("/events/calendar/1.ics")
    etag = first["ETag"]
    assert client.get("/events/calendar/1.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
    event.title_fi = event.title = "Siirretty kahvila"
    event.save()
    changed = client.get("/events/calendar/1.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"Siirretty kahvila" in changed.content
