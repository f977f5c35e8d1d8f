"""The network's part of a data subject's export (luotsi/privacy/portability.py): the contact
records with the person's e-mail address, with their affiliations, the interactions they
took part in, their relationships and the commitments made to them; and organisations whose
e-mail address is the person's (a sole trader, say)."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.network.models import Commitment, Contact, Organisation, Relationship
from luotsi.privacy.portability import (
    Exporter,
    Record,
    email_matches,
    exclude_model,
    register,
    values,
)

CONTACT_FIELDS = (
    "id",
    "full_name",
    "title",
    "email",
    "phone",
    "preferred_language",
    "spoken_languages",
    "district",
    "visibility",
    "lawful_basis",
    "consent_purpose",
    "consent_source",
    "consent_date",
    "consent_wording_version",
    "created_by",
    "created_at",
    "updated_at",
    "retention_warned_at",
)
AFFILIATION_FIELDS = ("organisation", "role", "starts_on", "ends_on")
INTERACTION_FIELDS = (
    "occurred_on",
    "channel",
    "summary",
    "officer",
    "district",
    "sub_district",
    "created_at",
)
RELATIONSHIP_FIELDS = (
    "kind",
    "from_contact",
    "from_organisation",
    "to_contact",
    "to_organisation",
    "starts_on",
    "ends_on",
)
COMMITMENT_FIELDS = ("description", "owner", "due_on", "status", "created_at", "closed_at")
ORGANISATION_FIELDS = (
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
    "email",
    "phone",
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
)
ROW = "internal row number"
ITSELF = "the contact itself (the record it is listed under)"


def contacts(*, email: str, user: User | None, **_: Any) -> list[Record]:
    found: list[Record] = []
    for contact in Contact.objects.filter(email_matches("email", email)).order_by("pk"):
        record = values(contact, CONTACT_FIELDS)
        record["affiliations"] = [
            values(a, AFFILIATION_FIELDS)
            for a in contact.affiliations.select_related("organisation").order_by("pk")
        ]
        record["interactions"] = [
            values(i, INTERACTION_FIELDS)
            for i in contact.interactions.select_related("officer", "district", "sub_district")
            .order_by("occurred_on", "pk")
            .distinct()
        ]
        record["relationships"] = [
            values(r, RELATIONSHIP_FIELDS)
            for r in Relationship.objects.filter(Q(from_contact=contact) | Q(to_contact=contact))
            .select_related("kind", "from_contact", "from_organisation", "to_contact")
            .select_related("to_organisation")
            .order_by("pk")
        ]
        record["commitments"] = [
            values(c, COMMITMENT_FIELDS)
            for c in Commitment.objects.filter(contact=contact).select_related("owner")
        ]
        found.append(record)
    return found


def organisations(*, email: str, user: User | None, **_: Any) -> list[Record]:
    return [
        values(o, ORGANISATION_FIELDS)
        for o in Organisation.objects.filter(email_matches("email", email)).order_by("pk")
    ]


register(
    Exporter(
        key="contacts",
        order=20,
        title=_("Contact records of the liaison officers"),
        model="network.Contact",
        find=contacts,
        fields={
            "network.Contact": CONTACT_FIELDS,
            "network.Affiliation": AFFILIATION_FIELDS,
            "network.Interaction": INTERACTION_FIELDS,
            "network.Relationship": RELATIONSHIP_FIELDS,
            "network.Commitment": COMMITMENT_FIELDS,
        },
        excluded={
            "network.Contact": {
                "erased_at": "always empty: an erased contact has no e-mail address to match",
            },
            "network.Affiliation": {"id": ROW, "contact": ITSELF},
            "network.Interaction": {"id": ROW},
            "network.Relationship": {"id": ROW},
            "network.Commitment": {
                "id": ROW,
                "contact": ITSELF,
                "interaction": "the interaction is listed on its own",
                "organisation": "the organisation's side of a commitment, not the person's",
                "district": "the district of the officers' work, not data about the person",
                "created_by": "the officer who wrote it down; `owner` says who answers for it",
            },
        },
    )
)

register(
    Exporter(
        key="organisations",
        order=25,
        title=_("Organisations with your e-mail address"),
        model="network.Organisation",
        find=organisations,
        fields={"network.Organisation": ORGANISATION_FIELDS},
    )
)

exclude_model(
    "network.ImportBatch",
    "the rows of an uploaded list while an officer checks it, cleared after "
    "RETENTION_IMPORT_BATCHES_DAYS; the people imported are exported as contacts",
)
