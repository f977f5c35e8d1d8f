from django.db import models

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
