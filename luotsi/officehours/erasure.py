"""Office hours in erasing a person (luotsi/privacy/erasure.py).

An appointment is anonymised as after its retention period (retention.py): name, e-mail and
topic go, the personal link stops working; the officer, venue, time, languages and status
stay for the officers' statistics. The meeting's record in the network was written from the
topic, so its interaction is handed to the network's eraser, which erases its summary. An
officer's public profile is deleted with them.
"""

import secrets
from typing import Any

from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.officehours.models import Appointment, OfficerProfile
from luotsi.officehours.retention import ANONYMISED_NAME
from luotsi.privacy.erasure import Counts, Eraser, Found, pks, register
from luotsi.privacy.portability import email_matches

APPOINTMENT = "officehours.appointment"
PROFILE = "officehours.officerprofile"


def find(*, email: str, user: User | None, **_: Any) -> Found:
    appointments = Appointment.objects.filter(email_matches("email", email))
    profiles = OfficerProfile.objects.filter(user=user) if user else OfficerProfile.objects.none()
    return {
        APPOINTMENT: set(appointments.values_list("pk", flat=True)),
        "network.interaction": set(
            appointments.filter(interaction__isnull=False).values_list("interaction", flat=True)
        ),
        PROFILE: set(profiles.values_list("pk", flat=True)),
    }


def erase(*, found: Found, **_: Any) -> Counts:
    moment = timezone.now()
    appointments = pks(found, APPOINTMENT)
    for pk in appointments:
        # A fresh random token each: the old personal link must lead nowhere.
        Appointment.objects.filter(pk=pk).update(
            name=ANONYMISED_NAME,
            email="",
            topic="",
            token=secrets.token_urlsafe(32),
            anonymised_at=moment,
        )
    profiles = pks(found, PROFILE)
    OfficerProfile.objects.filter(pk__in=profiles).delete()
    return {APPOINTMENT: len(appointments), PROFILE: len(profiles)}


STATISTICS = "the officers' statistics of appointments"

register(
    Eraser(
        key="officehours",
        order=50,
        find=find,
        erase=erase,
        erased={
            APPOINTMENT: {
                "name": "replaced by a dash",
                "email": "emptied",
                "topic": "emptied (and the summary of its interaction in the network)",
                "token": "replaced by a new random one: the link stops working",
                "anonymised_at": "set to the time of erasure",
            }
        },
        kept={
            APPOINTMENT: {
                "id": STATISTICS,
                "officer": STATISTICS,
                "venue": STATISTICS,
                "starts_at": STATISTICS,
                "ends_at": STATISTICS,
                "language": STATISTICS,
                "interpreter_language": STATISTICS,
                "message_language": STATISTICS,
                "status": STATISTICS,
                "created_at": STATISTICS,
                "cancelled_at": STATISTICS,
                "interaction": "the meeting in the network, its summary erased",
            }
        },
        deleted={PROFILE: "the officer's public introduction, with the account"},
    )
)
