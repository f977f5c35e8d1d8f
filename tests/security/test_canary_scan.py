"""The canary scan (issue 13): a unique marker in every personal field of every row never
appears in what the public can read, nor in the logs, nor in e-mails to other people.

The personal fields are the data-subject export's registry (`exported_fields()` of
luotsi/privacy/portability.py, which a coverage test keeps complete). After `_fill.build` has
made one of everything and the authorization matrix's URLs have made theirs, every row gets a
canary in each such field: `canary<hex>` in text, `canary<hex>@example.org` in e-mail
addresses, `https://canary<hex>.example.org/` in links, a unique mobile number in phone
fields (found by its seven unique digits) and a valid unique business ID. Then:

(a) every page of the matrix and of the data set, every API operation (the API's GET
    operations are all in the matrix; /api/v1/openapi.json is checked against it) and the
    Open311, iCal, Atom and plain-text feeds are requested anonymously, and no answer, whatever
    its status, may hold a canary, except what is public by design (`PUBLIC`; for some rows
    only, `PUBLIC_ROWS`: a published proposal) and, on a private link's page, the link
    holder's own records (`owned_by_token`). Fields that are not personal data but never public
    (`CONFIDENTIAL`: a paper ballot's polling place, a ballot's voter key) get canaries too,
    and those in `NOBODY` may not appear on the staff's pages either;
(b) a log handler on the root logger records everything logged during the whole test: the
    staff's pages requested as officer and coordinator, provoked 404, 403 and 400 answers,
    a failed sign-in and the services that send e-mail: no record may hold a canary;
(c) the e-mails sent after the canaries are written (cancellations, replies, digests, an
    announcement, a password reset): each may hold its recipient's own records and nothing
    of anybody else's. E-mails to staff (whose pages show them such data) are counted only.
"""

import json
import re
import secrets
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import caches
from django.db import models
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.concerns import workflow
from luotsi.events import services as event_services
from luotsi.officehours import services as office_services
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.privacy.portability import exported_fields
from luotsi.subscriptions import announcements, digests
from luotsi.testing.personas import Personas
from tests.security import _fill, _pages

CANARY = re.compile(r"canary[0-9a-f]{10}")
# Personal fields no canary goes into, and why (validated codes cannot hold one; the rest is
# not text about the person). Fields with choices or written only by code are left out by
# rule (`skip_reason`).
SKIPPED: dict[str, str] = {
    "accounts.user.spoken_languages": "language codes (validate_language_codes)",
    "network.contact.preferred_language": "a language code (validate_language_codes)",
    "network.contact.spoken_languages": "language codes (validate_language_codes)",
    "network.organisation.languages": "language codes (validate_language_codes)",
    "officehours.appointment.interpreter_language": "a language code, 8 characters",
    "concerns.photo.content_type": "the detected image format, served as the Content-Type",
    "subscriptions.digestdelivery.week": "an ISO week, 8 characters",
    "subscriptions.digestdelivery.item_keys": "keys of public opportunities, not about the person",
    "privacy.auditevent.object_type": "a model label written by code",
    "budgeting.proposal.language": "a language code, 8 characters (validate_proposal_language)",
}
# Shown to the public on purpose; (label, field) -> why. `PUBLIC_OFFICERS` below: only for
# the accounts of people serving as officers.
PUBLIC: dict[tuple[str, str], str] = {
    ("officehours.officerprofile", "*"): "the profile an officer writes for residents",
    ("concerns.message", "public_text"): "the summary an officer moderates for the public map",
}
# Public by design for some rows only (`public_rows`): what a published proposal shows.
PUBLIC_ROWS: dict[tuple[str, str], str] = {
    ("budgeting.proposal", "title"): "a published proposal is on the public pages",
    ("budgeting.proposal", "description"): "a published proposal's text",
    ("budgeting.proposal", "author_display_name"): "the name its author chose to show with it "
    "(empty: anonymous); never the account's name or e-mail address",
    ("budgeting.proposal", "image_alt"): "the description of its published image",
}
PUBLIC_OFFICERS: dict[tuple[str, str], str] = {
    ("accounts.user", "full_name"): "an officer's name is on their public profile",
    ("accounts.user", "email"): "an officer's work address is on their public profile",
    ("accounts.user", "phone"): "an officer's work phone is on their public profile",
}


# Not personal data (a ballot is pseudonymous: luotsi/budgeting/personal_data.py), yet never
# public: these get canaries too. Those in NOBODY may not appear even on staff pages.
CONFIDENTIAL: dict[str, str] = {
    "budgeting.ballot.polling_place": "where a paper ballot was cast: the staff's only",
    "budgeting.ballot.voter_key": "the keyed hash that finds a person's ballot",
}
NOBODY = {"budgeting.ballot.voter_key"}


def public_rows() -> dict[str, set[Any]]:
    """The rows PUBLIC_ROWS applies to: proposals published (or merged into a plan) in a
    published cycle, exactly those the public proposal pages list."""
    from luotsi.budgeting.models import Proposal

    return {"budgeting.proposal": set(Proposal.objects.public().values_list("pk", flat=True))}


@dataclass(frozen=True)
class Where:
    label: str
    pk: Any
    field: str

    def __str__(self) -> str:
        return f"{self.label}.{self.field} #{self.pk}"


@dataclass
class Canaries:
    where: dict[str, Where] = field(default_factory=dict)
    phones: dict[str, Where] = field(default_factory=dict)
    business_ids: dict[str, Where] = field(default_factory=dict)
    _phone: int = 7_000_000
    _business: int = 7_000_000

    def text(self, where: Where) -> str:
        marker = f"canary{secrets.token_hex(5)}"
        self.where[marker] = where
        return marker

    def phone(self, where: Where) -> str:
        self._phone += 1
        self.phones[str(self._phone)] = where
        return f"+358 40 {self._phone}"

    def business_id(self, where: Where) -> str:
        while True:
            self._business += 1
            digits = str(self._business)
            remainder = (
                sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
            )
            if remainder != 1:  # no valid check digit
                break
        check = 0 if remainder == 0 else 11 - remainder
        self.business_ids[f"{digits}-{check}"] = where
        return f"{digits}-{check}"

    def found(self, text: str) -> set[Where]:
        hits = {self.where[m] for m in CANARY.findall(text) if m in self.where}
        for digits in re.findall(r"(?<!\d)7\d{6}(?!\d)", text):
            if digits in self.phones:
                hits.add(self.phones[digits])
        for value in re.findall(r"\b\d{7}-\d\b", text):
            if value in self.business_ids:
                hits.add(self.business_ids[value])
        return hits


def skip_reason(f: models.Field[Any, Any], label: str) -> str | None:
    if f.choices:
        return "choices: a code, not text about the person"
    if not f.editable:
        return "not editable: written by code (a reference number)"
    return SKIPPED.get(f"{label}.{f.name}")


def canary_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    found: list[tuple[type[models.Model], models.Field[Any, Any]]] = []
    for label, names in sorted(exported_fields().items()):
        model = apps.get_model(label)
        for name in sorted(names):
            f = model._meta.get_field(name)
            if not isinstance(f, models.CharField | models.TextField | models.JSONField):
                continue
            if skip_reason(f, label) is None:
                found.append((model, f))
    return found


def confidential_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    found: list[tuple[type[models.Model], models.Field[Any, Any]]] = []
    for name in CONFIDENTIAL:
        label, attname = name.rsplit(".", 1)
        model = apps.get_model(label)
        found.append((model, model._meta.get_field(attname)))
    return found


def _value(canaries: Canaries, f: models.Field[Any, Any], where: Where, old: Any) -> Any:
    if f.name == "voter_key":  # exactly 64 characters (a database constraint)
        return canaries.text(where).ljust(64, "x")
    if isinstance(f, models.EmailField):
        return f"{canaries.text(where)}@example.org"
    if isinstance(f, models.URLField):
        return f"https://{canaries.text(where)}.example.org/"
    if f.name == "phone":
        return canaries.phone(where)
    if f.name == "business_id":
        return canaries.business_id(where)
    if isinstance(f, models.JSONField):
        # Answers and attributes keep their keys (the pages look questions up by them).
        loaded = json.loads(old) if isinstance(old, str) and old else old
        if isinstance(loaded, dict) and loaded:
            return json.dumps({k: canaries.text(where) for k in loaded})
        return json.dumps({"note": canaries.text(where)})
    return canaries.text(where)


def write_canaries(canaries: Canaries) -> int:
    """A canary in every personal field of every row; returns the number written."""
    written = 0
    for model, f in [*canary_fields(), *confidential_fields()]:
        label = model._meta.label_lower
        if label == "privacy.auditevent":  # append-only: a new row carries them
            continue
        olds = dict(model._default_manager.values_list("pk", f.attname))
        rows = []
        for pk in _fill.primary_keys(model):
            value = _value(canaries, f, Where(label, pk, f.name), olds.get(pk))
            rows.append((value, pk))
        written += len(_fill.raw_update(model, f, rows))
    # The audit log is append-only (the database refuses changes): a new event carries them.
    AuditEvent.objects.create(
        action=AuditAction.VIEW,
        object_type="network.contact",
        object_id=canaries.text(Where("privacy.auditevent", "new", "object_id")),
        summary=canaries.text(Where("privacy.auditevent", "new", "summary")),
    )
    written += 2
    for cache in caches.all():
        cache.clear()
    return written


# --- who may see what ------------------------------------------------------------------------

TOKEN_MODELS = (
    "events.registration",
    "officehours.appointment",
    "concerns.message",
    "subscriptions.subscriber",
    "campaigns.target",
)


def owned_rows(label: str, pk: Any) -> set[tuple[str, Any]]:
    """The rows that are one person's own through a record of theirs: what their private
    link's page or an e-mail to them may show."""
    rows = {(label, pk)}
    if label == "concerns.message":
        steps = apps.get_model("concerns.messagestep")._default_manager.filter(message_id=pk)
        rows |= {
            ("concerns.messagestep", s)
            for s in steps.exclude(kind="note").values_list("pk", flat=True)
        }
        photos = apps.get_model("concerns.photo")._default_manager.filter(message_id=pk)
        rows |= {("concerns.photo", p) for p in photos.values_list("pk", flat=True)}
    if label == "subscriptions.subscriber":
        for child in ("subscriptions.digestdelivery", "subscriptions.announcementdelivery"):
            found = apps.get_model(child)._default_manager.filter(subscriber_id=pk)
            rows |= {(child, c) for c in found.values_list("pk", flat=True)}
    if label == "campaigns.target":
        target = apps.get_model(label)._default_manager.get(pk=pk)
        rows.add(("network.organisation", target.organisation_id))
        answers = apps.get_model("campaigns.response")._default_manager.filter(target_id=pk)
        rows |= {("campaigns.response", r) for r in answers.values_list("pk", flat=True)}
    return rows


def owned_by_token(url: str) -> set[tuple[str, Any]]:
    token = resolve(url.split("?", 1)[0]).kwargs.get("token")
    if not token:
        return set()
    for label in TOKEN_MODELS:
        pk = (
            apps.get_model(label)
            ._default_manager.filter(token=token)
            .values_list("pk", flat=True)
            .first()
        )
        if pk is not None:
            return owned_rows(label, pk)
    return set()


def officer_pks() -> set[Any]:
    return set(OfficerAssignment.objects.values_list("officer_id", flat=True))


def allowed(
    where: Where,
    own: set[tuple[str, Any]],
    officers: set[Any],
    public: dict[str, set[Any]] | None = None,
) -> bool:
    if f"{where.label}.{where.field}" in CONFIDENTIAL:
        return False
    if (where.label, where.pk) in own:
        return True
    if (where.label, "*") in PUBLIC or (where.label, where.field) in PUBLIC:
        return True
    if (where.label, where.field) in PUBLIC_ROWS and where.pk in (public or {}).get(
        where.label, set()
    ):
        return True
    return (where.label, where.field) in PUBLIC_OFFICERS and where.pk in officers


# --- the test of the test -----------------------------------------------------------------------


def test_canaries_are_found_in_every_form_they_take():
    canaries = Canaries()
    text = canaries.text(Where("x.y", 1, "name"))
    phone = canaries.phone(Where("x.y", 1, "phone"))
    business = canaries.business_id(Where("x.y", 1, "business_id"))
    page = f"<p>{text}@example.org</p><a href='tel:{phone.replace(' ', '')}'>{phone}</a> {business}"
    assert {w.field for w in canaries.found(page)} == {"name", "phone", "business_id"}
    assert canaries.found("<p>canary0000000000 +358 40 1234567 1234567-1</p>") == set()
    from luotsi.network.validators import validate_business_id

    validate_business_id(business)


def test_only_own_records_and_public_by_design_fields_are_allowed():
    officer, resident = 1, 2
    assert allowed(Where("accounts.user", officer, "full_name"), set(), {officer})
    assert not allowed(Where("accounts.user", resident, "full_name"), set(), {officer})
    assert not allowed(Where("accounts.user", officer, "password"), set(), {officer})
    assert allowed(Where("concerns.message", 5, "public_text"), set(), set())
    assert not allowed(Where("concerns.message", 5, "description"), set(), set())
    assert allowed(Where("concerns.message", 5, "description"), {("concerns.message", 5)}, set())
    assert not allowed(
        Where("concerns.message", 6, "description"), {("concerns.message", 5)}, set()
    )
    # A published proposal's title is public, an unpublished one's is not, and its moderation
    # is not either way; a ballot's polling place is nobody's own, not even the voter's.
    public = {"budgeting.proposal": {7}}
    assert allowed(Where("budgeting.proposal", 7, "title"), set(), set(), public)
    assert not allowed(Where("budgeting.proposal", 8, "title"), set(), set(), public)
    assert not allowed(Where("budgeting.proposal", 7, "moderation_reason"), set(), set(), public)
    assert allowed(Where("budgeting.proposal", 8, "title"), {("budgeting.proposal", 8)}, set())
    assert not allowed(
        Where("budgeting.ballot", 1, "polling_place"), {("budgeting.ballot", 1)}, set(), public
    )


def test_every_personal_text_field_gets_a_canary_or_a_reason():
    fields = {f"{m._meta.label_lower}.{f.name}" for m, f in canary_fields()}
    for label, names in exported_fields().items():
        model = apps.get_model(label)
        for name in names:
            f = model._meta.get_field(name)
            if isinstance(f, models.CharField | models.TextField | models.JSONField):
                full = f"{label}.{name}"
                assert full in fields or skip_reason(f, label), full
    assert set(SKIPPED) <= {
        f"{label}.{name}" for label, names in exported_fields().items() for name in names
    }


# --- the scan ---------------------------------------------------------------------------------


@dataclass
class Scan:
    public: Counter[str] = field(default_factory=Counter)
    leaks: list[str] = field(default_factory=list)
    # Canaries public pages and e-mails may show (own records, public by design), by model.
    allowed: Counter[str] = field(default_factory=Counter)


def rows_of_user(pk: Any) -> set[tuple[str, Any]]:
    """A signed-in person's own rows: their account and every personal row pointing at it
    (their messages, tokens, devices…)."""
    own: set[tuple[str, Any]] = {("accounts.user", pk)}
    for model, _f in canary_fields():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.related_model is User:
                found = model._default_manager.filter(**{f.attname: pk}).values_list(
                    "pk", flat=True
                )
                own |= {(model._meta.label_lower, row) for row in found}
    return own


def _scan_public(
    answers: Iterable[_pages.Answer], canaries: Canaries, scan: Scan, own_rows: set[Any]
) -> None:
    officers, public = officer_pks(), public_rows()
    for answer in answers:
        scan.public[answer.kind] += 1
        if answer.crash:
            scan.leaks.append(f"{answer.url}: the page crashed: {answer.crash}")
            continue
        hits = canaries.found(answer.body + repr(answer.headers))
        if not hits:
            continue
        own = owned_by_token(answer.url) | own_rows
        for where in sorted(hits, key=str):
            if allowed(where, own, officers, public):
                scan.allowed[where.label] += 1
            else:
                scan.leaks.append(f"{answer.persona} {answer.url} ({answer.status}) shows {where}")


def _provoke(p: Personas, canaries: Canaries, event_pk: int) -> None:
    """4xx answers and a failed sign-in, with canaries in what was sent."""
    anonymous, resident = Client(), Client()
    resident.force_login(p.resident)
    assert anonymous.get("/events/999999/").status_code == 404
    assert resident.get("/network/").status_code == 403
    sent = Where("request", "post", "form")
    answer = anonymous.post(
        f"/events/{event_pk}/register/",
        {"name": canaries.text(sent), "email": canaries.text(sent), "phone": canaries.phone(sent)},
    )
    assert answer.status_code == 400
    answer = anonymous.post(
        "/concerns/new/",
        {
            "contact_name": canaries.text(sent),
            "contact_email": "x",
            "description": canaries.text(sent),
        },
    )
    assert answer.status_code == 400
    answer = anonymous.post(
        "/accounts/login/",
        {"username": f"{canaries.text(sent)}@example.org", "password": canaries.text(sent)},
    )
    assert answer.status_code == 200


def _send_mail(p: Personas, dataset: _fill.Dataset, capture: Any) -> None:
    """Services that e-mail residents, run after the canaries are in (on commit: executed)."""
    from luotsi.concerns.models import Message
    from luotsi.events.models import Event
    from luotsi.officehours.models import Appointment

    with capture(execute=True):
        event_services.event_cancel(
            event=Event.objects.get(pk=dataset.event.pk), by=p.officer_south
        )
    with capture(execute=True):
        workflow.message_reply(
            message=Message.objects.get(pk=dataset.private_message.pk),
            by=p.officer_south,
            text="We fixed it",
        )
    with capture(execute=True):
        office_services.appointment_cancel(
            appointment=Appointment.objects.get(pk=dataset.appointment.pk)
        )
    with capture(execute=True):
        digests.digest_run(now=timezone.now())
    with capture(execute=True):
        sent = announcements.announcement_create(
            by=p.officer_south,
            subject="Street party",
            body="Everyone welcome",
            districts=dataset.subscriber.districts.all(),
        )
        announcements.announcement_send(announcement=sent, by=p.officer_south)
    resident_email = User.objects.get(pk=p.resident.pk).email
    with capture(execute=True):
        assert (
            Client().post("/accounts/password/reset/", {"email": resident_email}).status_code == 302
        )


def _owner_of_address(address: str, canaries: Canaries) -> set[tuple[str, Any]]:
    own: set[tuple[str, Any]] = set()
    for where in canaries.found(address):
        own |= owned_rows(where.label, where.pk)
    return own


def _scan_mail(canaries: Canaries, scan: Scan) -> Counter[str]:
    staff = {
        e.lower() for e in User.objects.exclude(role=Role.RESIDENT).values_list("email", flat=True)
    }
    officers, public = officer_pks(), public_rows()
    counted: Counter[str] = Counter()
    for message in mail.outbox:
        recipients = [r.lower() for r in [*message.to, *message.cc, *message.bcc]]
        if any(r in staff for r in recipients):
            counted["to staff"] += 1
            continue
        counted["to residents"] += 1
        own: set[tuple[str, Any]] = set()
        for recipient in recipients:
            own |= _owner_of_address(recipient, canaries)
        text = f"{message.subject}\n{message.body}\n" + "\n".join(
            str(content) for content, _type in getattr(message, "alternatives", [])
        )
        for where in sorted(canaries.found(text), key=str):
            if allowed(where, own, officers, public):
                scan.allowed[f"e-mail: {where.label}"] += 1
            else:
                scan.leaks.append(f"e-mail to {recipients} ({message.subject!r}) shows {where}")
    return counted


def test_no_personal_data_in_public_output_logs_or_other_peoples_mail(
    personas: Personas,
    django_capture_on_commit_callbacks: Any,
    capsys: pytest.CaptureFixture[str],
):
    started = time.monotonic()
    with _pages.Capture() as logs:
        dataset = _fill.build(personas)
        urls = [url for _key, url in _pages.matrix_get_urls(personas)]
        urls += [u for u in dataset.pages(personas) if u not in urls]
        canaries = Canaries()
        written = write_canaries(canaries)
        mail.outbox.clear()
        scan = Scan()

        answers = list(_pages.sweep(personas, urls, personas=("anonymous",)))
        _scan_public(answers, canaries, scan, set())
        # A signed-in resident is the public too, with their own records besides.
        resident = list(_pages.sweep(personas, urls, personas=("resident",)))
        _scan_public(resident, canaries, scan, rows_of_user(personas.resident.pk))
        answers += resident
        schema = Client().get("/api/v1/openapi.json").json()
        operations = [
            f"GET /api/v1{path}" if not path.startswith("/api/v1") else f"GET {path}"
            for path, methods in schema["paths"].items()
            if "get" in methods
        ]
        from tests.authz_matrix import MATRIX

        assert [op for op in operations if op not in MATRIX] == []

        # Staff pages: their answers may show what staff may see, but their logs may not.
        staff_answers = list(
            _pages.sweep(personas, urls, personas=("officer_south", "coordinator"))
        )
        seen_by_staff = {w for a in staff_answers for w in canaries.found(a.body)}
        scan.leaks += [
            f"{a.persona} {a.url} ({a.status}) shows {w}"
            for a in staff_answers
            for w in sorted(canaries.found(a.body + repr(a.headers)), key=str)
            if f"{w.label}.{w.field}" in NOBODY
        ]
        crashes = [f"{a.persona} {a.url}: {a.crash}" for a in staff_answers if a.crash]
        _provoke(personas, canaries, dataset.event.pk)
        _send_mail(personas, dataset, django_capture_on_commit_callbacks)
        counted = _scan_mail(canaries, scan)

    for text in logs.texts:
        for where in sorted(canaries.found(text), key=str):
            scan.leaks.append(f"log record shows {where}: {text[:300]}")
    figures = (
        f"Canary scan: {written} canaries in {len(canary_fields())} personal fields and "
        f"{len(CONFIDENTIAL)} confidential ones; "
        f"{len(answers)} answers to the public and a resident ({dict(scan.public)}), covering "
        f"{len(operations)} API GET operations; {len(staff_answers)} staff answers "
        f"(showing {len(seen_by_staff)} canaries); "
        f"{len(logs.records)} log records; e-mails {dict(counted)}; {len(scan.leaks)} leaks; "
        f"{time.monotonic() - started:.0f} s"
    )
    with capsys.disabled():
        print(f"\n{figures}\nallowed: {dict(scan.allowed)}")
    assert crashes == []
    assert scan.leaks == [], "\n".join(sorted(set(scan.leaks)))
    # The scan can see: staff pages show the canaries (so a public page showing one would be
    # caught), the e-mails reached residents, and the logs recorded the provoked answers.
    assert len(seen_by_staff) > 50
    # …and paper ballots' polling places (on the staff's pages only).
    assert any(f"{w.label}.{w.field}" in CONFIDENTIAL for w in seen_by_staff)
    assert counted["to residents"] >= 5
    assert any("Not Found" in t for t in logs.texts) and any("Forbidden" in t for t in logs.texts)
    assert any("Bad Request" in t for t in logs.texts)
