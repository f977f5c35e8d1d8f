"""Residents' messages, and the conflict cases a contact is a stakeholder in, in a data
subject's export (luotsi/privacy/portability.py). A message shows the sender what its status
page shows them: the replies, not the staff's internal notes or routing."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.concerns.models import Message, Stakeholder, StepKind
from luotsi.privacy.portability import Exporter, Record, email_matches, register, values

MESSAGE_FIELDS = (
    "id",
    "reference",
    "kind",
    "service",
    "description",
    "address_string",
    "latitude",
    "longitude",
    "district",
    "sub_district",
    "language",
    "contact_name",
    "contact_email",
    "consented_at",
    "submitted_by",
    "attributes",
    "source",
    "status",
    "is_public",
    "public_text",
    "created_at",
    "updated_at",
    "answered_at",
    "closed_at",
)
STEP_FIELDS = ("kind", "text", "status", "at")
PHOTO_FIELDS = ("image", "content_type", "width", "height", "size", "created_at")
STAKEHOLDER_FIELDS = ("id", "case", "position", "interest", "influence", "notes")
ROW = "internal row number"
INTERNAL = "internal handling by the city's staff, not shown to the sender"
ITSELF = "the message itself (the record it is listed under)"


def messages(*, email: str, user: User | None, **_: Any) -> list[Record]:
    mine = email_matches("contact_email", email)
    if user is not None:
        mine |= Q(submitted_by=user)
    found: list[Record] = []
    for message in (
        Message.objects.filter(mine)
        .select_related("service", "district", "sub_district", "submitted_by")
        .order_by("pk")
    ):
        record = values(message, MESSAGE_FIELDS)
        record["replies"] = [
            values(step, STEP_FIELDS) for step in message.steps.filter(kind=StepKind.REPLY)
        ]
        record["photos"] = [values(photo, PHOTO_FIELDS) for photo in message.photos.all()]
        found.append(record)
    return found


def stakeholders(*, email: str, user: User | None, **_: Any) -> list[Record]:
    return [
        values(s, STAKEHOLDER_FIELDS)
        for s in Stakeholder.objects.filter(email_matches("contact__email", email))
        .select_related("case")
        .order_by("pk")
    ]


register(
    Exporter(
        key="messages",
        order=35,
        title=_("Questions, concerns and ideas you sent"),
        model="concerns.Message",
        find=messages,
        fields={
            "concerns.Message": MESSAGE_FIELDS,
            "concerns.MessageStep": STEP_FIELDS,
            "concerns.Photo": PHOTO_FIELDS,
        },
        excluded={
            "concerns.Message": {
                "token": "the secret of the message's status link: a credential",
                "api_key": "which Open311 client relayed it (`source` says that one did)",
                "queue": INTERNAL,
                "assigned_to": INTERNAL,
                "due_on": INTERNAL,
                "forwarded_to": INTERNAL,
                "duplicate_of": INTERNAL,
            },
            "concerns.MessageStep": {
                "id": ROW,
                "message": ITSELF,
                "by": "the staff member who replied; replies speak for the city",
            },
            "concerns.Photo": {"id": ROW, "message": ITSELF},
        },
    )
)

register(
    Exporter(
        key="conflict_cases",
        order=36,
        title=_("Conflict cases where you are a stakeholder"),
        model="concerns.Stakeholder",
        find=stakeholders,
        fields={"concerns.Stakeholder": STAKEHOLDER_FIELDS},
        excluded={
            "concerns.Stakeholder": {
                "contact": "the contact record, exported in its own section",
                "organisation": "always empty when the stakeholder is a person",
            }
        },
    )
)
