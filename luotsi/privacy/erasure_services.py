"""Erasing one person from every table (GDPR art. 17), as one service.

The apps declare what they erase in their own `erasure.py` (registry: luotsi/privacy/erasure.py);
`erase_person` runs them all in one transaction, so a failure anywhere erases nothing. Rows
other data depends on stay, without the person in them: an event still has its registrations
and attendance, an area its messages, a campaign its responses, and the participation figures
add up as before. The audit log is append-only and holds only ids and counts (never names or
addresses), so it is left as it is; the erasure itself is logged once, naming the person by
their account's number or a hash of their address.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import capfirst

from luotsi.accounts.models import User
from luotsi.privacy import erasure
from luotsi.privacy.erasure_permissions import may_erase
from luotsi.privacy.models import AuditAction
from luotsi.privacy.portability import Subject
from luotsi.privacy.services import audit_record

AUDIT_OBJECT = "person"


def describe(counts: erasure.Counts) -> list[tuple[str, str, int]]:
    """(model label, its plural name in the active language, number of rows), by label."""
    return [
        (label, capfirst(str(apps.get_model(label)._meta.verbose_name_plural)), n)
        for label, n in sorted(counts.items())
    ]


def _summary(prefix: str, counts: erasure.Counts) -> str:
    """Counts per model label, in English (the log's language); never who."""
    parts = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
    return f"{prefix} ({sum(counts.values())} rows): {parts}"[:200]


def erasure_preview(*, subject: Subject, by: User) -> list[tuple[str, str, int]]:
    """What `erase_person` would change or delete, per model, without changing anything.
    PermissionDenied unless `by` may erase `subject`. Looking at somebody else's data is
    audited; looking at one's own is not."""
    if not may_erase(by, subject):
        raise PermissionDenied
    counts = {label: len(pks) for label, pks in erasure.find(subject).items()}
    if subject.user is None or subject.user.pk != by.pk:
        audit_record(
            actor=by,
            action=AuditAction.VIEW,
            object_type=AUDIT_OBJECT,
            object_id=erasure.subject_reference(subject),
            summary=_summary("counted the data to erase", counts),
        )
    return describe(counts)


@transaction.atomic
def erase_person(subject: Subject, *, by: User) -> erasure.Counts:
    """Erase everything Luotsi holds about `subject` and return how many rows of each model
    were changed or deleted. PermissionDenied unless `by` may (erasure_permissions.may_erase).

    Idempotent: erased records no longer match the address, so a second run finds (almost)
    nothing and changes nothing that still identifies anyone; it is logged again.
    """
    if not may_erase(by, subject):
        raise PermissionDenied
    found = erasure.find(subject)
    counts: erasure.Counts = {}
    for eraser in erasure.erasers():
        erasure.add(counts, eraser.erase(found=found, subject=subject, by=by))
    audit_record(
        actor=by,
        action=AuditAction.ERASE,
        object_type=AUDIT_OBJECT,
        object_id=erasure.subject_reference(subject),
        summary=_summary("erased", counts),
    )
    return counts
