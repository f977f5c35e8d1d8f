"""E-mail subscriptions in a data subject's export (luotsi/privacy/portability.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.privacy.portability import Exporter, Record, email_matches, register, values
from luotsi.subscriptions.models import AnnouncementDelivery, DigestDelivery, Subscriber

SUBSCRIBER_FIELDS = (
    "id",
    "email",
    "language",
    "created_at",
    "confirmation_sent_at",
    "confirmed_at",
    "unsubscribed_at",
)

DIGEST_FIELDS = ("week", "status", "created_at", "sent_at", "item_keys")
ANNOUNCEMENT_FIELDS = ("announcement", "created_at", "sent_at")
ROW = "internal row number"
ITSELF = "the subscription itself (the record it is listed under)"


def subscriptions(*, email: str, user: User | None, **_: Any) -> list[Record]:
    return [
        {
            **values(s, SUBSCRIBER_FIELDS),
            "districts": [str(d) for d in s.districts.all()],
            "major_districts": [str(d) for d in s.major_districts.all()],
            "topics": [str(t) for t in s.topics.all()],
            "digests_sent": [
                values(d, DIGEST_FIELDS)
                for d in DigestDelivery.objects.filter(subscriber=s).order_by("pk")
            ],
            "announcements_sent": [
                values(a, ANNOUNCEMENT_FIELDS)
                for a in AnnouncementDelivery.objects.filter(subscriber=s)
                .select_related("announcement")
                .order_by("pk")
            ],
        }
        for s in Subscriber.objects.filter(email_matches("email", email)).order_by("pk")
    ]


register(
    Exporter(
        key="subscriptions",
        order=50,
        title=_("E-mail subscriptions"),
        model="subscriptions.Subscriber",
        find=subscriptions,
        fields={
            "subscriptions.Subscriber": SUBSCRIBER_FIELDS,
            "subscriptions.DigestDelivery": DIGEST_FIELDS,
            "subscriptions.AnnouncementDelivery": ANNOUNCEMENT_FIELDS,
        },
        excluded={
            "subscriptions.Subscriber": {
                "token": "the secret of the confirm and unsubscribe links: a credential"
            },
            "subscriptions.DigestDelivery": {"id": ROW, "subscriber": ITSELF},
            "subscriptions.AnnouncementDelivery": {"id": ROW, "subscriber": ITSELF},
        },
    )
)
