"""Event registrations in erasing a person (luotsi/privacy/erasure.py).

A registration is anonymised, not deleted, as after the event (accounting.registrations_
anonymise): name, contact details and the text of the needs go and the personal link stops
working; the status, attendance and language stay, so an event's places, waiting list and
head counts do not change. Unlike the retention run, a stated need leaves a dash behind:
that someone needed language help is what the participation figures count as "other
languages", and an organiser still has to plan for an accessibility need, without knowing
whose it was.
"""

import secrets
from typing import Any

from django.db.models import Case, Value, When
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.events.accounting import ANONYMISED_NAME
from luotsi.events.models import Registration
from luotsi.privacy.erasure import ERASED, Counts, Eraser, Found, pks, register
from luotsi.privacy.portability import email_matches

REGISTRATION = "events.registration"


def find(*, email: str, user: User | None, **_: Any) -> Found:
    return {
        REGISTRATION: set(
            Registration.objects.filter(email_matches("email", email)).values_list("pk", flat=True)
        )
    }


def _dash_if_given(name: str) -> Case:
    return Case(When(**{name: ""}, then=Value("")), default=Value(ERASED))


def erase(*, found: Found, **_: Any) -> Counts:
    moment = timezone.now()
    ids = pks(found, REGISTRATION)
    for pk in ids:
        # A fresh random token each: the old personal link must lead nowhere.
        Registration.objects.filter(pk=pk).update(
            name=ANONYMISED_NAME,
            email="",
            phone="",
            accessibility_needs=_dash_if_given("accessibility_needs"),
            language_needs=_dash_if_given("language_needs"),
            token=secrets.token_urlsafe(32),
            anonymised_at=moment,
        )
    return {REGISTRATION: len(ids)}


COUNTS = "an event's places, waiting list and attendance are counted from it"

register(
    Eraser(
        key="events",
        order=30,
        find=find,
        erase=erase,
        erased={
            REGISTRATION: {
                "name": "replaced by a dash",
                "email": "emptied",
                "phone": "emptied",
                "accessibility_needs": "replaced by a dash when one was given",
                "language_needs": "replaced by a dash when one was given",
                "token": "replaced by a new random one: the link stops working",
                "anonymised_at": "set to the time of erasure",
            }
        },
        kept={
            REGISTRATION: {
                "id": "the row stays: " + COUNTS,
                "event": COUNTS,
                "status": COUNTS,
                "attended": COUNTS,
                "language": "the language counted in the participation figures",
                "consented_at": "a date alone names no one",
                "created_at": "the order of the waiting list",
                "cancelled_at": "a date alone names no one",
                "promoted_at": "a date alone names no one",
            }
        },
    )
)
