"""Office-hours appointments in a data subject's export (luotsi/privacy/portability.py).
Officers' public profiles are in the account's section (luotsi/accounts/personal_data.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.officehours.models import Appointment
from luotsi.privacy.portability import Exporter, Record, email_matches, register, values

APPOINTMENT_FIELDS = (
    "id",
    "officer",
    "venue",
    "starts_at",
    "ends_at",
    "name",
    "email",
    "language",
    "interpreter_language",
    "message_language",
    "topic",
    "status",
    "created_at",
    "cancelled_at",
)


def appointments(*, email: str, user: User | None, **_: Any) -> list[Record]:
    return [
        values(a, APPOINTMENT_FIELDS)
        for a in Appointment.objects.filter(email_matches("email", email))
        .select_related("officer", "venue")
        .order_by("pk")
    ]


register(
    Exporter(
        key="appointments",
        order=40,
        title=_("Office-hours appointments"),
        model="officehours.Appointment",
        find=appointments,
        fields={"officehours.Appointment": APPOINTMENT_FIELDS},
        excluded={
            "officehours.Appointment": {
                "token": "the secret of the appointment's cancel link: a credential",
                "interaction": "the officer's own record of the meeting, made from it",
                "anonymised_at": "always empty: an anonymised appointment has no address",
            }
        },
    )
)
