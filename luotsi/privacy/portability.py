"""What Luotsi holds about one person, for their right of access and portability (GDPR
art. 15 and 20).

Like the retention declarations (luotsi/privacy/retention.py), each owning app declares its
part in its own `personal_data.py`: an `Exporter` per section, naming the fields of each
model it puts in the export, and the fields it leaves out with the reason (`excluded`).
`PrivacyConfig.ready` imports those modules, so the privacy app never imports a domain app.
luotsi/privacy/tests/test_export_coverage.py fails when a model with personal data has a
field that is neither exported nor excluded with a reason, and a canary test checks that the
declared fields really reach the export of the right person, and only theirs.

A person is found by their account (`user`, when they have one) and by their e-mail address,
compared case-insensitively. Exporter functions take `(*, email, user)` and return records:
dicts with English keys and JSON-serialisable values (`jsonable`).
"""

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise

from luotsi.accounts.models import User

Record = dict[str, Any]
# (*, email, user) -> records; the audit exporter also gets `found` (see `build_export`).
ExporterFunction = Callable[..., list[Record]]
# The records each section found, as {model label: {primary keys}} (for the audit log).
Found = Mapping[str, set[str]]


@dataclass(frozen=True)
class Exporter:
    """One section of the export.

    `fields` names, per model label ("app.Model"), the model fields whose values the section
    puts in its records; `excluded` names the other fields of those models with why they
    are left out. `model` is the label of the section's own records, each of which carries
    its primary key as "id" (so audit events about them can be found). `needs_found`: the
    function is called last, with `found` as well.
    """

    key: str
    title: Promise
    model: str
    find: ExporterFunction = field(compare=False)
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    excluded: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)
    needs_found: bool = False
    order: int = 100


_EXPORTERS: dict[str, Exporter] = {}
# Models with personal data deliberately left out of the export as a whole, with the reason.
_EXCLUDED_MODELS: dict[str, str] = {}


def register(exporter: Exporter) -> Exporter:
    """Add a section (at import of an app's `personal_data` module)."""
    existing = _EXPORTERS.get(exporter.key)
    if existing is not None and existing != exporter:
        raise ValueError(f"personal data exporter {exporter.key!r} is declared twice")
    _EXPORTERS[exporter.key] = exporter
    return exporter


def exclude_model(label: str, reason: str) -> None:
    """Leave a whole model with personal data out of the export, saying why."""
    _EXCLUDED_MODELS[label.lower()] = reason


def exporters() -> list[Exporter]:
    return sorted(_EXPORTERS.values(), key=lambda e: (e.needs_found, e.order, e.key))


def excluded_models() -> dict[str, str]:
    return dict(_EXCLUDED_MODELS)


def exported_fields() -> dict[str, set[str]]:
    """{model label (lower case): names of the fields some section exports}."""
    result: dict[str, set[str]] = {}
    for exporter in _EXPORTERS.values():
        for label, names in exporter.fields.items():
            result.setdefault(label.lower(), set()).update(names)
    return result


def excluded_fields() -> dict[str, dict[str, str]]:
    """{model label (lower case): {field name: reason it is not exported}}."""
    result: dict[str, dict[str, str]] = {}
    for exporter in _EXPORTERS.values():
        for label, reasons in exporter.excluded.items():
            result.setdefault(label.lower(), {}).update(reasons)
    return result


def jsonable(value: Any) -> Any:
    """A model value as JSON: dates and times in ISO 8601, files by name, related rows as
    their text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1] if value.name else ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return str(value)


def values(obj: models.Model, names: Iterable[str]) -> Record:
    """The named fields of `obj` as a record, with the field names as keys."""
    return {name: jsonable(getattr(obj, name)) for name in names}


def normalised(email: str) -> str:
    return email.strip()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    records: list[Record]


@dataclass(frozen=True)
class Subject:
    """The person an export is about: an e-mail address and their account, if any."""

    email: str
    user: User | None

    @classmethod
    def of_user(cls, user: User) -> "Subject":
        return cls(email=user.email, user=user)

    @classmethod
    def by_email(cls, email: str) -> "Subject":
        email = normalised(email)
        return cls(email=email, user=User.objects.filter(email__iexact=email).first())


def collect(subject: Subject) -> list[Section]:
    """Every section's records about `subject` (empty sections included).

    The audit log's section runs last, with the primary keys the others found, so that it
    can list the events about those records too.
    """
    found: dict[str, set[str]] = {}
    sections: list[Section] = []
    for exporter in exporters():
        kwargs: dict[str, Any] = {"email": subject.email, "user": subject.user}
        if exporter.needs_found:
            kwargs["found"] = found
        records = exporter.find(**kwargs) if subject.email or subject.user else []
        found.setdefault(exporter.model.lower(), set()).update(
            str(r["id"]) for r in records if "id" in r
        )
        sections.append(Section(exporter.key, str(exporter.title), records))
    return sections


def build_export(
    *, subject: Subject, controller: str, now: datetime.datetime | None = None
) -> dict[str, Any]:
    """The whole export as a JSON-serialisable structure."""
    person: Record = {"email": subject.email}
    if subject.user is not None:
        person["account_id"] = subject.user.pk
        person["name"] = subject.user.full_name
    return {
        "generated_at": (now or timezone.now()).isoformat(),
        "subject": person,
        "controller": controller,
        "sections": [
            {"key": s.key, "title": s.title, "records": s.records} for s in collect(subject)
        ],
    }


def email_matches(field_name: str, email: str) -> models.Q:
    """`field_name` equals `email` ignoring case; matches nothing for an empty address (so
    the records whose address was erased never match)."""
    if not email:
        return models.Q(pk__in=[])
    return models.Q(**{f"{field_name}__iexact": email})
