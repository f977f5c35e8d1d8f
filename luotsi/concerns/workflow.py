"""Handling a message: acknowledge, work on it, answer (the resident reads the answer through
their link and by e-mail), forward to a city department, close; notes, reassignment, merging
duplicates, and publishing a moderated summary. Each function is one transaction holding the
message's row lock, and leaves a step in the message's history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
from luotsi.concerns import permissions
from luotsi.concerns.models import (
    DONE_STATUSES,
    Message,
    MessageStatus,
    MessageStep,
    Queue,
    StepKind,
)
from luotsi.concerns.notifications import notify_resident
from luotsi.network.permissions import can_use_network
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

# Where each status may go next; answering, forwarding and closing are always possible.
NEXT = {
    MessageStatus.NEW: {MessageStatus.ACKNOWLEDGED, MessageStatus.IN_PROGRESS},
    MessageStatus.ACKNOWLEDGED: {MessageStatus.IN_PROGRESS},
    MessageStatus.IN_PROGRESS: set(),
    MessageStatus.ANSWERED: {MessageStatus.IN_PROGRESS},
    MessageStatus.FORWARDED: {MessageStatus.IN_PROGRESS},
    MessageStatus.CLOSED: {MessageStatus.IN_PROGRESS},
}
ALWAYS = {MessageStatus.ANSWERED, MessageStatus.FORWARDED, MessageStatus.CLOSED}


def _locked(message: Message, by: User) -> Message:
    if not permissions.may_handle(by, message):
        raise PermissionDenied
    return Message.objects.select_for_update().get(pk=message.pk)


def _step(message: Message, by: User, kind: str, text: str = "", status: str = "") -> None:
    MessageStep.objects.create(message=message, kind=kind, text=text, status=status, by=by)


@transaction.atomic
def message_set_status(
    *, message: Message, by: User, status: str, text: str = "", department: str = ""
) -> Message:
    """Move the message on. Answering needs the answer's text, which the resident gets;
    forwarding names the department (and may say something to the resident)."""
    message = _locked(message, by)
    target = MessageStatus(status)
    current = MessageStatus(message.status)
    if target == current and target not in (MessageStatus.ANSWERED,):
        raise ValidationError({"status": _("The message already has this status.")})
    if target not in ALWAYS and target not in NEXT[current]:
        raise ValidationError({"status": _("The message cannot move to that status from here.")})
    text = text.strip()
    if target == MessageStatus.ANSWERED and not text:
        raise ValidationError({"text": _("Write the answer to the resident.")})
    if target == MessageStatus.FORWARDED:
        if not department.strip():
            raise ValidationError({"department": _("Name the department it was forwarded to.")})
        message.forwarded_to = department.strip()[:200]
        text = text or _(
            "Your message has been forwarded to %(department)s, who will handle it."
        ) % {"department": message.forwarded_to}
    message.status = target
    now = timezone.now()
    if target == MessageStatus.ANSWERED:
        message.answered_at = now
    if target == MessageStatus.CLOSED:
        message.closed_at = now
    message.save()
    _step(message, by, StepKind.STATUS, status=target)
    if text and target in (MessageStatus.ANSWERED, MessageStatus.FORWARDED):
        _reply(message, by, text)
    return message


def _reply(message: Message, by: User, text: str) -> None:
    """The resident sees the reply through their link and gets it by e-mail; so do the
    senders of messages merged into this one."""
    _step(message, by, StepKind.REPLY, text=text)
    notify_resident(message, "replied")
    for duplicate in message.duplicates.all():
        _step(duplicate, by, StepKind.REPLY, text=text)
        notify_resident(duplicate, "replied")


@transaction.atomic
def message_reply(*, message: Message, by: User, text: str) -> Message:
    """A reply without changing the status (e.g. a question back to the resident)."""
    message = _locked(message, by)
    if not text.strip():
        raise ValidationError({"text": _("Write the reply.")})
    _reply(message, by, text.strip())
    return message


@transaction.atomic
def message_note(*, message: Message, by: User, text: str) -> Message:
    message = _locked(message, by)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    _step(message, by, StepKind.NOTE, text=text.strip())
    return message


@transaction.atomic
def message_reassign(*, message: Message, by: User, to: User) -> Message:
    """Hand the message to another officer (or the coordinator); the queue follows them."""
    message = _locked(message, by)
    if not to.is_active or not can_use_network(to):
        raise ValidationError({"to": _("Messages can be given to liaison officers only.")})
    if to.role == Role.COORDINATOR:
        message.queue = Queue.COORDINATOR
    elif (
        OfficerAssignment.objects.current()
        .filter(officer=to, kind=AssignmentKind.BUSINESS)
        .exists()
    ):
        message.queue = Queue.BUSINESS
    else:
        message.queue = Queue.DISTRICT
    message.assigned_to = to
    message.save(update_fields=["assigned_to", "queue", "updated_at"])
    _step(message, by, StepKind.ASSIGNED, text=str(to))
    return message


@transaction.atomic
def message_merge(*, duplicate: Message, into: Message, by: User) -> Message:
    """The duplicate is closed and points to the main message; its sender gets the main
    message's later answers."""
    if duplicate.pk == into.pk:
        raise ValidationError({"into": _("A message cannot be merged into itself.")})
    if not permissions.may_handle(by, into):
        raise ValidationError({"into": _("No such message among those you handle.")})
    duplicate = _locked(duplicate, by)
    if into.duplicate_of_id is not None:
        raise ValidationError({"into": _("That message is itself merged into another one.")})
    if duplicate.duplicates.exists():
        raise ValidationError(
            {"into": _("Other messages are merged into this one; merge the other way.")}
        )
    duplicate.duplicate_of = into
    duplicate.status = MessageStatus.CLOSED
    duplicate.closed_at = timezone.now()
    duplicate.is_public = False
    duplicate.save()
    _step(duplicate, by, StepKind.MERGED, text=into.reference, status=MessageStatus.CLOSED)
    _step(into, by, StepKind.MERGED, text=duplicate.reference)
    audit_record(actor=by, action=AuditAction.MERGE, obj=duplicate, summary=into.reference)
    return duplicate


def _personal_strings(message: Message) -> list[str]:
    return [s.strip().lower() for s in (message.contact_name, message.contact_email) if s.strip()]


@transaction.atomic
def message_publish(*, message: Message, by: User, public_text: str) -> Message:
    """Show the message on the public map and list, as the moderated summary only: never
    the resident's own words, name or e-mail."""
    message = _locked(message, by)
    public_text = public_text.strip()
    if not public_text:
        raise ValidationError({"public_text": _("Write the summary the public will see.")})
    lowered = public_text.lower()
    if any(value in lowered for value in _personal_strings(message)):
        raise ValidationError(
            {"public_text": _("The summary contains the sender's name or e-mail; leave them out.")}
        )
    if message.duplicate_of_id is not None:
        raise ValidationError(_("Publish the main message, not a merged duplicate."))
    message.is_public, message.public_text = True, public_text
    message.save(update_fields=["is_public", "public_text", "updated_at"])
    _step(message, by, StepKind.PUBLISHED, text=public_text)
    return message


@transaction.atomic
def message_unpublish(*, message: Message, by: User) -> Message:
    message = _locked(message, by)
    message.is_public = False
    message.save(update_fields=["is_public", "updated_at"])
    _step(message, by, StepKind.NOTE, text=_("Removed from the public map."))
    return message


def message_view_audit(*, message: Message, by: User) -> None:
    """Staff views of a message with the sender's details leave a trace."""
    if message.contact_email or message.contact_name:
        audit_record(actor=by, action=AuditAction.VIEW, obj=message)


def is_done(message: Message) -> bool:
    return message.status in DONE_STATUSES
