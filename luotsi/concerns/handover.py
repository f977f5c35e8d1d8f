"""When an officer leaves: their open messages and the conflict cases they are responsible
for go to the successor with their commitments (network's `handover_reassign` calls this in
the same transaction). History stays attributed to whoever did the work."""

from luotsi.accounts.models import User
from luotsi.concerns.models import (
    OPEN_STATUSES,
    CaseStatus,
    ConflictCase,
    Message,
    MessageStep,
    StepKind,
)
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record


def concerns_hand_over(*, outgoing: User, successor: User, by: User) -> tuple[int, int]:
    """Call inside the handover's transaction. Returns (messages, cases) moved."""
    messages = list(
        Message.objects.select_for_update().filter(assigned_to=outgoing, status__in=OPEN_STATUSES)
    )
    for message in messages:
        message.assigned_to = successor
        message.save(update_fields=["assigned_to", "updated_at"])
        MessageStep.objects.create(
            message=message, kind=StepKind.ASSIGNED, text=str(successor), by=by
        )
    cases = list(
        ConflictCase.objects.select_for_update()
        .filter(owner=outgoing)
        .exclude(status=CaseStatus.SETTLED)
    )
    for case in cases:
        case.owner = successor
        case.save(update_fields=["owner", "updated_at"])
        audit_record(
            actor=by,
            action=AuditAction.REASSIGN,
            obj=case,
            summary=f"user {outgoing.pk} → user {successor.pk}",
        )
    return len(messages), len(cases)
