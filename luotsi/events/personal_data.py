"""Event registrations in a data subject's export (luotsi/privacy/portability.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.events.models import Registration
from luotsi.privacy.portability import Exporter, Record, email_matches, jsonable, register, values

REGISTRATION_FIELDS = (
    "id",
    "event",
    "name",
    "email",
    "phone",
    "accessibility_needs",
    "language_needs",
    "language",
    "consented_at",
    "status",
    "attended",
    "created_at",
    "cancelled_at",
    "promoted_at",
)


def registrations(*, email: str, user: User | None, **_: Any) -> list[Record]:
    return [
        {**values(r, REGISTRATION_FIELDS), "event_start": jsonable(r.event.start)}
        for r in Registration.objects.filter(email_matches("email", email))
        .select_related("event")
        .order_by("pk")
    ]


register(
    Exporter(
        key="event_registrations",
        order=30,
        title=_("Event registrations"),
        model="events.Registration",
        find=registrations,
        fields={"events.Registration": REGISTRATION_FIELDS},
        excluded={
            "events.Registration": {
                "token": "the secret of the registration's cancel link: a credential",
                "anonymised_at": "always empty: an anonymised registration has no address",
            }
        },
    )
)
