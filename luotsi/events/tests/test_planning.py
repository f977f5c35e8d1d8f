import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone, translation

from luotsi.events import services
from luotsi.events.models import Event, EventKind, EventStatus
from luotsi.privacy.models import AuditEvent
from luotsi.testing import events as ev

pytestmark = pytest.mark.django_db
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def draft(**fields):
    start = fields.pop("start", timezone.now() + datetime.timedelta(days=3))
    values = {
        "kind": EventKind.CAFE,
        "title": "Kahvila",
        "title_fi": "Kahvila",
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "languages": "fi, SV ,fi",
        "venue": ev.venue("101"),
        **fields,
    }
    return Event(**values)


def test_a_new_event_is_a_draft_placed_at_its_venue_and_organised_by_its_creator(personas):
    event = services.event_save(event=draft(), by=personas.officer_south)
    assert event.status == EventStatus.DRAFT
    assert event.district is not None and event.district.code == "101"
    assert event.sub_district is not None
    assert event.venue is not None and event.latitude == event.venue.latitude
    assert list(event.organisers.all()) == [personas.officer_south]
    assert event.languages == "fi,sv"
    assert AuditEvent.objects.filter(object_type="events.event", object_id=str(event.pk)).exists()


def test_an_event_must_end_after_it_starts(personas):
    start = timezone.now() + datetime.timedelta(days=1)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.event_save(event=draft(start=start, end=start), by=personas.officer_south)
    assert error.value.message_dict["end"] == ["The event must end after it starts."]
    with pytest.raises(IntegrityError), transaction.atomic():
        ev.event(personas, start=start, hours=-1)


def test_an_event_cannot_be_created_or_moved_into_the_past(personas):
    past = timezone.now() - datetime.timedelta(days=1)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.event_save(event=draft(start=past), by=personas.officer_south)
    assert error.value.message_dict["start"] == ["An event cannot start in the past."]

    event = services.event_save(event=draft(), by=personas.officer_south)
    event.start, event.end = past, past + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError):
        services.event_save(event=event, by=personas.officer_south)


def test_an_event_that_has_happened_can_still_be_corrected(personas):
    happened = ev.event(personas, start=timezone.now() - datetime.timedelta(days=2))
    happened.title_en = "Residents' café in the library"
    services.event_save(event=happened, by=personas.officer_south)


def test_negative_or_zero_capacity_is_refused_by_the_form_and_the_database(personas):
    client = Client()
    client.force_login(personas.officer_south)
    start = timezone.localtime() + datetime.timedelta(days=5)
    response = client.post(
        "/events/manage/new/",
        {
            "kind": "cafe",
            "title_fi": "Kahvila",
            "venue": ev.venue().pk,
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "languages": "fi",
            "capacity": "-3",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "capacity" in response.context["form"].errors
    assert not Event.objects.filter(title="Kahvila").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        ev.event(personas, capacity=-1)


def test_an_officer_cannot_organise_an_event_in_another_district(personas):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.event_save(event=draft(venue=ev.venue("704")), by=personas.officer_south)
    assert "venue" in error.value.message_dict
    # The business officer works city-wide.
    services.event_save(event=draft(venue=ev.venue("704")), by=personas.business_officer)


def test_residents_and_officials_cannot_organise(personas):
    for person in (personas.resident, personas.official):
        with pytest.raises(PermissionDenied):
            services.event_save(event=draft(), by=person)


def test_an_event_without_a_venue_is_placed_in_the_chosen_district(personas):
    from luotsi.testing.network import district

    event = services.event_save(
        event=draft(venue=None, location_details="Kruununhaan yläaste, aula"),
        by=personas.officer_south,
        district=district("101"),
    )
    assert event.district is not None and event.district.code == "101"
    assert event.latitude is None
    with pytest.raises(ValidationError):
        services.event_save(event=draft(venue=None), by=personas.officer_south)


def test_publishing_and_cancelling_follow_the_lifecycle(
    personas, django_capture_on_commit_callbacks
):
    from django.core import mail

    event = services.event_save(event=draft(registration_enabled=True), by=personas.officer_south)
    event = services.event_publish(event=event, by=personas.officer_south)
    assert event.status == EventStatus.PUBLISHED and event.published_at is not None
    with pytest.raises(ValidationError):
        services.event_publish(event=event, by=personas.officer_south)
    ev.registration(event, email="one@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=personas.officer_south)
    assert [m.subject for m in mail.outbox] == ["Event cancelled: Kahvila"]
    with pytest.raises(PermissionDenied):
        services.event_cancel(event=event, by=personas.officer_east)


def test_moving_a_published_event_tells_everyone_registered(
    personas, django_capture_on_commit_callbacks
):
    from django.core import mail

    event = ev.event(personas)
    ev.registration(event, email="one@example.org", language="en")
    ev.registration(event, email="gone@example.org", status="cancelled")
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, by=personas.officer_south)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["one@example.org"], "Changed time or place: Residents' café")
    ]


def test_only_a_draft_without_costs_can_be_deleted(personas):
    event = ev.event(personas)
    with pytest.raises(ValidationError):
        services.event_delete_draft(event=event, by=personas.officer_south)
    draft_event = ev.event(personas, status="draft", published_at=None)
    services.event_delete_draft(event=draft_event, by=personas.officer_south)
    assert not Event.objects.filter(pk=draft_event.pk).exists()


def test_a_weekly_series_keeps_the_local_time_across_the_change_to_winter_time(personas):
    start = datetime.datetime(2026, 10, 15, 18, 0, tzinfo=HELSINKI)
    event = ev.event(personas, start=start, status="draft")
    events = services.event_series_create(
        event=event, by=personas.officer_south, frequency="weekly", occurrences=4
    )
    local_starts = [timezone.localtime(e.start, HELSINKI) for e in events]
    assert [s.date().isoformat() for s in local_starts] == [
        "2026-10-15",
        "2026-10-22",
        "2026-10-29",
        "2026-11-05",
    ]
    assert {s.hour for s in local_starts} == {18}  # although the UTC offset changed on 25.10.
    assert len({e.series_id for e in events}) == 1
    assert all(list(e.organisers.all()) == [personas.officer_south] for e in events)


def test_a_monthly_series_on_the_31st_falls_on_each_months_last_day(personas):
    start = datetime.datetime(2027, 1, 31, 17, 0, tzinfo=HELSINKI)
    event = ev.event(personas, start=start, status="draft")
    events = services.event_series_create(
        event=event, by=personas.officer_south, frequency="monthly", occurrences=3
    )
    assert [timezone.localtime(e.start, HELSINKI).date().isoformat() for e in events] == [
        "2027-01-31",
        "2027-02-28",
        "2027-03-31",
    ]


def test_a_series_has_between_two_and_52_events(personas):
    event = ev.event(personas)
    for occurrences in (1, 53):
        with pytest.raises(ValidationError):
            services.event_series_create(
                event=event, by=personas.officer_south, frequency="weekly", occurrences=occurrences
            )
