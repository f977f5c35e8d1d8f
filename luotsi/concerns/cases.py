"""Writes for conflict cases. Each function is one transaction, checks who may write (the
case's officers and the coordinator: `cases_managed_by`), and leaves an audit trace; views
call these and nothing else.

Parties, messages and meetings a person links must be visible to that person: linking is a
way of reading, so it may not reach past the network, message and event rules.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import District, SubDistrict
from luotsi.concerns.models import CaseStep, ConflictCase, Message, Position, Stakeholder
from luotsi.concerns.permissions import can_handle, cases_managed_by, messages_visible_to
from luotsi.events.models import Event
from luotsi.events.permissions import events_visible_to
from luotsi.network import permissions as network
from luotsi.network.models import Contact, Organisation
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record


def _managed(case: ConflictCase, by: User) -> ConflictCase:
    """The case, locked for the rest of the transaction, if `by` may write to it."""
    if not can_handle(by):
        raise PermissionDenied
    locked = cases_managed_by(by).select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise PermissionDenied
    return locked


def _touch(case: ConflictCase) -> None:
    # Lists are ordered by the last change: a new step or party is a change of the case.
    case.save(update_fields=["updated_at"])


@transaction.atomic
def case_save(
    *,
    case: ConflictCase,
    by: User,
    district: District | None = None,
    sub_districts: Iterable[SubDistrict] = (),
    lat: float | None = None,
    lon: float | None = None,
) -> ConflictCase:
    """Create or update a case (the form has set its fields). It is placed by a point (from
    a street address) or, without one, in the chosen district; `sub_districts` replaces the
    case's area and must lie in that district. A new case belongs to `by` unless the caller
    set an owner."""
    if not can_handle(by):
        raise PermissionDenied
    creating = case.pk is None
    previous_district = None if creating else _managed(case, by).district_id
    if creating and case.owner_id is None:
        case.owner = by
    if lat is not None and lon is not None:
        case.place(lat=lat, lon=lon)
    elif district is not None:
        case.place(lat=None, lon=None)
        case.district = district
    if case.district is None:
        raise ValidationError({"district": _("Give a street address or choose the district.")})
    if case.district_id != previous_district and not network.may_record_in(by, case.district):
        raise ValidationError({"district": _("You cannot record work in this district.")})
    areas = list(sub_districts)
    if any(area.district_id != case.district_id for area in areas):
        raise ValidationError({"sub_districts": _("Choose sub-districts of the case's district.")})
    case.full_clean()
    case.save()
    case.sub_districts.set(areas)
    audit_record(actor=by, action=AuditAction.CREATE if creating else AuditAction.CHANGE, obj=case)
    return case


def _check_levels(position: str, interest: Any, influence: Any) -> None:
    errors = {}
    if position not in Position.values:
        errors["position"] = _("Choose a position.")
    for field, value in (("interest", interest), ("influence", influence)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            errors[field] = _("Give a number from 1 to 5.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def stakeholder_add(
    *,
    case: ConflictCase,
    by: User,
    organisation: Organisation | None = None,
    contact: Contact | None = None,
    position: str,
    interest: int,
    influence: int,
    notes: str = "",
) -> Stakeholder:
    """Add an organisation or a person (exactly one) the user can see in the network. The
    case row is locked, so two officers adding the same party at once cannot both succeed."""
    case = _managed(case, by)
    if (organisation is None) == (contact is None):
        raise ValidationError({"organisation": _("Choose an organisation or a person, not both.")})
    if organisation is not None:
        if not network.organisations_visible_to(by).filter(pk=organisation.pk).exists():
            raise ValidationError({"organisation": _("This organisation cannot be chosen.")})
        if case.stakeholders.filter(organisation=organisation).exists():
            raise ValidationError({"organisation": _("This organisation is already on the case.")})
    if contact is not None:
        if not network.contacts_visible_to(by).filter(pk=contact.pk).exists():
            raise ValidationError({"contact": _("This person cannot be chosen.")})
        if case.stakeholders.filter(contact=contact).exists():
            raise ValidationError({"contact": _("This person is already on the case.")})
    _check_levels(position, interest, influence)
    stakeholder = Stakeholder(
        case=case,
        organisation=organisation,
        contact=contact,
        position=position,
        interest=interest,
        influence=influence,
        notes=notes.strip(),
    )
    stakeholder.full_clean()
    stakeholder.save()
    _touch(case)
    audit_record(actor=by, action=AuditAction.CREATE, obj=stakeholder)
    return stakeholder


@transaction.atomic
def stakeholder_update(
    *,
    stakeholder: Stakeholder,
    by: User,
    position: str,
    interest: int,
    influence: int,
    notes: str = "",
) -> Stakeholder:
    """Record where a party stands now (positions move as a case goes on)."""
    case = _managed(stakeholder.case, by)
    _check_levels(position, interest, influence)
    stakeholder.position, stakeholder.notes = position, notes.strip()
    stakeholder.interest, stakeholder.influence = interest, influence
    stakeholder.full_clean()
    stakeholder.save()
    _touch(case)
    audit_record(actor=by, action=AuditAction.CHANGE, obj=stakeholder)
    return stakeholder


@transaction.atomic
def stakeholder_remove(*, stakeholder: Stakeholder, by: User) -> None:
    case = _managed(stakeholder.case, by)
    audit_record(actor=by, action=AuditAction.CHANGE, obj=case, summary="stakeholder removed")
    stakeholder.delete()
    _touch(case)


@transaction.atomic
def case_step_add(
    *,
    case: ConflictCase,
    by: User,
    happened_on: datetime.date,
    text: str,
    document_title: str = "",
    document_url: str = "",
) -> CaseStep:
    """A dated step on the timeline: what has happened, never what is planned (meetings
    to come are linked as events)."""
    case = _managed(case, by)
    errors = {}
    if happened_on > timezone.localdate():
        errors["happened_on"] = _("A step is recorded once it has happened.")
    if not text.strip():
        errors["text"] = _("Tell what happened.")
    if document_url and not document_title.strip():
        errors["document_title"] = _("Name the linked document.")
    if errors:
        raise ValidationError(errors)
    step = CaseStep(
        case=case,
        happened_on=happened_on,
        text=text.strip(),
        document_title=document_title.strip(),
        document_url=document_url.strip(),
        by=by,
    )
    step.full_clean()
    step.save()
    _touch(case)
    audit_record(actor=by, action=AuditAction.CREATE, obj=step)
    return step


@transaction.atomic
def case_link_message(*, case: ConflictCase, by: User, message: Message) -> None:
    case = _managed(case, by)
    if not messages_visible_to(by).filter(pk=message.pk).exists():
        raise ValidationError({"message": _("You cannot link this message.")})
    case.messages.add(message)
    _touch(case)
    audit_record(actor=by, action=AuditAction.CHANGE, obj=case, summary=f"linked {message}")


@transaction.atomic
def case_unlink_message(*, case: ConflictCase, by: User, message: Message) -> None:
    case = _managed(case, by)
    case.messages.remove(message)
    _touch(case)
    audit_record(actor=by, action=AuditAction.CHANGE, obj=case, summary=f"unlinked {message}")


@transaction.atomic
def case_link_meeting(*, case: ConflictCase, by: User, event: Event) -> None:
    case = _managed(case, by)
    if not events_visible_to(by).filter(pk=event.pk).exists():
        raise ValidationError({"event": _("You cannot link this event.")})
    case.meetings.add(event)
    _touch(case)
    audit_record(actor=by, action=AuditAction.CHANGE, obj=case, summary=f"meeting {event.pk}")


@transaction.atomic
def case_unlink_meeting(*, case: ConflictCase, by: User, event: Event) -> None:
    case = _managed(case, by)
    case.meetings.remove(event)
    _touch(case)
    audit_record(
        actor=by, action=AuditAction.CHANGE, obj=case, summary=f"meeting {event.pk} unlinked"
    )
