from django.db import models

from luotsi.accounts.models import User
from luotsi.privacy.models import AuditAction, AuditEvent


def audit_record(
    *, actor: User | None, action: AuditAction, obj: models.Model, summary: str = ""
) -> AuditEvent:
    """Append one event to the audit log (inside the caller's transaction, if any)."""
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:200],
    )
