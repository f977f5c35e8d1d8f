"""Writes for the network. Each function is one transaction, checks the rules, and records
who did it; views and the API call these and nothing else."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import District, SubDistrict
from luotsi.network import permissions
from luotsi.network.models import (
    Commitment,
    CommitmentStatus,
    Contact,
    ImportBatch,
    ImportStatus,
    Interaction,
    KnowledgeNote,
    Organisation,
    Relationship,
    RelationshipType,
    Topic,
)
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

ERASED_NAME = "—"


def _require_district(by: User, district: District | None) -> None:
    if district is not None and not permissions.may_record_in(by, district):
        raise ValidationError({"district": _("You cannot record work in this district.")})


@transaction.atomic
def contact_save(*, contact: Contact, by: User) -> Contact:
    """Create or update a contact (the form has set its fields). A lawful basis is required
    (the database refuses a contact without one, too)."""
    if not permissions.can_use_network(by):
        raise PermissionDenied
    _require_district(by, contact.district)
    creating = contact.pk is None
    if creating:
        contact.created_by = by
    contact.full_clean()
    contact.save()
    audit_record(
        actor=by,
        action=AuditAction.CREATE if creating else AuditAction.CHANGE,
        obj=contact,
    )
    return contact


@transaction.atomic
def organisation_save(
    *,
    organisation: Organisation,
    by: User,
    lat: float | None = None,
    lon: float | None = None,
    district: District | None = None,
) -> Organisation:
    """Save an organisation, placed by its address point (lat, lon) or, without one, in the
    chosen district."""
    if not permissions.can_use_network(by):
        raise PermissionDenied
    if organisation.pk is None:
        organisation.created_by = by
    if lat is not None and lon is not None:
        organisation.place(lat=lat, lon=lon)
    elif district is not None:
        organisation.place(lat=None, lon=None)
        organisation.district = district
    _require_district(by, organisation.district)
    organisation.full_clean()
    organisation.save()
    return organisation


def contact_view_audit(*, contact: Contact, by: User) -> None:
    """Every staff view of a contact's personal details leaves a trace."""
    audit_record(actor=by, action=AuditAction.VIEW, obj=contact)


@transaction.atomic
def contact_erase(*, contact: Contact, by: User | None) -> Contact:
    """Anonymise the person; their interactions stay, attributed to no one identifiable.
    `by` is None when the retention run erases a long-inactive contact."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    contact.full_name = ERASED_NAME
    contact.title = contact.email = contact.phone = ""
    contact.preferred_language = contact.spoken_languages = ""
    contact.consent_wording_version = ""
    contact.erased_at = timezone.now()
    contact.save()
    contact.affiliations.all().delete()
    audit_record(actor=by, action=AuditAction.ERASE, obj=contact)
    return contact


@transaction.atomic
def interaction_log(
    *,
    by: User,
    occurred_on: datetime.date,
    channel: str,
    summary: str,
    district: District,
    sub_district: SubDistrict | None = None,
    contacts: Iterable[Contact] = (),
    organisations: Iterable[Organisation] = (),
    topics: Iterable[Topic] = (),
    commitment: str = "",
    commitment_due_on: datetime.date | None = None,
) -> Interaction:
    """Record an interaction, and optionally the commitment made in it (owned by `by`)."""
    _require_district(by, district)
    if not permissions.can_use_network(by):
        raise PermissionDenied
    if commitment and commitment_due_on is None:
        raise ValidationError({"commitment_due_on": _("Give a due date for the commitment.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("An interaction cannot be in the future.")})
    interaction = Interaction.objects.create(
        occurred_on=occurred_on,
        channel=channel,
        summary=summary,
        district=district,
        sub_district=sub_district,
        officer=by,
    )
    contacts, organisations = list(contacts), list(organisations)
    interaction.contacts.set(contacts)
    interaction.organisations.set(organisations)
    interaction.topics.set(list(topics))
    if commitment and commitment_due_on is not None:
        Commitment.objects.create(
            description=commitment,
            owner=by,
            due_on=commitment_due_on,
            interaction=interaction,
            contact=contacts[0] if contacts else None,
            organisation=organisations[0] if organisations else None,
            district=district,
            created_by=by,
        )
    return interaction


@transaction.atomic
def commitment_close(*, commitment: Commitment, by: User, status: str) -> Commitment:
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if status not in (CommitmentStatus.DONE, CommitmentStatus.CANCELLED):
        raise ValidationError({"status": _("Choose done or cancelled.")})
    if commitment.status != CommitmentStatus.OPEN:
        raise ValidationError({"status": _("This commitment is already closed.")})
    commitment.status = status
    commitment.closed_at = timezone.now()
    commitment.save(update_fields=["status", "closed_at"])
    return commitment


@transaction.atomic
def note_save(*, note: KnowledgeNote, by: User) -> KnowledgeNote:
    if not permissions.can_use_network(by):
        raise PermissionDenied
    _require_district(by, note.district)
    if note.pk is None:
        note.created_by = by
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def handover_reassign(*, outgoing: User, successor: User, by: User) -> int:
    """Give every open commitment of `outgoing` to `successor` in one transaction, with
    their open residents' messages and the conflict cases they are responsible for.

    Only ownership moves: interactions, notes and closed commitments stay attributed to the
    person who made them. Returns the number of commitments reassigned.
    """
    if not (permissions.sees_everything(by) or by == outgoing):
        raise PermissionDenied
    if successor == outgoing:
        raise ValidationError({"successor": _("Choose someone other than the outgoing officer.")})
    if not permissions.can_use_network(successor):
        raise ValidationError({"successor": _("The successor must be an officer.")})
    # Open messages and conflict cases go with the commitments (concerns depends on the
    # network, so it is imported here rather than at the top).
    from luotsi.concerns.handover import concerns_hand_over

    concerns_hand_over(outgoing=outgoing, successor=successor, by=by)
    open_items = list(Commitment.objects.select_for_update().open().filter(owner=outgoing))
    for item in open_items:
        item.owner = successor
        item.save(update_fields=["owner"])
        audit_record(
            actor=by,
            action=AuditAction.REASSIGN,
            obj=item,
            summary=f"user {outgoing.pk} → user {successor.pk}",
        )
    return len(open_items)


def import_check(*, batch: ImportBatch, by: User) -> ImportBatch:
    """(Re)check every row of a batch with its current mapping; writes no contacts."""
    from luotsi.network.importing import check_rows

    batch.rows = check_rows(
        batch.raw_rows,
        batch.mapping,
        default_district=batch.district,
        visible=permissions.contacts_visible_to(by).only("pk", "full_name", "email", "district"),
    )
    allowed = set(permissions.districts_for_recording(by).values_list("pk", flat=True))
    for row in batch.rows:
        if row["district"] is not None and row["district"] not in allowed and not row["errors"]:
            row["errors"].append(_("you cannot record people in this district"))
            row["duplicate_of"] = None
    batch.save()
    return batch


@transaction.atomic
def import_start(
    *,
    by: User,
    filename: str,
    content: bytes,
    consent: dict[str, str],
    district: District | None,
) -> ImportBatch:
    """Read an uploaded file into a batch and check it (raises ImportFileError)."""
    from luotsi.network.importing import guess_mapping, read_table

    if not permissions.can_use_network(by):
        raise PermissionDenied
    header, rows = read_table(filename, content)
    batch = ImportBatch.objects.create(
        created_by=by,
        filename=filename[:200],
        columns=header,
        mapping=guess_mapping(header),
        consent=consent,
        district=district,
        raw_rows=rows,
    )
    return import_check(batch=batch, by=by)


@transaction.atomic
def import_confirm(*, batch: ImportBatch, by: User, merge_duplicates: bool) -> ImportBatch:
    """Queue the import of a checked batch; the task writes it in one transaction."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.created_by != by:
        raise PermissionDenied
    if batch.status != ImportStatus.PREVIEW:
        raise ValidationError({"status": _("This import has already been run.")})
    batch.status = ImportStatus.RUNNING
    batch.save(update_fields=["status"])
    from luotsi.network.tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(batch.pk, merge_duplicates))
    return batch


@transaction.atomic
def import_run(*, batch_id: int, merge_duplicates: bool) -> ImportBatch:
    """Write a confirmed batch: new people for the good rows; duplicates either skipped or
    merged (their empty fields filled from the file). Rows with problems are never written."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
    by = batch.created_by
    created = merged = 0
    districts = {d.pk: d for d in District.objects.all()}
    for row in batch.rows:
        if row["errors"]:
            continue
        values = row["values"]
        if row["duplicate_of"]:
            if not merge_duplicates:
                continue
            existing = Contact.objects.get(pk=row["duplicate_of"])
            for field in ("title", "email", "phone"):
                if values.get(field) and not getattr(existing, field):
                    setattr(existing, field, values[field])
            existing.save()
            merged += 1
            continue
        contact = Contact(
            full_name=values["full_name"],
            title=values.get("title", ""),
            email=values.get("email", ""),
            phone=values.get("phone", ""),
            district=districts[row["district"]],
            created_by=by,
            **batch.consent,
        )
        contact.full_clean()
        contact.save()
        if values.get("organisation"):
            organisation = (
                permissions.organisations_visible_to(by)
                .filter(name__iexact=values["organisation"])
                .first()
            )
            if organisation is not None:
                contact.affiliations.create(organisation=organisation, role=values.get("role", ""))
        created += 1
    batch.created, batch.merged = created, merged
    batch.skipped = len(batch.rows) - created - merged
    batch.status = ImportStatus.DONE
    batch.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=batch, summary=f"{created} contacts")
    return batch


@transaction.atomic
def contact_merge(*, keep: Contact, duplicate: Contact, by: User) -> Contact:
    """Merge `duplicate` into `keep`: its interactions, affiliations and commitments move
    over (nothing is lost), its empty fields fill `keep`'s, and the duplicate is removed."""
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("Choose two different people.")})
    for interaction in duplicate.interactions.all():
        interaction.contacts.add(keep)
    duplicate.affiliations.update(contact=keep)
    duplicate.commitments.update(contact=keep)
    for field in ("title", "email", "phone", "preferred_language", "spoken_languages"):
        if not getattr(keep, field) and getattr(duplicate, field):
            setattr(keep, field, getattr(duplicate, field))
    keep.save()
    audit_record(
        actor=by, action=AuditAction.MERGE, obj=keep, summary=f"merged contact {duplicate.pk}"
    )
    duplicate.delete()
    return keep


def import_failed(*, batch_id: int) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(status=ImportStatus.FAILED)


@transaction.atomic
def affiliation_add(
    *,
    contact: Contact,
    organisation: Organisation,
    role: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    by: User,
) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
    contact.affiliations.create(
        organisation=organisation, role=role.strip(), starts_on=starts_on, ends_on=ends_on
    )
    audit_record(actor=by, action=AuditAction.CHANGE, obj=contact, summary="affiliation added")


@transaction.atomic
def relationship_add(
    *,
    kind: RelationshipType,
    from_contact: Contact,
    to_contact: Contact | None,
    to_organisation: Organisation | None,
    by: User,
) -> Relationship:
    if (to_contact is None) == (to_organisation is None):
        raise ValidationError(
            {"to_contact": _("Choose either a person or an organisation, not both.")}
        )
    if to_contact is not None and to_contact.pk == from_contact.pk:
        raise ValidationError({"to_contact": _("A person cannot be related to themselves.")})
    relationship = Relationship.objects.create(
        kind=kind, from_contact=from_contact, to_contact=to_contact, to_organisation=to_organisation
    )
    audit_record(
        actor=by, action=AuditAction.CHANGE, obj=from_contact, summary="relationship added"
    )
    return relationship
