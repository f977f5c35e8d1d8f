"""The coordinator's audit log search: each filter narrows, dates are validated, pages and
the CSV export (which is itself audited) hold the filtered rows, and only the coordinator
(and superusers) get in."""

import csv
import datetime
import io
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone, translation

from luotsi.accounts.models import User
from luotsi.privacy import audit_views
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.privacy.services import audit_record
from luotsi.testing.factories import UserFactory
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english(client: Client):
    """Messages are checked in the source language (the default language is Finnish)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _event(
    when: datetime.datetime | None = None,
    *,
    actor: User | None,
    action: str = AuditAction.VIEW,
    object_type: str = "network.contact",
    object_id: str = "1",
    summary: str = "",
) -> AuditEvent:
    """An audit event written at `when` (the log sets its own time and refuses changes)."""
    with mock.patch("django.utils.timezone.now", return_value=when or timezone.now()):
        return audit_record(
            actor=actor,
            action=AuditAction(action),
            object_type=object_type,
            object_id=object_id,
            summary=summary,
        )


def _coordinator(client: Client, p: Personas) -> Client:
    client.force_login(p.coordinator)
    return client


def _ids(response) -> list[int]:
    return [event.pk for event in response.context["page"].object_list]


@pytest.fixture
def log(personas):
    """A small log: two officers' views and exports, a retention run, over three days."""
    day = datetime.date(2025, 3, 10)
    p = personas
    return {
        "south_view": _event(_at(day, 9), actor=p.officer_south, object_id="11"),
        "east_view": _event(
            _at(day, 10), actor=p.officer_east, object_type="events.registration", object_id="x"
        ),
        "south_export": _event(
            _at(day + datetime.timedelta(days=1)),
            actor=p.officer_south,
            action=AuditAction.EXPORT,
            object_type="campaigns.campaign",
            object_id="5",
            summary="12 targets with their answers as csv",
        ),
        "retention": _event(
            _at(day + datetime.timedelta(days=2)),
            actor=None,
            action=AuditAction.ERASE,
            object_type="concerns.message",
            object_id="*",
            summary="retention: 3 anonymised",
        ),
    }


def test_the_coordinator_sees_every_event_newest_first(client: Client, personas, log):
    page = _coordinator(client, personas).get("/privacy/audit/")
    assert page.status_code == 200
    expected = ["retention", "south_export", "east_view", "south_view"]
    assert _ids(page) == [log[name].pk for name in expected]
    html = page.content.decode()
    assert "<caption>" in html and "Luotsi (automatic)" in html
    for name in ("actor", "action", "object_type", "object_id", "q", "start", "end"):
        assert f'<label for="id_{name}"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"actor": "SOUTH@example"}, ["south_export", "south_view"]),  # e-mail, any case
        ({"actor": "elias"}, ["east_view"]),  # the name
        ({"action": "export"}, ["south_export"]),
        ({"object_type": "Events.Registration"}, ["east_view"]),
        ({"object_type": "network.contact", "object_id": "11"}, ["south_view"]),
        ({"object_id": "*"}, ["retention"]),
        ({"q": "TARGETS"}, ["south_export"]),
        ({"start": "2025-03-11"}, ["retention", "south_export"]),
        ({"end": "2025-03-11"}, ["south_export", "east_view", "south_view"]),  # whole day
        ({"start": "2025-03-11", "end": "2025-03-11"}, ["south_export"]),
        ({"actor": "south", "action": "view"}, ["south_view"]),
        ({"actor": "nobody-like-this"}, []),
    ],
)
def test_each_filter_narrows_the_events(client: Client, personas, log, query, expected):
    page = _coordinator(client, personas).get("/privacy/audit/", query)
    assert page.status_code == 200
    assert _ids(page) == [log[name].pk for name in expected]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"start": "2025-02-30"}, "From", "Enter a valid date."),
        ({"end": "yesterday"}, "Until", "Enter a valid date."),
        (
            {"start": "2025-03-12", "end": "2025-03-11"},
            "Until",
            "The end date must not be before the start date.",
        ),
        ({"end": "9999-12-31"}, "Until", "Give a date between the years 2000 and 2999."),
        ({"action": "destroy"}, "Action", "Select a valid choice."),
        ({"object_id": "x" * 51}, "Object id", "Ensure this value has at most 50 characters"),
    ],
)
def test_a_bad_filter_is_400_with_an_error_naming_the_field_and_no_rows(
    client: Client, personas, log, query, field, message
):
    page = _coordinator(client, personas).get("/privacy/audit/", query)
    assert page.status_code == 400
    html = page.content.decode()
    assert 'class="error-summary"' in html
    assert f"{field}: {message}" in html
    assert page.context["page"] is None
    if field != "Action":  # the input is kept for correcting
        assert f'value="{list(query.values())[-1]}"' in html


def test_the_errors_are_translated(client: Client, personas):
    client.force_login(personas.coordinator)
    page = client.get(
        "/privacy/audit/", {"start": "2025-03-12", "end": "2025-03-11"}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert page.status_code == 400
    html = page.content.decode()
    with translation.override("fi"):
        expected = translation.gettext("The end date must not be before the start date.")
        label = translation.gettext("Until")
    assert 'lang="fi"' in html and f"{label}: {expected}" in html


def test_the_log_is_paginated_keeping_the_filters(client: Client, personas, monkeypatch):
    monkeypatch.setattr(audit_views, "PAGE_SIZE", 3)
    for number in range(7):
        _event(actor=personas.officer_south, object_id=str(number))
    _event(actor=personas.officer_east, object_id="other")
    _coordinator(client, personas)
    first = client.get("/privacy/audit/", {"actor": "south"})
    assert first.context["page"].paginator.count == 7
    assert len(_ids(first)) == 3
    assert "?actor=south&amp;page=2" in first.content.decode()
    last = client.get("/privacy/audit/", {"actor": "south", "page": "3"})
    assert [e.object_id for e in last.context["page"].object_list] == ["0"]
    # A page number past the end shows the last page rather than an error.
    assert _ids(client.get("/privacy/audit/", {"actor": "south", "page": "99"})) == _ids(last)


def test_the_query_makes_no_query_per_row(client: Client, personas, django_assert_max_num_queries):
    for number in range(30):
        _event(actor=UserFactory.create(), object_id=str(number))
    _coordinator(client, personas)
    client.get("/privacy/audit/")  # session and caches warm
    with django_assert_max_num_queries(8):
        assert client.get("/privacy/audit/").status_code == 200


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_the_csv_holds_the_filtered_rows_and_is_audited(client: Client, personas, log):
    _coordinator(client, personas)
    response = client.get("/privacy/audit/export.csv", {"actor": "south@", "q": "targets"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-log-')
    rows = _csv(response)
    assert rows[0] == [
        "Time",
        "Actor e-mail",
        "Actor name",
        "Action",
        "Object type",
        "Object id",
        "Summary",
    ]
    assert rows[1][1:] == [
        "officer.south@example.org",
        "Sofia South",
        "export",
        "campaigns.campaign",
        "5",
        "12 targets with their answers as csv",
    ]
    assert len(rows) == 2
    recorded = AuditEvent.objects.get(actor=personas.coordinator, action=AuditAction.EXPORT)
    assert (recorded.object_type, recorded.object_id) == ("privacy.auditevent", "*")
    # Which filters, never what was searched for (that could be a person's address).
    assert recorded.summary == "1 audit events as csv; filters: actor, text"
    assert "south" not in recorded.summary


def test_the_csv_guards_against_formulas(client: Client, personas):
    _event(actor=personas.officer_south, object_id="=HYPERLINK(1)", summary="-2+3")
    rows = _csv(_coordinator(client, personas).get("/privacy/audit/export.csv"))
    assert rows[1][5:] == ["'=HYPERLINK(1)", "'-2+3"]


def test_a_bad_filter_on_the_csv_is_400_and_audits_nothing(client: Client, personas):
    response = _coordinator(client, personas).get("/privacy/audit/export.csv", {"end": "nope"})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_export_itself_can_be_found_in_the_log(client: Client, personas):
    _coordinator(client, personas).get("/privacy/audit/export.csv")
    page = client.get("/privacy/audit/", {"object_type": "privacy.auditevent"})
    assert [e.action for e in page.context["page"].object_list] == ["export"]


@pytest.mark.parametrize(
    "name", ["resident", "official", "officer_south", "officer_east", "business_officer"]
)
def test_no_one_but_the_coordinator_reaches_the_log(client: Client, personas, name):
    client.force_login(personas.get(name))
    assert client.get("/privacy/audit/").status_code == 403
    assert client.get("/privacy/audit/export.csv").status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client):
    response = client.get("/privacy/audit/")
    assert response.status_code == 302
    assert "/accounts/" in response["Location"] or "login" in response["Location"]


def test_a_superuser_reaches_the_log(client: Client, personas):
    client.force_login(UserFactory.create(is_superuser=True))
    assert client.get("/privacy/audit/").status_code == 200


def test_the_dashboard_links_to_the_log_for_the_coordinator_only(client: Client, personas):
    client.force_login(personas.coordinator)
    assert 'href="/privacy/audit/"' in client.get("/dashboard/").content.decode()
    client.force_login(personas.officer_south)
    assert 'href="/privacy/audit/"' not in client.get("/dashboard/").content.decode()


def test_searching_for_a_persons_email_in_the_summaries_finds_nothing(client: Client, personas):
    """Views of a contact, of a booker's appointment and of a message are audited with ids
    and counts only: the person's name and address are found nowhere in the log."""
    from django.urls import reverse

    from luotsi.officehours import services as officehours
    from luotsi.testing import concerns as cn
    from luotsi.testing import network as net
    from luotsi.testing import officehours as oh

    email, name = "hidden.person@example.org", "Hidden Person"
    contact = net.contact(personas, name=name, email=email)
    hours = oh.office_hours(personas.officer_south)
    officehours.appointment_book(
        officer=personas.officer_south,
        starts_at=oh.at(oh.next_weekday(hours.weekday), 10),
        name=name,
        email=email,
        language="fi",
    )
    message = cn.message(contact_name=name, contact_email=email, consent=True)
    client.force_login(personas.officer_south)
    for url in (
        f"/network/contacts/{contact.pk}/",
        "/officers/me/",
        reverse("concerns:message-detail", args=[message.pk]),
    ):
        assert email in client.get(url).content.decode()
    types = set(AuditEvent.objects.filter(action="view").values_list("object_type", flat=True))
    assert types == {"network.contact", "officehours.appointment", "concerns.message"}
    _coordinator(client, personas)
    for text in (email, name, "hidden"):
        page = client.get("/privacy/audit/", {"q": text})
        assert page.status_code == 200
        assert _ids(page) == []


def test_reading_the_log_is_itself_logged_with_the_filters_used_not_their_values(
    client: Client, personas, log
):
    coordinator = _coordinator(client, personas)
    coordinator.get("/privacy/audit/", {"actor": "south", "q": "targets"})
    reading = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="privacy.auditevent")
    assert reading.actor == personas.coordinator
    assert "actor" in reading.summary and "south" not in reading.summary
    assert "targets" not in reading.summary
    # The next reading shows the first one.
    page = coordinator.get("/privacy/audit/", {"object_type": "privacy.auditevent"})
    assert _ids(page) == [reading.pk]
