from django.db import models
from django.utils import translation

from luotsi.accounts.models import User
from luotsi.privacy.models import AuditAction, AuditEvent


def audit_record(
    *,
    actor: User | None,
    action: AuditAction,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    summary: str = "",
) -> AuditEvent:
    """Append one event to the audit log (inside the caller's transaction, if any), about
    one object or, for lists and exports, a kind of object (`object_type`, `object_id`="*")."""
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id,
        summary=summary[:200],
    )


def retention_record(*, object_type: str, result: dict[str, int], days: int | None) -> None:
    """One audit event for one run of one retention kind (only when it changed something):
    the counts per action, never who was concerned. Written in English, the log's language."""
    from luotsi.privacy.retention import describe

    if not any(result.values()):
        return
    with translation.override("en"):
        summary = "retention: " + describe(result)
    if days is not None:
        summary += f" (older than {days} days)"
    audit_record(
        actor=None,
        action=AuditAction.ERASE,
        object_type=object_type,
        object_id="*",
        summary=summary,
    )
