"""A person with records of every kind an eraser handles, for the erasure tests.

Every field an eraser erases (and every text field of the models it deletes whole) gets the
person's canary, a string found nowhere else, followed by their e-mail address where there
is room; e-mail fields get the address. Fields the erasers keep get ordinary values from the
builders. `Person.values` remembers every erased field's value before the erasure, so the
test can check that each one changed, whatever its type.
"""

import datetime
import json
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any, TypeVar

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.db import models
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.models import ApiToken, User
from luotsi.budgeting.models import (
    Phase,
    ProposalStatus,
    Workspace,
    WorkspaceMember,
    WorkspaceTask,
)
from luotsi.campaigns.models import QuestionKind
from luotsi.concerns.models import MessageStep, Photo, Stakeholder, StepKind
from luotsi.network.models import Affiliation, ImportBatch, Relationship, RelationshipType
from luotsi.network.services import contact_view_audit
from luotsi.officehours.models import Appointment, OfficerProfile
from luotsi.privacy import export_services
from luotsi.privacy.erasure import deleted_models, erased_fields
from luotsi.privacy.portability import Subject
from luotsi.subscriptions.models import Announcement, AnnouncementDelivery, DigestDelivery
from luotsi.testing import budgeting as pb
from luotsi.testing import campaigns as cp
from luotsi.testing import cases
from luotsi.testing import concerns as cn
from luotsi.testing import events as ev
from luotsi.testing import network as net
from luotsi.testing import subscriptions as sb
from luotsi.testing.factories import UserFactory
from luotsi.testing.personas import Personas


@dataclass
class Person:
    email: str
    canary: str
    user: User
    # (model label, pk) of every row marked, and {(label, pk, field): value before}.
    rows: set[tuple[str, Any]] = field(default_factory=set)
    values: dict[tuple[str, Any, str], Any] = field(default_factory=dict)
    session_keys: set[str] = field(default_factory=set)
    marked: set[str] = field(default_factory=set)
    other_rows: dict[str, Any] = field(default_factory=dict)
    serial: int = 0

    def unique(self) -> str:
        self.serial += 1
        return f"{self.canary}-{self.serial}"


def _marked_fields(label: str, model: type[models.Model]) -> set[str]:
    if label in deleted_models():
        return {f.name for f in model._meta.concrete_fields}
    return set(erased_fields().get(label, {}))


def _mark_value(person: Person, f: models.Field[Any, Any], current: Any) -> Any:
    """The canary value for one field; `current` when the field cannot hold it."""
    both = f"{person.canary} {person.email}"
    if isinstance(f, models.EmailField) or f.name == "username":
        return person.email  # the address a person's records are found by
    if isinstance(f, models.JSONField):
        return current if person.canary in json.dumps(current) else {"note": both}
    if isinstance(f, models.FileField):
        return f"concerns/{person.canary}.jpg"
    if f.unique and isinstance(f, models.CharField):
        return person.unique()  # tokens and hashes: one value per row
    if isinstance(f, models.CharField | models.TextField) and not f.choices:
        if f.max_length is None or f.max_length >= len(both):
            return both
        if f.max_length >= len(person.canary):
            return person.canary
    return current  # a code too narrow for the canary: its own value is checked instead


M = TypeVar("M", bound=models.Model)


def mark(obj: M, person: Person) -> M:
    """Put the canary into every field of `obj` an eraser erases, and remember the values."""
    model = type(obj)
    label = model._meta.label_lower
    names = _marked_fields(label, model)
    for f in model._meta.concrete_fields:
        if f.name in names and not f.primary_key and not f.is_relation:
            setattr(obj, f.attname, _mark_value(person, f, getattr(obj, f.attname)))
    obj.save()
    remember(obj, person)
    return obj


def remember(obj: models.Model, person: Person) -> None:
    model = type(obj)
    label = model._meta.label_lower
    person.rows.add((label, obj.pk))
    person.marked.add(label)
    for name in erased_fields().get(label, {}):
        f = model._meta.get_field(name)
        assert isinstance(f, models.Field)
        person.values[(label, obj.pk, name)] = getattr(obj, f.attname)


def _account(p: Personas, person: Person) -> None:
    user = person.user
    client = Client()
    client.force_login(user)  # first: signing in changes the account (last_login)
    person.session_keys.add(client.session.session_key or "")
    mark(user, person)
    mark(ApiToken.objects.create(user=user, name="x", key_hash=secrets.token_hex(32)), person)
    mark(TOTPDevice.objects.create(user=user, name="x"), person)
    mark(OfficerProfile.objects.create(user=user), person)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        extra = {"failures_since_start": 1} if model is AccessAttempt else {}
        row = model.objects.create(username=person.email.lower(), ip_address="192.0.2.1", **extra)
        mark(row, person)
    remembered = SessionStore()
    remembered["note"] = f"Sent to {person.email}"  # e.g. a message shown after a form
    remembered.create()
    person.session_keys.add(remembered.session_key or "")
    person.marked.add("sessions.session")
    log = LogEntry.objects.create(
        user=p.coordinator,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr="x",
        action_flag=CHANGE,
        change_message="x",
    )
    mark(log, person)


def _network(p: Personas, person: Person, code: str, house: int) -> tuple[Any, Any]:
    contact = mark(net.contact(p, code=code, email=person.email, preferred_language="fi"), person)
    organisation = cp.business(
        p, f"Yritys {house} Oy", address=f"Bulevardi {house}", email=person.email
    )
    mark(organisation, person)
    mark(Affiliation.objects.create(contact=contact, organisation=organisation), person)
    interaction = net.interaction(p, code=code)
    interaction.contacts.add(contact)
    mark(interaction, person)
    kind = RelationshipType.objects.create(forward="knows", backward="known by")
    Relationship.objects.create(kind=kind, from_contact=contact, to_organisation=organisation)
    commitment = net.commitment(p, code=code)
    commitment.contact = contact
    mark(commitment, person)
    batch = ImportBatch.objects.create(
        created_by=p.officer_south,
        filename="people.csv",
        columns=["name", "email"],
        mapping={"full_name": 0, "email": 1},
        consent={**net.CONSENT, "consent_date": "2026-01-15"},
        raw_rows=[["Other Person", "other@example.net"], [person.canary, person.email]],
        rows=[
            {"row": n, "values": {"full_name": name, "email": email}, "errors": []}
            for n, (name, email) in (
                (2, ("Other Person", "other@example.net")),
                (3, (person.canary, person.email)),
            )
        ],
    )
    mark(batch, person)
    person.other_rows["import_batch"] = batch.pk
    log = LogEntry.objects.create(
        user=p.coordinator,
        content_type=ContentType.objects.get_for_model(contact),
        object_id=str(contact.pk),
        object_repr="x",
        action_flag=CHANGE,
        change_message="x",
    )
    mark(log, person)
    contact_view_audit(contact=contact, by=p.officer_south)
    return contact, organisation


def _events_and_office_hours(p: Personas, person: Person, code: str, house: int) -> None:
    past = timezone.now() - datetime.timedelta(days=20, hours=house)
    held = ev.event(p, start=past)
    mark(ev.registration(held, email=person.email, attended=True), person)
    mark(ev.registration(ev.event(p), email=person.email), person)  # one to come
    appointment = Appointment.objects.create(
        officer=p.officer_south,
        venue=ev.venue(),
        starts_at=past,
        ends_at=past + datetime.timedelta(minutes=30),
        name="x",
        email=person.email,
        language="sv",
        token=secrets.token_urlsafe(32),
    )
    meeting = mark(net.interaction(p, code="101"), person)
    appointment.interaction = meeting
    mark(appointment, person)


def _concerns(p: Personas, person: Person, contact: Any) -> None:
    message = cn.message(
        contact_email=person.email, contact_name="x", consent=True, submitted_by=person.user
    )
    message.is_public = True
    mark(message, person)
    mark(MessageStep.objects.create(message=message, kind=StepKind.REPLY, text="x"), person)
    mark(MessageStep.objects.create(message=message, kind=StepKind.NOTE, text="x"), person)
    photo = Photo.objects.create(
        message=message, image="x.jpg", content_type="image/jpeg", width=1, height=1, size=1
    )
    mark(photo, person)
    case = cases.case(p)
    mark(Stakeholder.objects.create(case=case, contact=contact, interest=3, influence=4), person)
    # A message passed to the person as staff: the step names them (by their marked name).
    other = cn.message(description="Another person's message")
    step = MessageStep.objects.create(
        message=other, kind=StepKind.ASSIGNED, text=str(User.objects.get(pk=person.user.pk))
    )
    remember(step, person)


def _campaigns_and_subscriptions(p: Personas, person: Person, organisation: Any) -> None:
    campaign = cp.campaign(p, title=f"Campaign of {organisation.name}")
    written = cp.question(campaign, kind=QuestionKind.TEXT)
    chosen = cp.question(campaign, "Sopiiko?", QuestionKind.YES_NO, order=1)
    target = mark(cp.target(campaign, organisation), person)
    answers = {str(written.pk): f"{person.canary} {person.email}", str(chosen.pk): True}
    mark(cp.response(target, answers, language="sv"), person)
    person.other_rows["chosen_question"] = chosen.pk
    subscriber = mark(sb.subscriber(person.email), person)
    DigestDelivery.objects.create(subscriber=subscriber, week="2026-W10")
    announcement = Announcement.objects.create(officer=p.officer_south, subject="x", body="x")
    AnnouncementDelivery.objects.create(announcement=announcement, subscriber=subscriber)


def _budgeting(p: Personas, person: Person, organisation: Any) -> None:
    cycle = pb.cycle(p, phase=Phase.PROPOSALS)
    proposal = pb.proposal(p, cycle, author=person.user, status=ProposalStatus.SUBMITTED)
    mark(proposal, person)
    workspace = Workspace.objects.create(plan=pb.plan(p, cycle), facilitator=p.officer_south)
    mark(
        WorkspaceMember.objects.create(workspace=workspace, role="applicant", user=person.user),
        person,
    )
    WorkspaceMember.objects.create(
        workspace=workspace, role="stakeholder", organisation=organisation
    )
    task = WorkspaceTask.objects.create(
        workspace=workspace, title="Tilaa penkit", owner=person.user
    )
    mark(task, person)


def _exports(p: Personas, person: Person) -> None:
    """The person downloads their own data and the coordinator looks them up: audit events
    about them, written by the real services (their summaries are part of the scan)."""
    own = Subject.of_user(person.user)
    session = SessionStore()
    session.create()
    prepared = export_services.export_request_create(
        subject=own, by=person.user, session_key=session.session_key or ""
    )
    export_services.export_download(
        token=prepared.token, by=person.user, session_key=session.session_key
    )
    mark(prepared.request, person)
    by_address = Subject.by_email(person.email)
    export_services.export_preview_counts(subject=by_address, by=p.coordinator)
    coordinators = export_services.export_request_create(
        subject=by_address, by=p.coordinator, session_key="coordinator-session"
    )
    mark(coordinators.request, person)


def make_person(p: Personas, *, tag: str, code: str, house: int) -> Person:
    """`tag` starts the address (a different case from how it is looked up later)."""
    canary = f"zqcanary{uuid.uuid4().hex[:12]}"
    email = f"{tag}.{uuid.uuid4().hex[:8]}@Example.org"
    user = UserFactory.create(email=email, preferred_language="sv")
    person = Person(email=email, canary=canary, user=user)
    _account(p, person)
    contact, organisation = _network(p, person, code, house)
    _events_and_office_hours(p, person, code, house)
    _concerns(p, person, contact)
    _campaigns_and_subscriptions(p, person, organisation)
    _budgeting(p, person, organisation)
    _exports(p, person)
    return person
