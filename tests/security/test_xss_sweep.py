"""The XSS sweep (issue 13): script payloads in every user- and admin-editable text field,
then every page as the public, a resident, a district officer and the coordinator (also as
the admin), and not one payload comes back unescaped.

How: `_fill.build` makes one of everything; the authorization matrix gives a concrete URL for
every route (tests/security/_pages.py); then, for each Hypothesis example, every row of every
model gets a payload in each of its editable text fields (a unique six-digit id per row and
field, so a finding names the row), and every page is requested and read:

- HTML: the raw markers (`<script>alert('XSS-`, `<img src=x onerror=`, `<svg onload=`,
  `href="javascript:`, an evaluated `{{7*7}}`) must not appear; parsed, no element may carry
  an event-handler attribute or a javascript: link with a payload, no executable script may
  contain one, and every JSON data block (`json_script`) must still parse.
- XML (Atom, Open311): the same raw markers; Atom text declared `type="html"` is HTML to a
  feed reader, so it is checked as HTML after the XML is parsed.
- JSON: must parse (JSON strings are data, not HTML; the scripts that show them build DOM
  nodes with textContent: `test_scripts_never_build_html_from_data`).
- anything else (calendars, CSV, plain text, PDF, spreadsheets): not HTML, and the browser is
  told not to sniff it as HTML (`X-Content-Type-Options: nosniff`).

The fields left out are listed below with the reason (`SKIPPED`, and the rules in `skip_reason`);
`test_skip_list_is_exact` fails when a new field needs a decision, and
`test_fields_skipped_for_validation_reject_every_payload` checks the "validation rejects it"
reasons against the real validators.
"""

import html
import json
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from luotsi.testing.personas import Personas
from tests.security import _fill, _pages

# --- the payloads ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Payload:
    """`template` with {n} (a six-digit id); `keep` is the prefix that must survive when the
    field is too short for all of it (it carries the whole id, so truncation never turns one
    id into another)."""

    name: str
    template: str
    keep: str

    def text(self, n: int, max_length: int | None) -> str | None:
        full = self.template.format(n=n)
        if max_length is None or len(full) <= max_length:
            return full
        kept = self.keep.format(n=n)
        return full[:max_length] if len(kept) <= max_length else None


PAYLOADS = (
    Payload("script", "<script>alert('XSS-{n}')</script>", "<script>alert('XSS-{n}"),
    Payload(
        "img", "\"><img src=x onerror=alert('XSS-{n}')>", "\"><img src=x onerror=alert('XSS-{n}"
    ),
    Payload("svg", "'></a><svg onload=alert('XSS-{n}')>", "'></a><svg onload=alert('XSS-{n}"),
    Payload(
        "textarea",
        "</textarea></title><script>alert('XSS-{n}')</script>",
        "</textarea></title><script>alert('XSS-{n}",
    ),
    Payload("unquoted", "x onmouseover=alert('XSS-{n}') y", "x onmouseover=alert('XSS-{n}"),
    Payload("template", "{{{{7*7}}}}XSS-{n} {{% debug %}}", "{{{{7*7}}}}XSS-{n}"),
    Payload("javascript", "javascript:alert('XSS-{n}')", "javascript:alert('XSS-{n}"),
)
FIRST_ID = 100_000
ID = re.compile(r"XSS-(\d{6})")
SHORTEST_KEEP = min(len(p.keep.format(n=FIRST_ID)) for p in PAYLOADS)

# Third-party models whose text comes from people: axes stores a failed sign-in's username
# and User-Agent (an attacker's choice) and the admin lists them; a TOTP device's name is
# typed by its owner.
EXTRA_MODELS = ("axes.AccessAttempt", "otp_totp.TOTPDevice")

# Text fields that get no payload, and why. Fields that are not editable or have choices are
# left out by rule (`skip_reason`); e-mail, slug and URL fields by their validators.
SKIPPED: dict[str, str] = {
    # Validation rejects every payload (checked by a test below against the validators).
    "accounts.User.phone": "validate_phone: digits, spaces and + ( ) - . / only",
    "accounts.User.spoken_languages": "validate_language_codes: language codes only",
    "network.Organisation.phone": "validate_phone",
    "network.Organisation.languages": "validate_language_codes",
    "network.Organisation.business_id": "validate_business_id: a Y-tunnus with its check digit",
    "network.Contact.phone": "validate_phone",
    "network.Contact.preferred_language": "validate_language_codes",
    "network.Contact.spoken_languages": "validate_language_codes",
    "events.Event.languages": "validate_language_codes",
    "events.Event.interpretation": "validate_language_codes",
    "materials.Variant.language": "validate_material_language: a language code",
    "opportunities.Opportunity.material_languages": "validate_language_codes",
    "budgeting.Proposal.language": "validate_proposal_language: one language code (and 8 "
    "characters: too short for a payload anyway)",
    # Codes and identifiers that no person types as free text.
    "campaigns.Campaign.target_kinds": "OrganisationKind codes joined by commas: the form's "
    "choices and campaign_save (campaigns/area.py) reject anything else",
    "areas.MajorDistrict.code": "the official area code from the city's data (the import "
    "validates it; the admin shows it read-only); URLs are built from it",
    "areas.District.code": "the official area code, as above",
    "areas.SubDistrict.code": "the official area code, as above",
    "accounts.User.password": "a password hash written by set_password; never shown",
    "privacy.AuditEvent.object_type": "a model label written by audit_record from code",
    "privacy.AuditEvent.object_id": "a primary key written by audit_record from code",
    "concerns.Photo.content_type": "the detected image format, written by the upload code "
    "and sent as the photo's Content-Type",
    "events.Venue.source_id": "the row's identifier in the city's venue list (the import "
    "matches on it); read-only in the admin, in no form",
    "otp_totp.TOTPDevice.key": "the authenticator's shared secret (hex, key_validator)",
    "axes.AccessAttempt.get_data": "axes' copy of the query string, shown only as a count",
    "axes.AccessAttempt.post_data": "axes' copy of the form, with the password masked",
    # Too short for any payload that still carries its id (SHORTEST_KEEP characters).
    "events.Venue.postal_code": "10 characters: too short for a payload",
    "events.AttendanceCount.code": "20 characters: too short for a payload (a group code)",
    "insights.ParticipationCount.group": "10 characters: too short (a group code)",
    "subscriptions.DigestDelivery.week": "8 characters: too short (an ISO week)",
    "officehours.Appointment.interpreter_language": "8 characters: too short (a language code)",
    "budgeting.Plan.code": "12 characters: too short (a plan's ballot code, e.g. E-12)",
}

# Tables the database keeps append-only: one new row per example gets the payloads.
APPEND_ONLY: dict[str, dict[str, Any]] = {
    "privacy.AuditEvent": {"action": "view", "object_type": "network.contact", "object_id": "1"},
}

# JSON fields whose strings people write: the texts inside get payloads (keys, codes and
# geometry stay, under the names in JSON_KEPT_KEYS). The other JSON fields, and why not.
JSON_PAYLOAD = (
    "network.ImportBatch.columns",  # a CSV file's header row, shown in the import preview
    "network.ImportBatch.raw_rows",  # its rows as uploaded
    "network.ImportBatch.rows",  # the checked rows with their values and errors
    "network.ImportBatch.consent",  # the purpose of the consent, as the officer wrote it
    "concerns.ServiceAttribute.values",  # the names of an attribute's choices (the admin's)
    "concerns.Message.attributes",  # a resident's answers to a service's questions
    "campaigns.Question.choices",  # the names of a question's options (an officer's)
    "campaigns.Response.answers",  # a business's answers to the feedback form
)
JSON_SKIPPED = {
    "network.ImportBatch.mapping": "column numbers per field",
    "campaigns.Campaign.polygon": "GeoJSON coordinates drawn on the map",
    "subscriptions.DigestDelivery.item_keys": "keys of opportunities, written by code",
    "budgeting.PlanResult.explanation_data": "the counting engine's reason code, numbers and "
    "ballot codes (12 characters), written by cycle_count; read-only in the admin",
}
JSON_KEPT_KEYS = {
    *("key", "type", "district", "duplicate_of", "row", "coordinates"),
    *("lawful_basis", "consent_source", "consent_date"),  # codes chosen in the import form
}

LENGTH_VALIDATORS = (MaxLengthValidator, ProhibitNullCharactersValidator)


def swept_models() -> list[type[models.Model]]:
    found = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("luotsi.")
        for model in config.get_models()
        if not model._meta.proxy
    ]
    return found + [apps.get_model(label) for label in EXTRA_MODELS]


def key(model: type[models.Model], f: models.Field[Any, Any]) -> str:
    return f"{model._meta.label}.{f.name}"


def text_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    return [
        (model, f)
        for model in swept_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
    ]


def custom_validators(f: models.Field[Any, Any]) -> list[Any]:
    return [v for v in f.validators if not isinstance(v, LENGTH_VALIDATORS)]


def skip_reason(model: type[models.Model], f: models.Field[Any, Any]) -> str | None:
    if not f.editable:
        return "not editable: written by code (tokens, hashes, references)"
    if f.choices:
        return "choices: forms and model validation accept only the listed codes"
    if isinstance(f, models.EmailField | models.SlugField | models.URLField):
        return f"{type(f).__name__}: its validator rejects markup and javascript: links"
    return SKIPPED.get(key(model, f))


def payload_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    return [(m, f) for m, f in text_fields() if skip_reason(m, f) is None]


def json_fields() -> list[str]:
    return [
        key(model, f)
        for model in swept_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.JSONField) and f.editable
    ]


# --- writing the payloads -------------------------------------------------------------------


@dataclass
class Written:
    where: dict[int, str]  # id -> "app.Model.field #pk"
    values: int
    kinds: Counter[str]


def _payload(first: int, index: int, n: int, f: models.Field[Any, Any]) -> tuple[Payload, str]:
    """The kind `first` for row 0, the next kinds for the next rows; a kind too long for the
    field gives way to the next one that fits."""
    for step in range(len(PAYLOADS)):
        payload = PAYLOADS[(first + index + step) % len(PAYLOADS)]
        text = payload.text(n, f.max_length)
        if text is not None:
            return payload, text
    raise AssertionError(f"no payload fits {f}")


def _next_of(texts: list[str]) -> Callable[[str], str]:
    pending = iter(texts)
    return lambda _old: next(pending)


def _replace_strings(value: Any, text: Callable[[str], Any], kept: bool = False) -> Any:
    """`value` with every string replaced by `text(string)`, in order, except under
    JSON_KEPT_KEYS."""
    if isinstance(value, dict):
        return {k: _replace_strings(v, text, k in JSON_KEPT_KEYS) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_strings(v, text, kept) for v in value]
    if isinstance(value, str) and not kept:
        return text(value)
    return value


def write_payloads(choose: Callable[[str], int]) -> Written:
    """A payload in every payload field of every row (by SQL: `_fill.raw_update`).
    `choose(field key)` picks the payload kind; rows take the following kinds in turn so one
    field carries several."""
    where: dict[int, str] = {}
    kinds: Counter[str] = Counter()
    n = FIRST_ID
    by_model: dict[type[models.Model], list[models.Field[Any, Any]]] = {}
    for model, f in payload_fields():
        by_model.setdefault(model, []).append(f)
    for model, fields in by_model.items():
        if model._meta.label in APPEND_ONLY:
            # The database refuses changes: a new row carries this example's payloads.
            values = {}
            for f in fields:
                payload, values[f.attname] = _payload(choose(key(model, f)), 0, n, f)
                where[n], n = f"{key(model, f)} (new row)", n + 1
                kinds[payload.name] += 1
            model._default_manager.create(**APPEND_ONLY[model._meta.label], **values)
            continue
        pks = _fill.primary_keys(model)
        for f in fields:
            first = choose(key(model, f))
            rows = []
            for index, row_pk in enumerate(pks):
                payload, text = _payload(first, index, n, f)
                where[n] = f"{key(model, f)} #{row_pk}"
                kinds[payload.name] += 1
                rows.append((text, row_pk))
                n += 1
            _fill.raw_update(model, f, rows)
    for name in JSON_PAYLOAD:
        label, attname = name.rsplit(".", 1)
        model = apps.get_model(label)
        f = model._meta.get_field(attname)
        first = choose(name)
        rows = []
        for row_pk, value in model._default_manager.order_by("pk").values_list("pk", attname):
            strings: list[str] = []
            _replace_strings(value, strings.append)  # counts them
            texts = []
            for index in range(len(strings)):
                payload, made = _payload(first, index, n, f)
                where[n], n = f"{name} #{row_pk}", n + 1
                kinds[payload.name] += 1
                texts.append(made)
            replaced = _replace_strings(value, _next_of(texts))
            rows.append((json.dumps(replaced), row_pk))
        _fill.raw_update(model, f, rows)
    assert n < 1_000_000, "ids must stay six digits"
    for cache in caches.all():
        cache.clear()
    return Written(where, n - FIRST_ID, kinds)


# --- reading the answers --------------------------------------------------------------------

RAW_MARKERS = (
    re.compile(r"<script>alert\('XSS-(\d{6})"),
    re.compile(r"<img src=x onerror=alert\('XSS-(\d{6})"),
    re.compile(r"<svg onload=alert\('XSS-(\d{6})"),
    re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:[^"'>]*?(?:XSS-(\d{6}))?""", re.I),
    re.compile(r"49XSS-(\d{6})"),
)
LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
JSON_SCRIPT_TYPES = {"application/json", "application/ld+json", "importmap"}


@dataclass(frozen=True)
class Finding:
    what: str
    id: int | None
    snippet: str


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []
        self._script_type: str | None = None
        self._script: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and ID.search(value + name):
                self._add("event handler attribute", f"<{tag} {name}={value!r}>")
            if name in LINK_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self._add("javascript: link", f"<{tag} {name}={value!r}>")
        for name, _value in attrs:
            if ID.search(name):
                self._add("attribute injected", f"<{tag} {name}>")
        if tag == "script":
            self._script_type = (dict(attrs).get("type") or "text/javascript").lower()
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script_type is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script_type is None:
            return
        text = "".join(self._script)
        if self._script_type in JSON_SCRIPT_TYPES:
            try:
                json.loads(text)
            except ValueError:
                self._add("JSON data block broken", text[:200])
        elif ID.search(text):
            self._add("payload inside an executable script", text[:200])
        self._script_type = None

    def _add(self, what: str, snippet: str) -> None:
        match = ID.search(snippet)
        self.found.append(Finding(what, int(match.group(1)) if match else None, snippet[:200]))


def html_findings(text: str) -> list[Finding]:
    found = []
    for marker in RAW_MARKERS:
        for match in marker.finditer(text):
            ident = match.group(1) if match.groups() else None
            start = max(0, match.start() - 60)
            found.append(
                Finding(
                    "raw payload", int(ident) if ident else None, text[start : match.end() + 60]
                )
            )
    finder = _Finder()
    finder.feed(text)
    finder.close()
    return found + finder.found


def xml_findings(text: str) -> list[Finding]:
    found = [f for f in html_findings(text) if f.what == "raw payload"]
    try:
        root = ET.fromstring(text.encode("utf-8"))  # noqa: S314 - our own response
    except ET.ParseError as exc:
        return [*found, Finding("XML does not parse", None, str(exc))]
    for element in root.iter():
        if element.get("type") in ("html", "xhtml") and element.text:
            found += [
                Finding(f"feed {element.tag} (type=html) carries markup: {f.what}", f.id, f.snippet)
                for f in html_findings(element.text)
            ]
    return found


def findings(answer: _pages.Answer) -> list[Finding]:
    if answer.crash:
        return [Finding("the page crashed", None, answer.crash)]
    if answer.status >= 500:
        return [Finding(f"status {answer.status}", None, answer.body[:200])]
    kind = answer.kind
    if kind == "html":
        return html_findings(answer.body)
    if kind == "xml":
        return xml_findings(answer.body)
    if kind == "json":
        try:
            answer.json()
        except ValueError as exc:
            return [Finding("JSON does not parse", None, str(exc))]
        return []
    if ID.search(answer.body) and answer.headers.get("x-content-type-options") != "nosniff":
        return [Finding("payload in a response a browser may sniff as HTML", None, answer.url)]
    return []


# --- the tests of the test ------------------------------------------------------------------


def test_detector_flags_every_unescaped_payload_and_passes_escaped_ones():
    n = 123456
    for payload in PAYLOADS:
        text = payload.template.format(n=n)
        escaped = html.escape(text)
        assert html_findings(f'<p>{escaped}</p><input value="{escaped}">') == [], payload.name
        assert html_findings(f"<a title='{html.escape(text, quote=True)}'>x</a>") == []
        safe_json = json.dumps(text).replace("<", "\\u003C").replace(">", "\\u003E")
        assert html_findings(f'<script id="d" type="application/json">{safe_json}</script>') == []
    # Raw in text, in a quoted and an unquoted attribute, and as a link.
    for payload in PAYLOADS[:4]:
        assert html_findings(f"<p>{payload.template.format(n=n)}</p>"), payload.name
        assert html_findings(f'<input value="{payload.template.format(n=n)}">'), payload.name
    assert html_findings(f"<input value={PAYLOADS[4].template.format(n=n)}>")
    assert html_findings(f'<a href="{PAYLOADS[6].template.format(n=n)}">x</a>')
    assert html_findings(f"<p>49XSS-{n}</p>")
    # A script block closed early by data, and data written into an executable script.
    assert html_findings('<script type="application/json">{"a": "</script><p>"}</script>')
    assert html_findings(f"<script>var t = '{n} XSS-{n}';</script>")
    # An Atom summary declared as HTML is HTML to the reader, however well the XML escapes it.
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary type="html">'
        f"{html.escape(PAYLOADS[0].template.format(n=n))}</summary></entry></feed>"
    )
    assert {f.id for f in xml_findings(feed)} == {n}


def test_payloads_keep_their_id_when_truncated():
    for payload in PAYLOADS:
        for length in range(SHORTEST_KEEP, 60):
            text = payload.text(999_999, length)
            if text is not None:
                assert len(text) <= length
                assert ID.search(text) and ID.search(text).group(1) == "999999"  # type: ignore[union-attr]


def test_skip_list_is_exact():
    """Every skipped name is a real text field that no rule already skips, and every field a
    payload cannot go into (too short, or validated) is a decision written in SKIPPED."""
    fields = {key(m, f): (m, f) for m, f in text_fields()}
    assert set(SKIPPED) - set(fields) == set(), "SKIPPED names a field that does not exist"
    for name in list(SKIPPED):
        model, f = fields[name]
        saved = SKIPPED.pop(name)
        try:
            assert skip_reason(model, f) is None, f"{name} is skipped by rule already"
        finally:
            SKIPPED[name] = saved
    for name, (model, f) in fields.items():
        if skip_reason(model, f) is not None:
            continue
        assert f.max_length is None or f.max_length >= SHORTEST_KEEP, f"{name}: too short"
        assert not custom_validators(f), f"{name} has validators: decide in SKIPPED"
    assert sorted(json_fields()) == sorted([*JSON_PAYLOAD, *JSON_SKIPPED])


def test_fields_skipped_for_validation_reject_every_payload():
    checked = 0
    for _model, f in text_fields():
        if not (custom_validators(f) or isinstance(f, models.EmailField | models.SlugField)):
            continue
        if not f.editable or f.choices:
            continue
        for payload in PAYLOADS:
            # A field too short for any payload that keeps its id gets the payload's start.
            value = (
                payload.text(FIRST_ID, f.max_length)
                or payload.template.format(n=FIRST_ID)[: f.max_length]
            )
            with pytest.raises(ValidationError):
                f.run_validators(value)
            checked += 1
    assert checked > 50
    url_fields = [(m, f) for m, f in text_fields() if isinstance(f, models.URLField)]
    assert url_fields
    for _model, f in url_fields:
        with pytest.raises(ValidationError):
            f.run_validators("javascript:alert('XSS-100000')")


SCRIPT_ROOT = Path(__file__).resolve().parents[2] / "luotsi"
HTML_SINKS = re.compile(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(")
LEAFLET_CONTENT = re.compile(
    r"\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*([^,)]*)"
)


def script_problems(path: Path, source: str) -> list[str]:
    problems = [f"{path.name}: {m.group(0)}" for m in HTML_SINKS.finditer(source)]
    for match in LEAFLET_CONTENT.finditer(source):
        argument = match.group(2).strip()
        # Leaflet puts a string argument into innerHTML: only a DOM node made here is safe.
        made = re.search(rf"\b{re.escape(argument)}\s*=\s*document\.createElement\(", source)
        if not re.fullmatch(r"[A-Za-z_$][\w$]*", argument) or not made:
            problems.append(f"{path.name}: {match.group(1)}({argument}) is not an element")
    return problems


def test_scripts_never_build_html_from_data():
    scripts = [p for p in SCRIPT_ROOT.glob("*/static/**/*.js") if "vendor" not in p.parts]
    assert scripts
    problems = [q for p in scripts for q in script_problems(p, p.read_text(encoding="utf-8"))]
    assert problems == []
    # The test of the test: a tooltip made from a string is caught.
    assert script_problems(Path("x.js"), "shape.bindTooltip(entry.name + ' – ');")
    assert not script_problems(
        Path("x.js"), "var tip = document.createElement('span'); shape.bindTooltip(tip);"
    )


# --- the sweep ------------------------------------------------------------------------------

EXAMPLES = 3
LANGUAGES = ("fi", "sv", "en")


@pytest.mark.django_db(transaction=False)
def test_no_page_shows_a_payload_unescaped(personas: Personas, capsys: pytest.CaptureFixture[str]):
    started = time.monotonic()
    dataset = _fill.build(personas)
    urls = [url for _key, url in _pages.matrix_get_urls(personas)]
    urls += [u for u in dataset.pages(personas) if u not in urls]
    admin = _pages.admin_urls()
    report: dict[str, Any] = {"examples": 0, "answers": Counter(), "seen": set(), "values": 0}
    problems: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        # Each example requests every page: shrinking would repeat that for little gain.
        phases=[Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def sweep(data: st.DataObject) -> None:
        kinds = st.integers(min_value=0, max_value=len(PAYLOADS) - 1)
        written = write_payloads(lambda name: data.draw(kinds, label=name))
        report["values"] += written.values
        report.setdefault("kinds", Counter()).update(written.kinds)
        # Each example in another language, so the _sv and _en columns are shown too.
        language = LANGUAGES[report["examples"] % len(LANGUAGES)]
        answers = list(_pages.sweep(personas, urls, language=language))
        answers += list(_pages.sweep(personas, admin, ("coordinator",), language))
        for answer in answers:
            report["answers"][answer.kind] += 1
            for ident in ID.findall(answer.body):
                report["seen"].add(written.where.get(int(ident), "? #").split(" #")[0])
            for finding in findings(answer):
                where = written.where.get(finding.id, "?") if finding.id else "-"
                problems.append(
                    f"{answer.url} [{finding.what}] {where.split(' #')[0]}: {finding.snippet!r}"
                    f" (as {answer.persona})"
                )
        report["examples"] += 1

    sweep()

    fields = payload_fields()
    names = {key(m, f) for m, f in fields} | set(JSON_PAYLOAD)
    seen_fields = report["seen"] & names
    figures = (
        f"XSS sweep: {report['examples']} examples x {len(PAYLOADS)} payload kinds; "
        f"{len(names)} fields ({len(seen_fields)} seen on some page), {report['values']} values "
        f"written; {len(urls)} URLs x {len(_pages.SWEEP_PERSONAS)} personas + {len(admin)} admin "
        f"pages per example = {sum(report['answers'].values())} responses "
        f"({dict(report['answers'])}); payload kinds {dict(report['kinds'])}; "
        f"{len(problems)} findings; {time.monotonic() - started:.0f} s"
    )
    # (A translated field's base column, `name` beside `name_fi`…, is read through the
    # language columns: no page shows it.)
    unseen = sorted(names - seen_fields)
    with capsys.disabled():
        print(f"\n{figures}\nfields no swept page showed: {', '.join(unseen)}")
    assert problems == [], "\n".join(_grouped(problems))
    # The sweep saw what it wrote: most fields reached some page (so a page that stopped
    # escaping them would have been caught).
    assert len(seen_fields) >= 0.6 * len(names), unseen


def _grouped(problems: list[str]) -> list[str]:
    """One line per page, kind of finding and field (the first example of it)."""
    first: dict[str, str] = {}
    for problem in problems:
        group = re.sub(r"\d+", "N", problem.split(": ", 1)[0])
        first.setdefault(group, problem)
    return [f"{len(problems)} findings in {len(first)} groups:", *sorted(first.values())]
