import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.utils import timezone

from luotsi.areas.models import MajorDistrict
from luotsi.events import accounting, selectors
from luotsi.events.models import EventCost, EventStatus, Registration
from luotsi.network.models import Channel, Commitment
from luotsi.testing import events as ev
from luotsi.testing import network as net

pytestmark = pytest.mark.django_db


def past_event(personas, days_ago=1, **fields):
    return ev.event(personas, start=timezone.now() - datetime.timedelta(days=days_ago), **fields)


def test_attendance_counts_and_notes_go_into_the_networks_interaction_log(personas):
    partner = net.organisation(personas)
    person = net.contact(personas)
    event = past_event(personas, audiences="seniors,immigrants", interpretation="ar")
    event.partners.set([partner])
    came = ev.registration(event, email="came@example.org")
    ev.registration(event, email="noshow@example.org")
    due = timezone.localdate() + datetime.timedelta(days=14)

    accounting.attendance_record(
        event=event,
        by=personas.officer_south,
        attended=[came.pk],
        walk_ins=7,
        counts={("audience", "seniors"): 5, ("language", "ar"): 3},
        notes="Parking worries near the school.",
        contacts=[person],
        commitment="Ask the city about parking",
        commitment_due_on=due,
    )

    event.refresh_from_db()
    assert event.status == EventStatus.COMPLETED and event.walk_ins == 7
    assert selectors.registration_counts(event)["attended"] == 1
    assert {(c.dimension, c.code, c.count) for c in event.attendance_counts.all()} == {
        ("audience", "seniors", 5),
        ("language", "ar", 3),
    }
    interaction = event.interaction
    assert interaction.channel == Channel.EVENT
    assert interaction.summary == "Asukaskahvila: Parking worries near the school."
    assert list(interaction.contacts.all()) == [person]
    assert list(interaction.organisations.all()) == [partner]
    assert interaction.district.code == "101"
    assert Commitment.objects.get(interaction=interaction).owner == personas.officer_south

    # Recording again corrects the same log entry.
    accounting.attendance_record(
        event=event, by=personas.officer_south, attended=[], walk_ins=8, counts={}, notes="Fixed."
    )
    event.refresh_from_db()
    assert event.interaction_id == interaction.pk
    assert event.interaction.summary == "Asukaskahvila: Fixed."


def test_attendance_cannot_be_recorded_before_the_event_or_with_negative_counts(personas):
    with pytest.raises(ValidationError):
        accounting.attendance_record(
            event=ev.event(personas), by=personas.officer_south, attended=[], walk_ins=1, counts={}
        )
    with pytest.raises(ValidationError):
        accounting.attendance_record(
            event=past_event(personas),
            by=personas.officer_south,
            attended=[],
            walk_ins=-1,
            counts={},
        )
    with pytest.raises(PermissionDenied):
        accounting.attendance_record(
            event=past_event(personas), by=personas.officer_east, attended=[], walk_ins=1, counts={}
        )


def test_only_organisers_and_the_coordinator_see_who_registered(personas):
    event = ev.event(personas)
    ev.registration(event, name="Secret Person")
    # officer_south organises it; a second officer of the same district does not.
    from luotsi.accounts.models import Role
    from luotsi.testing.factories import OfficerAssignmentFactory, UserFactory

    colleague = UserFactory.create(email="colleague@example.org", role=Role.DISTRICT_OFFICER)
    OfficerAssignmentFactory.create(
        officer=colleague, major_districts=[MajorDistrict.objects.get(number=1)]
    )
    seen = {}
    for name, person in [
        ("organiser", personas.officer_south),
        ("coordinator", personas.coordinator),
        ("colleague", colleague),
    ]:
        client = Client()
        client.force_login(person)
        page = client.get(f"/events/manage/{event.pk}/")
        assert page.status_code == 200
        seen[name] = "Secret Person" in page.content.decode()
    assert seen == {"organiser": True, "coordinator": True, "colleague": False}


def test_costs_count_against_the_budget_of_the_events_major_district_and_year(personas):
    year = timezone.localtime(timezone.now() + datetime.timedelta(days=7)).year
    south, east = MajorDistrict.objects.get(number=1), MajorDistrict.objects.get(number=7)
    accounting.budget_set(
        major_district=south, year=year, allocated=Decimal("1000"), by=personas.coordinator
    )
    accounting.budget_set(
        major_district=east, year=year, allocated=Decimal("500"), by=personas.coordinator
    )
    event = ev.event(personas)
    accounting.cost_add(
        event=event,
        by=personas.officer_south,
        category="catering",
        amount=Decimal("120.50"),
        status="spent",
    )
    interpretation = accounting.cost_add(
        event=event,
        by=personas.officer_south,
        category="interpretation",
        amount=Decimal("300"),
        status="committed",
    )
    lines, total = selectors.budget_lines(personas.coordinator, year)
    by_number = {line.major_district.number: line for line in lines if line.major_district}
    assert (by_number[1].allocated, by_number[1].committed, by_number[1].spent) == (
        Decimal("1000"),
        Decimal("300"),
        Decimal("120.50"),
    )
    assert by_number[1].remaining == Decimal("579.50")
    assert (total.allocated, total.committed, total.spent) == (
        Decimal("1500"),
        Decimal("300"),
        Decimal("120.50"),
    )
    # A district officer sees their own major district only.
    own, _ = selectors.budget_lines(personas.officer_south, year)
    assert [line.major_district.number for line in own if line.major_district] == [1]

    accounting.cost_mark_spent(cost=interpretation, by=personas.officer_south)
    accounting.cost_remove(cost=interpretation, by=personas.officer_south)
    line = selectors.budget_line_for(event)
    assert line is not None and line.spent == Decimal("120.50")


def test_bad_costs_and_budgets_are_refused(personas):
    event = ev.event(personas)
    with pytest.raises(ValidationError):
        accounting.cost_add(
            event=event,
            by=personas.officer_south,
            category="catering",
            amount=Decimal("-1"),
            status="spent",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EventCost.objects.create(
            event=event,
            category="venue",
            amount=0,
            status="spent",
            recorded_by=personas.officer_south,
        )
    with pytest.raises(PermissionDenied):
        accounting.budget_set(
            major_district=MajorDistrict.objects.get(number=1),
            year=2026,
            allocated=Decimal("10"),
            by=personas.officer_south,
        )


def test_the_cost_form_warns_when_the_budget_is_exceeded(personas):
    year = timezone.localtime(timezone.now() + datetime.timedelta(days=7)).year
    accounting.budget_set(
        major_district=MajorDistrict.objects.get(number=1),
        year=year,
        allocated=Decimal("100"),
        by=personas.coordinator,
    )
    event = ev.event(personas)
    client = Client()
    client.force_login(personas.officer_south)
    response = client.post(
        f"/events/manage/{event.pk}/costs/",
        {"category": "venue", "amount": "150", "status": "committed"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    texts = [str(m) for m in response.context["messages"]]
    assert "The district's events budget for the year is exceeded." in texts
    assert event.costs.count() == 1


@override_settings(EVENTS_ANONYMISE_AFTER_DAYS=30)
def test_anonymisation_removes_personal_data_after_the_retention_period_and_keeps_counts(
    personas,
):
    old = past_event(personas, days_ago=40)
    recent = past_event(personas, days_ago=3)
    came = ev.registration(
        old,
        email="came@example.org",
        phone="+358401234567",
        accessibility_needs="Wheelchair",
        attended=True,
    )
    ev.registration(old, email="waiting@example.org", status="waitlisted")
    ev.registration(old, email="gone@example.org", status="cancelled")
    kept = ev.registration(recent, email="recent@example.org")
    before = selectors.registration_counts(old)
    old_token = came.token

    call_command("anonymise_registrations", stdout=open("/dev/null", "w"))  # noqa: SIM115

    came.refresh_from_db()
    assert (came.name, came.email, came.phone, came.accessibility_needs) == ("—", "", "", "")
    assert came.anonymised_at is not None and came.token != old_token
    assert (
        selectors.registration_counts(old)
        == before
        == {
            "confirmed": 1,
            "waitlisted": 1,
            "cancelled": 1,
            "attended": 1,
        }
    )
    kept.refresh_from_db()
    assert kept.email == "recent@example.org" and kept.anonymised_at is None
    assert not Registration.objects.filter(event=old, anonymised_at__isnull=True).exists()
    # The old personal link leads nowhere now.
    assert Client().get(f"/events/registrations/{old_token}/").status_code == 404


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_publishing_queues_the_anonymisation_for_when_the_registrants_fall_due(
    personas, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from luotsi.events import services

    event = ev.event(personas, status="draft", published_at=None)
    with (
        override_settings(TASKS=DATABASE_TASKS, EVENTS_ANONYMISE_AFTER_DAYS=10),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.event_publish(event=event, by=personas.officer_south)
    queued = DBTaskResult.objects.get(task_path="luotsi.events.tasks.anonymise_registrations")
    assert queued.run_after == event.end + datetime.timedelta(days=10, minutes=1)

    # The immediate backend cannot defer: nothing is queued, the daily command does the work.
    other = ev.event(personas, status="draft", published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(event=other, by=personas.officer_south)
    assert DBTaskResult.objects.count() == 1


def test_viewing_the_registrants_is_audited(personas):
    from luotsi.privacy.models import AuditEvent

    event = ev.event(personas)
    ev.registration(event)
    client = Client()
    client.force_login(personas.coordinator)
    client.get(f"/events/manage/{event.pk}/")
    assert AuditEvent.objects.filter(
        actor=personas.coordinator,
        action="view",
        object_type="events.registration",
        object_id=f"event:{event.pk}",
    ).exists()
