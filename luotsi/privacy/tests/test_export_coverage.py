"""A data subject's export covers every table with personal data (GDPR art. 15 and 20).

Two guards. The coverage tests: every field of every model with personal data is either
exported by some section or excluded with a reason, so a new field (or a new model with an
e-mail address, a name or a link to a person's record) fails here until someone decides.
The canary test: markers in every exported text field of every covered model, for two
people; each one's export has all their own markers and none of the other's.
"""

import json
from typing import Any

import pytest
from django.apps import apps
from django.db import models

from luotsi.privacy.portability import (
    Subject,
    build_export,
    excluded_fields,
    excluded_models,
    exported_fields,
)
from luotsi.privacy.retention import declared_models
from luotsi.privacy.tests.test_retention import personal_models as heuristic_personal_models

# Models about a person that the e-mail/name heuristic cannot see: rows hanging off a
# person's record, or naming them.
KNOWN_PERSONAL_MODELS = {
    "network.interaction",
    "network.relationship",
    "network.commitment",
    "concerns.messagestep",
    "concerns.stakeholder",
    "campaigns.target",
    "campaigns.response",
    "subscriptions.digestdelivery",
    "subscriptions.announcementdelivery",
}
# The records that stand for a person: whatever points at one of them is about that person.
PERSON_RECORDS = {
    "network.contact",
    "events.registration",
    "concerns.message",
    "officehours.appointment",
    "subscriptions.subscriber",
    "campaigns.target",
}
# Models pointing at a person's record that hold nothing about the person, and why.
NOT_ABOUT_THE_PERSON: dict[str, str] = {}


def personal_models() -> set[str]:
    return heuristic_personal_models() | declared_models() | KNOWN_PERSONAL_MODELS


def unclassified_fields(
    personal: set[str],
    exported: dict[str, set[str]],
    excluded: dict[str, dict[str, str]],
    whole_models: dict[str, str],
) -> dict[str, list[str]]:
    """{model label: fields neither exported nor excluded with a reason}."""
    problems: dict[str, list[str]] = {}
    for label in sorted(personal - set(whole_models)):
        model = apps.get_model(label)
        missing = [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in exported.get(label, set())
            and not excluded.get(label, {}).get(f.name, "").strip()
        ]
        if missing:
            problems[label] = missing
    return problems


def test_every_personal_field_is_exported_or_excluded_with_a_reason():
    problems = unclassified_fields(
        personal_models(), exported_fields(), excluded_fields(), excluded_models()
    )
    assert problems == {}, f"export these in the app's personal_data.py or exclude them: {problems}"


def test_the_coverage_check_catches_a_new_personal_field():
    """The test of the test: forgetting one exported field is reported."""
    exported = exported_fields()
    exported["events.registration"] = exported["events.registration"] - {"phone"}
    problems = unclassified_fields(
        personal_models(), exported, excluded_fields(), excluded_models()
    )
    assert problems == {"events.registration": ["phone"]}


def test_declared_fields_exist_and_are_never_both_exported_and_excluded():
    exported, excluded = exported_fields(), excluded_fields()
    for label in set(exported) | set(excluded):
        names = {f.name for f in apps.get_model(label)._meta.concrete_fields}
        assert exported.get(label, set()) <= names, label
        assert set(excluded.get(label, {})) <= names, label
        assert not exported.get(label, set()) & set(excluded.get(label, {})), label
    for label, reason in excluded_models().items():
        apps.get_model(label)
        assert reason.strip()
        assert label not in exported


def test_every_model_pointing_at_a_persons_record_is_covered():
    """A new table hanging off a contact, a message, a registration… is about that person."""
    covered = personal_models() | set(NOT_ABOUT_THE_PERSON)
    pointing = {
        model._meta.label_lower
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey)
        and f.remote_field.model._meta.label_lower in PERSON_RECORDS
    }
    assert pointing - covered == set()


# --- the canary ------------------------------------------------------------------------------


def _text_fields(model: type[models.Model], names: set[str]) -> list[models.Field[Any, Any]]:
    """The exported free-text fields: not choices, not the e-mail the person is found by,
    not `username` (axes' copy of it), and not a translated field's base column (read
    through the active language; its `_fi`/`_sv`/`_en` columns carry the markers)."""
    columns = {f.name for f in model._meta.concrete_fields}
    fields: list[models.Field[Any, Any]] = []
    for f in model._meta.concrete_fields:
        if (
            f.name not in names
            or f.choices
            or isinstance(f, models.EmailField)
            or f.name == "username"
            or f"{f.name}_fi" in columns
        ):
            continue
        if isinstance(f, models.CharField | models.TextField | models.JSONField):
            fields.append(f)
    return fields


def mark(obj: models.Model, prefix: str, markers: set[str]) -> None:
    """Put a unique marker into every exported text field of `obj` (and its file name)."""
    model = type(obj)
    label = model._meta.label_lower
    names = exported_fields().get(label, set())
    for f in _text_fields(model, names):
        marker = _next(prefix)
        markers.add(marker)
        _where[marker] = f"{label}.{f.name}"
        setattr(obj, f.attname, {"canary": marker} if isinstance(f, models.JSONField) else marker)
    if "image" in names:
        marker = _next(prefix)
        markers.add(marker)
        obj.image.name = f"concerns/{marker}.jpg"  # type: ignore[attr-defined]
    obj.save()
    _marked.add(label)


_marked: set[str] = set()
_where: dict[str, str] = {}
_counter = iter(range(1000, 10000))


def _next(prefix: str) -> str:
    """A marker short enough for the narrowest field (8 characters), none inside another."""
    return f"{prefix}{next(_counter)}"


def make_person(p: Any, prefix: str, email: str, code: str, house: int) -> tuple[Any, set[str]]:
    """Records of every covered kind about one person, with markers in their text."""
    import datetime
    import secrets

    from axes.models import AccessAttempt
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from luotsi.accounts.models import ApiToken
    from luotsi.campaigns.models import Response
    from luotsi.concerns.models import MessageStep, Photo, Stakeholder, StepKind
    from luotsi.network.models import Affiliation, Relationship, RelationshipType
    from luotsi.officehours.models import Appointment, OfficerProfile
    from luotsi.privacy.models import AuditAction, AuditEvent
    from luotsi.subscriptions.models import Announcement, AnnouncementDelivery, DigestDelivery
    from luotsi.testing import campaigns as cp
    from luotsi.testing import cases
    from luotsi.testing import concerns as cn
    from luotsi.testing import events as ev
    from luotsi.testing import network as net
    from luotsi.testing import subscriptions as sb
    from luotsi.testing.factories import OfficerAssignmentFactory, UserFactory

    markers: set[str] = set()
    user = UserFactory.create(email=email)
    mark(user, prefix, markers)
    OfficerAssignmentFactory.create(officer=user)
    mark(
        ApiToken.objects.create(user=user, name="x", key_hash=secrets.token_hex(32)),
        prefix,
        markers,
    )
    mark(TOTPDevice.objects.create(user=user, name="x"), prefix, markers)
    mark(OfficerProfile.objects.create(user=user), prefix, markers)
    mark(
        AccessAttempt.objects.create(
            username=email, ip_address="192.0.2.1", failures_since_start=1
        ),
        prefix,
        markers,
    )

    contact = net.contact(p, code=code, email=email)
    mark(contact, prefix, markers)
    organisation = cp.business(p, f"{prefix} Oy", address=f"Bulevardi {house}", email=email)
    mark(organisation, prefix, markers)
    mark(Affiliation.objects.create(contact=contact, organisation=organisation), prefix, markers)
    interaction = net.interaction(p, code=code)
    interaction.contacts.add(contact)
    mark(interaction, prefix, markers)
    kind = RelationshipType.objects.create(forward="knows", backward="known by")
    Relationship.objects.create(kind=kind, from_contact=contact, to_organisation=organisation)
    commitment = net.commitment(p, code=code)
    commitment.contact = contact
    mark(commitment, prefix, markers)

    event = ev.event(p)
    mark(ev.registration(event, email=email), prefix, markers)

    message = cn.message(contact_email=email, contact_name="x", consent=True, submitted_by=user)
    mark(message, prefix, markers)
    step = MessageStep.objects.create(message=message, kind=StepKind.REPLY, text="x")
    mark(step, prefix, markers)
    internal = _next(prefix)
    MessageStep.objects.create(message=message, kind=StepKind.NOTE, text=internal)
    photo = Photo.objects.create(
        message=message, image="x.jpg", content_type="image/jpeg", width=1, height=1, size=1
    )
    mark(photo, prefix, markers)
    stakeholder = Stakeholder.objects.create(
        case=cases.case(p), contact=contact, interest=3, influence=3
    )
    mark(stakeholder, prefix, markers)

    start = timezone.now() + datetime.timedelta(days=3, hours=house)
    appointment = Appointment.objects.create(
        officer=p.officer_south,
        venue=ev.venue(),
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        name="x",
        email=email,
        language="fi",
        token=secrets.token_urlsafe(32),
    )
    mark(appointment, prefix, markers)

    subscriber = sb.subscriber(email)
    mark(subscriber, prefix, markers)
    mark(DigestDelivery.objects.create(subscriber=subscriber, week="2026-W10"), prefix, markers)
    announcement = Announcement.objects.create(officer=p.officer_south, subject="x", body="x")
    AnnouncementDelivery.objects.create(announcement=announcement, subscriber=subscriber)

    target = cp.target(cp.campaign(p, title=f"{prefix} campaign"), organisation)
    mark(target, prefix, markers)
    mark(Response.objects.create(target=target, answers={}, language="fi"), prefix, markers)

    from luotsi.budgeting.models import Workspace, WorkspaceMember, WorkspaceTask
    from luotsi.testing import budgeting as pb

    cycle = pb.cycle(p)
    mark(pb.proposal(p, cycle, author=user), prefix, markers)
    workspace = Workspace.objects.create(plan=pb.plan(p, cycle), facilitator=p.officer_south)
    WorkspaceMember.objects.create(workspace=workspace, role="applicant", user=user)
    mark(WorkspaceTask.objects.create(workspace=workspace, title="x", owner=user), prefix, markers)

    # The log is append-only: the event is made with its marker.
    marker = _next(prefix)
    AuditEvent.objects.create(
        actor=user, action=AuditAction.VIEW, object_type="x", object_id="1", summary=marker
    )
    markers.add(marker)
    _marked.add("privacy.auditevent")
    return user, markers | {f"!{internal}"}


@pytest.mark.django_db
def test_canary_each_persons_export_has_all_their_data_and_nothing_of_the_others(personas):
    alice, alice_markers = make_person(personas, "zqa", "Alice.Canary@example.org", "101", 7)
    bob, bob_markers = make_person(personas, "zqb", "bob.canary@example.org", "704", 9)

    # By account, and by address in another case (the e-mail is compared ignoring case).
    cases = [
        (Subject.of_user(alice), alice_markers, bob_markers),
        (Subject.by_email("alice.canary@EXAMPLE.org"), alice_markers, bob_markers),
        (Subject.of_user(bob), bob_markers, alice_markers),
    ]
    for subject, own, other in cases:
        text = json.dumps(build_export(subject=subject, controller="Helsinki"))
        missing = sorted(m for m in own if not m.startswith("!") and m not in text)
        assert not missing, [_where.get(m, m) for m in missing]
        assert [m for m in other if m.lstrip("!") in text] == []
        # Staff's internal notes on the message stay internal.
        assert [m for m in own if m.startswith("!") and m[1:] in text] == []

    # Every covered model with exported text took part.
    with_text = {
        label
        for label, names in exported_fields().items()
        if _text_fields(apps.get_model(label), names)
    }
    assert with_text - _marked == set()
