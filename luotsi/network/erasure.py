"""The network's part of erasing a person (luotsi/privacy/erasure.py).

Contacts with the person's address are erased with `services.contact_erase` (the same as
the retention's erasure: name and details go, roles in organisations are deleted), and their
consent note too. The officers' notes of the interactions the person took part in, and of the
commitments made to them, are replaced by a dash: a note about a meeting is about the people
in it. The interaction itself stays (date, channel, area, officer, who took part as erased
contacts), so the officers' workload and the participation figures add up as before. Other
apps add interactions made from the person's records to `found` (office hours). An
organisation with the person's address loses that address and its phone; the rest of it is
the organisation's, not the person's. Uploaded lists forget the rows with the address.

Changing a summary updates the search indexes in the same statement: SQLite's FTS5 table by
its triggers (migration 0004), PostgreSQL's trigram index as any index.
"""

import json
from typing import Any

from luotsi.accounts.models import User
from luotsi.network.models import (
    Affiliation,
    Commitment,
    Contact,
    ImportBatch,
    Interaction,
    Organisation,
)
from luotsi.network.services import contact_erase
from luotsi.privacy.erasure import ERASED, Counts, Eraser, Found, pks, register
from luotsi.privacy.portability import Subject, email_matches, normalised

CONTACT = "network.contact"
INTERACTION = "network.interaction"
COMMITMENT = "network.commitment"
ORGANISATION = "network.organisation"
IMPORT_BATCH = "network.importbatch"


def _mentions(rows: Any, needle: str) -> bool:
    return needle in json.dumps(rows, ensure_ascii=False).lower()


def _batches_mentioning(email: str) -> set[int]:
    """Uploads whose rows hold the address. Few and short-lived (cleared after
    RETENTION_IMPORT_BATCHES_DAYS), so they are read rather than queried inside the JSON."""
    needle = normalised(email).lower()
    if not needle:
        return set()
    return {
        batch.pk
        for batch in ImportBatch.objects.exclude(rows=[], raw_rows=[]).only("rows", "raw_rows")
        if _mentions(batch.rows, needle) or _mentions(batch.raw_rows, needle)
    }


def find(*, email: str, user: User | None, **_: Any) -> Found:
    contacts = Contact.objects.filter(email_matches("email", email))
    return {
        CONTACT: set(contacts.values_list("pk", flat=True)),
        "network.affiliation": set(
            Affiliation.objects.filter(contact__in=contacts).values_list("pk", flat=True)
        ),
        INTERACTION: set(
            Interaction.objects.filter(contacts__in=contacts).values_list("pk", flat=True)
        ),
        COMMITMENT: set(
            Commitment.objects.filter(contact__in=contacts).values_list("pk", flat=True)
        ),
        ORGANISATION: set(
            Organisation.objects.filter(email_matches("email", email)).values_list("pk", flat=True)
        ),
        IMPORT_BATCH: _batches_mentioning(email),
    }


def _import_rows_erase(ids: list[int], email: str) -> None:
    needle = normalised(email).lower()
    for batch in ImportBatch.objects.select_for_update().filter(pk__in=ids):
        batch.raw_rows = [row for row in batch.raw_rows if not _mentions(row, needle)]
        batch.rows = [row for row in batch.rows if not _mentions(row, needle)]
        batch.save(update_fields=["raw_rows", "rows"])


def erase(*, found: Found, subject: Subject, by: User, **_: Any) -> Counts:
    contacts = pks(found, CONTACT)
    for contact in Contact.objects.filter(pk__in=contacts).order_by("pk"):
        contact_erase(contact=contact, by=by)
    Contact.objects.filter(pk__in=contacts).update(consent_purpose=ERASED)
    _import_rows_erase(pks(found, IMPORT_BATCH), subject.email)
    return {
        CONTACT: len(contacts),
        "network.affiliation": len(pks(found, "network.affiliation")),
        INTERACTION: Interaction.objects.filter(pk__in=pks(found, INTERACTION)).update(
            summary=ERASED
        ),
        COMMITMENT: Commitment.objects.filter(pk__in=pks(found, COMMITMENT)).update(
            description=ERASED
        ),
        ORGANISATION: Organisation.objects.filter(pk__in=pks(found, ORGANISATION)).update(
            email="", phone=""
        ),
        IMPORT_BATCH: len(pks(found, IMPORT_BATCH)),
    }


ROW = "the row stays, so that what points at it still holds"
NAMES_NO_ONE = "names no one once the person's details are gone"
ORGANISATIONS = (
    "the organisation's own details (for a business, those of the public trade register); "
    "officers correct or close the organisation when it is gone"
)
WORK = "the officers' work (when, how, where, by whom), counted in workload and participation"

register(
    Eraser(
        key="network",
        order=20,
        find=find,
        erase=erase,
        erased={
            CONTACT: {
                "full_name": "replaced by a dash (services.contact_erase)",
                "title": "emptied",
                "email": "emptied",
                "phone": "emptied",
                "preferred_language": "emptied",
                "spoken_languages": "emptied",
                "consent_wording_version": "emptied",
                "consent_purpose": "replaced by a dash: free text about the person",
                "erased_at": "set to the time of erasure",
            },
            INTERACTION: {"summary": "replaced by a dash: the note was about the people met"},
            COMMITMENT: {"description": "replaced by a dash: it was a promise to the person"},
            ORGANISATION: {"email": "emptied", "phone": "emptied"},
            IMPORT_BATCH: {
                "raw_rows": "the rows with the address are removed",
                "rows": "the rows with the address are removed",
            },
        },
        kept={
            CONTACT: {
                "id": ROW,
                "created_by": "the officer who recorded the contact",
                "created_at": NAMES_NO_ONE,
                "updated_at": NAMES_NO_ONE,
                "district": "counts of contacts per district",
                "visibility": NAMES_NO_ONE,
                "lawful_basis": "the record that the processing had a lawful basis",
                "consent_source": "the record that the processing had a lawful basis",
                "consent_date": "the record that the processing had a lawful basis",
                "retention_warned_at": NAMES_NO_ONE,
            },
            "network.Relationship": {
                "id": ROW,
                "kind": NAMES_NO_ONE,
                "from_contact": "an erased contact",
                "from_organisation": NAMES_NO_ONE,
                "to_contact": "an erased contact",
                "to_organisation": NAMES_NO_ONE,
                "starts_on": NAMES_NO_ONE,
                "ends_on": NAMES_NO_ONE,
            },
            INTERACTION: {
                "id": ROW,
                "occurred_on": WORK,
                "channel": WORK,
                "district": WORK,
                "sub_district": WORK,
                "officer": WORK,
                "created_at": WORK,
            },
            COMMITMENT: {
                "id": ROW,
                "owner": WORK,
                "due_on": WORK,
                "status": WORK,
                "interaction": WORK,
                "contact": "an erased contact",
                "organisation": NAMES_NO_ONE,
                "district": WORK,
                "created_by": WORK,
                "created_at": WORK,
                "closed_at": WORK,
            },
            ORGANISATION: dict.fromkeys(
                (
                    "id",
                    "name",
                    "name_fi",
                    "name_sv",
                    "name_en",
                    "kind",
                    "business_id",
                    "trade_names",
                    "sector",
                    "street_address",
                    "website",
                    "languages",
                    "preferred_language",
                    "is_active",
                    "visibility",
                    "latitude",
                    "longitude",
                    "district",
                    "sub_district",
                    "created_by",
                    "created_at",
                    "updated_at",
                ),
                ORGANISATIONS,
            ),
            IMPORT_BATCH: {
                "id": ROW,
                "created_by": "the officer who uploaded the list",
                "created_at": NAMES_NO_ONE,
                "filename": "the name of the uploaded file",
                "columns": "the file's column headings",
                "mapping": "which column is which",
                "consent": "the lawful basis chosen for the whole list",
                "district": NAMES_NO_ONE,
                "status": NAMES_NO_ONE,
                "created": "counts only",
                "merged": "counts only",
                "skipped": "counts only",
            },
        },
        deleted={"network.Affiliation": "the person's roles in organisations (contact_erase)"},
    )
)
