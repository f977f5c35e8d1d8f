"""Residents' messages and conflict-case stakeholders in erasing a person
(luotsi/privacy/erasure.py).

A message the person sent (by address, or from their account) stays as a message: its
category, kind, area, language, status and dates, so the counts per area and category and
the handling times do not change. What it said goes, as well as who sent it: the text, the
address and point, the answers to the category's questions, the moderated public summary
(the message is no longer shown publicly), the replies and internal notes in its history,
and its photos (the files once the transaction has committed). The private status link stops
working. A stakeholder who is the person keeps their place in the case (position, interest,
influence) without the officers' notes about them. When the person was staff, the history
steps naming them as the one a message was passed to lose the name.
"""

import secrets
from typing import Any

from django.db import transaction
from django.db.models import Q

from luotsi.accounts.models import User
from luotsi.concerns.models import Message, MessageStep, Photo, Stakeholder, StepKind
from luotsi.privacy.erasure import ERASED, Counts, Eraser, Found, pks, register
from luotsi.privacy.portability import email_matches

MESSAGE = "concerns.message"
STEP = "concerns.messagestep"
PHOTO = "concerns.photo"
STAKEHOLDER = "concerns.stakeholder"
# The steps whose text someone wrote about the message; the others hold a status, a
# reference or the name of the staff member it was passed to.
WRITTEN = (StepKind.REPLY, StepKind.NOTE)


def find(*, email: str, user: User | None, **_: Any) -> Found:
    mine = email_matches("contact_email", email)
    names: set[str] = set()
    if user is not None:
        mine |= Q(submitted_by=user)
        names = {n for n in (user.full_name, user.email, str(user)) if n}
    messages = Message.objects.filter(mine)
    steps = Q(message__in=messages, kind__in=WRITTEN)
    if names:
        steps |= Q(kind=StepKind.ASSIGNED, text__in=sorted(names))
    return {
        MESSAGE: set(messages.values_list("pk", flat=True)),
        STEP: set(MessageStep.objects.filter(steps).values_list("pk", flat=True)),
        PHOTO: set(Photo.objects.filter(message__in=messages).values_list("pk", flat=True)),
        STAKEHOLDER: set(
            Stakeholder.objects.filter(email_matches("contact__email", email)).values_list(
                "pk", flat=True
            )
        ),
    }


def _photos_delete(ids: list[int]) -> int:
    photos = Photo.objects.filter(pk__in=ids)
    storage = Photo._meta.get_field("image").storage
    files = [name for name in photos.values_list("image", flat=True) if name]
    photos.delete()

    def delete_files() -> None:
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(ids)


def erase(*, found: Found, **_: Any) -> Counts:
    messages = pks(found, MESSAGE)
    for pk in messages:
        # A fresh random token each: the sender's old status link must lead nowhere.
        Message.objects.filter(pk=pk).update(
            description=ERASED,
            address_string="",
            latitude=None,
            longitude=None,
            contact_name="",
            contact_email="",
            submitted_by=None,
            attributes={},
            is_public=False,
            public_text="",
            token=secrets.token_urlsafe(32),
        )
    return {
        PHOTO: _photos_delete(pks(found, PHOTO)),
        MESSAGE: len(messages),
        STEP: MessageStep.objects.filter(pk__in=pks(found, STEP)).update(text=ERASED),
        STAKEHOLDER: Stakeholder.objects.filter(pk__in=pks(found, STAKEHOLDER)).update(notes=""),
    }


COUNTS = "counted per area, category and month, and in the handling times"
ROW = "the row stays: " + COUNTS

register(
    Eraser(
        key="concerns",
        order=40,
        find=find,
        erase=erase,
        erased={
            MESSAGE: {
                "description": "replaced by a dash",
                "address_string": "emptied",
                "latitude": "emptied: the point may be the sender's home",
                "longitude": "emptied: the point may be the sender's home",
                "contact_name": "emptied",
                "contact_email": "emptied",
                "submitted_by": "emptied",
                "attributes": "emptied",
                "is_public": "cleared: nothing is left to show",
                "public_text": "emptied",
                "token": "replaced by a new random one: the status link stops working",
            },
            STEP: {
                "text": "replies and notes replaced by a dash; a step naming the person "
                "as the staff member handling the message too"
            },
            STAKEHOLDER: {"notes": "emptied"},
        },
        kept={
            MESSAGE: {
                "id": ROW,
                "reference": "the message's number, which cases and merges refer to",
                "kind": COUNTS,
                "service": COUNTS,
                "district": COUNTS,
                "sub_district": COUNTS,
                "language": COUNTS,
                "consented_at": "a date alone names no one",
                "source": COUNTS,
                "api_key": "which Open311 client relayed it",
                "status": COUNTS,
                "queue": COUNTS,
                "assigned_to": "the staff member who handled it",
                "due_on": COUNTS,
                "forwarded_to": "the city department it was forwarded to",
                "duplicate_of": "the message it was merged into",
                "created_at": COUNTS,
                "updated_at": COUNTS,
                "answered_at": COUNTS,
                "closed_at": COUNTS,
            },
            STEP: {
                "id": ROW,
                "message": ROW,
                "kind": "the handling history, for the handling times",
                "status": "the handling history, for the handling times",
                "by": "the staff member who acted",
                "at": "the handling history, for the handling times",
            },
            STAKEHOLDER: {
                "id": "the row stays: the case's map of interests keeps its shape",
                "case": "the case's map of interests keeps its shape",
                "organisation": "always empty when the stakeholder is a person",
                "contact": "the erased contact",
                "position": "the case's map of interests keeps its shape",
                "interest": "the case's map of interests keeps its shape",
                "influence": "the case's map of interests keeps its shape",
            },
        },
        deleted={PHOTO: "photos the person sent, with their files"},
    )
)
