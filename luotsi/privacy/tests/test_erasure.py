"""Erasing a person (GDPR art. 17) leaves nothing of them in any table, and nothing else
changes: the proof is a scan of every column of every table of the database.

Two people with records of every kind (erasure_people.py), each with their own canary; the
first is erased. Before, both canaries and addresses are in the same columns; after, the
first person's are nowhere (search index and audit log included), the second person's are
exactly where they were, every table other than those deleted from has as many rows as
before, and the figures counted from them (registrations and attendance per event, messages
per area, the participation statistics) are the same.
"""

import datetime
from collections import Counter
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.campaigns.models import Response
from luotsi.concerns.models import Message
from luotsi.events.models import Registration
from luotsi.insights import sources
from luotsi.insights.models import ParticipationChannel
from luotsi.network.models import ImportBatch
from luotsi.privacy.erasure import deleted_models, erased_fields, subject_reference
from luotsi.privacy.erasure_services import erase_person, erasure_preview
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.privacy.portability import Subject
from luotsi.privacy.tests import dbscan
from luotsi.privacy.tests.erasure_people import Person, make_person
from luotsi.testing import events as ev
from luotsi.testing.factories import UserFactory

# Tables whose number of rows an erasure may change: those it deletes from, the audit log
# it appends to, and the expiry rows deleted with the sign-in attempts they belong to.
MAY_CHANGE_IN_SIZE = {"privacy.auditevent", "axes.accessattemptexpiration"}


def figures(now: datetime.datetime) -> dict[str, Any]:
    """What the erasure must not change: rows per table and the counts made from them."""
    participation: Counter[tuple[Any, ...]] = Counter()
    for channel, key, n in sources.all_counts(now):
        if channel == ParticipationChannel.INTERACTION:
            # A contact's language goes with their details (services.contact_erase): they
            # still count, in the same place and month, as of a language not known.
            key = (*key[:4], "*")
        participation[(channel, *key)] += n
    deleted = set(deleted_models()) | MAY_CHANGE_IN_SIZE
    return {
        "rows": {
            m._meta.label_lower: m._default_manager.count()
            for m in apps.get_models()
            if m._meta.label_lower not in deleted
        },
        "registrations": list(
            Registration.objects.values("event", "status", "attended")
            .annotate(n=Count("pk"))
            .order_by("event", "status", "attended")
        ),
        "messages": list(
            Message.objects.values("district", "sub_district", "service", "kind", "language")
            .annotate(n=Count("pk"))
            .order_by("district", "sub_district", "service", "kind", "language")
        ),
        "participation": participation,
    }


def current(label: str, pk: Any, name: str) -> Any:
    model = apps.get_model(label)
    row = model.objects.filter(pk=pk).first()
    return None if row is None else getattr(row, model._meta.get_field(name).attname)


def not_erased(person: Person) -> list[str]:
    """The erased fields of the person's rows still holding their value (emptiness was
    already erased enough), and the rows of deleted models still there."""
    problems = [
        f"{label}.{name}"
        for (label, pk, name), before in person.values.items()
        if label not in deleted_models() and before and current(label, pk, name) == before
    ]
    problems += [
        f"{label} {pk}"
        for label, pk in person.rows
        if label in deleted_models() and apps.get_model(label).objects.filter(pk=pk).exists()
    ]
    if Session.objects.filter(session_key__in=person.session_keys).exists():
        problems.append("sessions.session")
    return problems


def changed(person: Person) -> list[str]:
    problems = [
        f"{label}.{name}"
        for (label, pk, name), before in person.values.items()
        if current(label, pk, name) != before
    ]
    problems += [
        f"{label} {pk}"
        for label, pk in person.rows
        if not apps.get_model(label).objects.filter(pk=pk).exists()
    ]
    if Session.objects.filter(session_key__in=person.session_keys).count() != 2:
        problems.append("sessions.session")
    return problems


@pytest.mark.django_db
def test_erasing_a_person_leaves_no_trace_of_them_anywhere_and_nothing_else_changes(personas):
    alice = make_person(personas, tag="Alice", code="101", house=7)
    bob = make_person(personas, tag="Bob", code="704", house=9)
    # The people have a record of every kind some eraser handles.
    assert (set(erased_fields()) | set(deleted_models())) - alice.marked == set()
    needles = [alice.canary, alice.email, bob.canary, bob.email]
    before = dbscan.occurrences(needles)
    a_canary, a_email, b_canary, b_email = (before[n.lower()] for n in needles)
    assert set(a_canary) == set(b_canary) and set(a_email) == set(b_email)
    assert len(a_canary) > 30, sorted(a_canary)
    now = timezone.now()
    figures_before = figures(now)
    indexed = {p.canary: dbscan.fulltext_matches(p.canary) for p in (alice, bob)}
    if connection.vendor == "sqlite":
        assert [len(found) for found in indexed.values()] == [2, 2]

    counts = erase_person(Subject.by_email(alice.email.upper()), by=personas.coordinator)

    after = dbscan.occurrences(needles)
    assert after[alice.canary.lower()] == {}
    assert after[alice.email.lower()] == {}
    assert after[bob.canary.lower()] == b_canary
    assert after[bob.email.lower()] == b_email
    assert not_erased(alice) == []
    assert changed(bob) == []
    assert figures(now) == figures_before
    # The search index forgot the erased summaries, and only those.
    assert dbscan.fulltext_matches(alice.canary) == []
    assert dbscan.fulltext_matches(bob.canary) == indexed[bob.canary]
    dbscan.fulltext_check()

    assert counts["events.registration"] == 2
    assert counts["network.contact"] == 1
    assert counts["network.interaction"] == 2  # met as a contact, and at office hours
    assert counts["concerns.message"] == 1
    assert counts["sessions.session"] == 2
    assert counts["privacy.exportrequest"] == 2
    assert counts["accounts.user"] == 1
    # The account stays (the audit log names it as the actor of the export), anonymised.
    user = User.objects.get(pk=alice.user.pk)
    assert user.email == f"erased-{user.pk}@invalid"
    assert not user.is_active and not user.has_usable_password()
    # Answers picked from a list stay in the campaign's sums; other people's rows of an
    # uploaded list stay.
    chosen = str(alice.other_rows["chosen_question"])
    response = Response.objects.get(target__organisation__email="", answers__has_key=chosen)
    assert response.answers == {chosen: True}
    batch = ImportBatch.objects.get(pk=alice.other_rows["import_batch"])
    assert [row[0] for row in batch.raw_rows] == ["Other Person"]
    erased = AuditEvent.objects.get(action=AuditAction.ERASE, object_type="person")
    assert erased.object_id == str(alice.user.pk)
    assert erased.actor == personas.coordinator

    # Again: nothing left to find, nothing else touched; logged again.
    erase_person(Subject.of_user(user), by=personas.coordinator)
    assert dbscan.occurrences(needles) == after
    assert changed(bob) == []
    assert AuditEvent.objects.filter(action=AuditAction.ERASE, object_type="person").count() == 2


@pytest.mark.django_db
def test_an_account_nothing_depends_on_is_deleted(personas):
    resident = UserFactory.create(email="Aino.Asukas@example.org")
    registration = ev.registration(ev.event(personas), email="aino.asukas@example.org")

    counts = erase_person(Subject.of_user(resident), by=personas.coordinator)

    assert counts == {"accounts.user": 1, "events.registration": 1}
    assert not User.objects.filter(pk=resident.pk).exists()
    registration.refresh_from_db()
    assert registration.email == "" and registration.anonymised_at is not None
    event = AuditEvent.objects.get(action=AuditAction.ERASE)
    assert (event.object_type, event.object_id) == ("person", str(resident.pk))
    assert "aino" not in event.summary.lower()


@pytest.mark.django_db
def test_a_person_without_an_account_is_named_in_the_log_by_a_hash_of_the_address(personas):
    ev.registration(ev.event(personas), email="Veikko.Vieras@example.org")

    erase_person(Subject.by_email("veikko.vieras@example.org"), by=personas.coordinator)

    event = AuditEvent.objects.get(action=AuditAction.ERASE)
    reference = subject_reference(Subject.by_email("VEIKKO.VIERAS@example.org"))
    assert event.object_id == reference and reference.startswith("sha256:")
    assert "veikko" not in event.object_id + event.summary.lower()


@pytest.mark.django_db
def test_the_preview_counts_what_would_be_erased_and_changes_nothing(personas):
    ev.registration(ev.event(personas), email="aino@example.org", name="Aino Asukas")
    ev.registration(ev.event(personas), email="AINO@example.org", name="Aino Asukas")

    preview = erasure_preview(subject=Subject.by_email("aino@example.org"), by=personas.coordinator)

    assert [(label, n) for label, _, n in preview] == [("events.registration", 2)]
    assert Registration.objects.filter(name="Aino Asukas").count() == 2
    looked = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="person")
    assert "aino" not in looked.summary.lower()


@pytest.mark.django_db
def test_only_the_coordinator_erases_others_and_staff_never_themselves(personas):
    target = Subject.of_user(personas.resident)
    for who in ("official", "officer_south", "business_officer"):
        with pytest.raises(PermissionDenied):
            erase_person(target, by=getattr(personas, who))
        with pytest.raises(PermissionDenied):
            erase_person(Subject.of_user(getattr(personas, who)), by=getattr(personas, who))
    with pytest.raises(PermissionDenied):
        erase_person(Subject.of_user(personas.coordinator), by=personas.coordinator)
    with pytest.raises(PermissionDenied):
        erase_person(Subject.of_user(personas.official), by=personas.resident)
    with pytest.raises(PermissionDenied):
        erasure_preview(subject=target, by=personas.officer_south)
    assert User.objects.get(pk=personas.resident.pk).is_active

    erase_person(target, by=personas.resident)  # one's own account

    assert not User.objects.get(pk=personas.resident.pk).is_active
