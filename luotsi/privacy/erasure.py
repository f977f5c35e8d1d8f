"""What Luotsi erases of one person, for their right to erasure (GDPR art. 17).

Like the export (luotsi/privacy/portability.py), each owning app declares its part in its own
`erasure.py`: an `Eraser` naming, per model, the fields it erases and how (`erased`), the
fields it keeps and why (`kept`), and the models whose rows it deletes (`deleted`).
`PrivacyConfig.ready` imports those modules, so the privacy app never imports a domain app.
luotsi/privacy/tests/test_erasure_coverage.py fails when a personal field (one some exporter
exports, excludes, or a model the retention declarations call personal) has no decision here.

An eraser works in two steps, so that what one app erases never hides what another still has
to find (a campaign's response is found through its organisation's e-mail address, which the
network then erases): `find(*, email, user)` returns the primary keys it will act on, per
model label; `erase(*, found, subject, by)` gets every eraser's findings merged and returns
how many rows of each model it changed or deleted. The service running them all, in one
transaction, is luotsi/privacy/erasure_services.py.
"""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from luotsi.privacy.portability import Subject, normalised

# What an erased name or free text becomes: visibly erased, and the same in every language.
ERASED = "—"

# {model label (lower case): primary keys}; session keys are strings, the rest integers.
Found = dict[str, set[Any]]
Counts = dict[str, int]
# (*, email, user) -> Found
FindFunction = Callable[..., Found]
# (*, found, subject, by) -> Counts
EraseFunction = Callable[..., Counts]


@dataclass(frozen=True)
class Eraser:
    """One app's part of erasing a person.

    `erased`: {model label: {field: how it is erased}}; `kept`: {model label: {field: why it
    stays}}; `deleted`: {model label: why its rows about the person are deleted whole}.
    Erasers run in `order` (the account last, once nothing else needs it).
    """

    key: str
    find: FindFunction = field(compare=False)
    erase: EraseFunction = field(compare=False)
    erased: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)
    kept: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)
    deleted: Mapping[str, str] = field(default_factory=dict, compare=False)
    order: int = 100


_ERASERS: dict[str, Eraser] = {}


def register(eraser: Eraser) -> Eraser:
    """Add an app's eraser (at import of its `erasure` module)."""
    existing = _ERASERS.get(eraser.key)
    if existing is not None and existing != eraser:
        raise ValueError(f"personal data eraser {eraser.key!r} is declared twice")
    _ERASERS[eraser.key] = eraser
    return eraser


def erasers() -> list[Eraser]:
    return sorted(_ERASERS.values(), key=lambda e: (e.order, e.key))


def _merged(part: str) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for eraser in _ERASERS.values():
        for label, fields in getattr(eraser, part).items():
            result.setdefault(label.lower(), {}).update(fields)
    return result


def erased_fields() -> dict[str, dict[str, str]]:
    """{model label (lower case): {field: how it is erased}}."""
    return _merged("erased")


def kept_fields() -> dict[str, dict[str, str]]:
    """{model label (lower case): {field: why it is kept}}."""
    return _merged("kept")


def deleted_models() -> dict[str, str]:
    """{model label (lower case): why its rows about the person are deleted}."""
    return {label.lower(): reason for e in _ERASERS.values() for label, reason in e.deleted.items()}


def find(subject: Subject) -> Found:
    """Everything every eraser would act on, merged (nothing is changed)."""
    found: Found = {}
    if not subject.email and subject.user is None:
        return found
    for eraser in erasers():
        for label, pks in eraser.find(email=subject.email, user=subject.user).items():
            found.setdefault(label.lower(), set()).update(pks)
    return {label: pks for label, pks in found.items() if pks}


def add(counts: Counts, more: Mapping[str, int]) -> Counts:
    for label, n in more.items():
        if n:
            counts[label] = counts.get(label, 0) + n
    return counts


def subject_reference(subject: Subject) -> str:
    """How the audit log names the person: their account's number, or else a SHA-256 prefix
    of the lower-cased address (enough to answer "was X erased?" for whoever knows X's
    address, without writing the address down)."""
    if subject.user is not None:
        return str(subject.user.pk)
    digest = hashlib.sha256(normalised(subject.email).lower().encode()).hexdigest()
    return f"sha256:{digest[:16]}"


def pks(found: Mapping[str, set[Any]], label: str) -> list[Any]:
    """The primary keys found of one model, in order (so that locks are taken in order)."""
    return sorted(found.get(label.lower(), set()))
