"""E-mail subscriptions in erasing a person (luotsi/privacy/erasure.py): each is unsubscribed
(services.unsubscribe: the address and the choices go at once); the row and its deliveries
stay, without the address, so that past sendings still add up."""

from typing import Any

from luotsi.accounts.models import User
from luotsi.privacy.erasure import Counts, Eraser, Found, pks, register
from luotsi.privacy.portability import email_matches
from luotsi.subscriptions.models import Subscriber
from luotsi.subscriptions.services import unsubscribe

SUBSCRIBER = "subscriptions.subscriber"


def find(*, email: str, user: User | None, **_: Any) -> Found:
    return {
        SUBSCRIBER: set(
            Subscriber.objects.filter(email_matches("email", email)).values_list("pk", flat=True)
        )
    }


def erase(*, found: Found, **_: Any) -> Counts:
    ids = pks(found, SUBSCRIBER)
    for subscriber in Subscriber.objects.filter(pk__in=ids).order_by("pk"):
        unsubscribe(token=subscriber.token)
    # An address left on a row unsubscribed some other way goes too.
    Subscriber.objects.filter(pk__in=ids).exclude(email="").update(email="")
    return {SUBSCRIBER: len(ids)}


DELIVERIES = "which digest or announcement was sent when, counted in the sending statistics"

register(
    Eraser(
        key="subscriptions",
        order=60,
        find=find,
        erase=erase,
        erased={
            SUBSCRIBER: {
                "email": "emptied (services.unsubscribe)",
                "unsubscribed_at": "set to the time of erasure (services.unsubscribe)",
            }
        },
        kept={
            SUBSCRIBER: {
                "id": DELIVERIES,
                "language": DELIVERIES,
                "token": "the link of an unsubscribed row without an address: it shows that "
                "the subscription has ended",
                "created_at": DELIVERIES,
                "confirmation_sent_at": DELIVERIES,
                "confirmed_at": DELIVERIES,
            },
            "subscriptions.DigestDelivery": dict.fromkeys(
                ("id", "subscriber", "week", "status", "created_at", "sent_at"), DELIVERIES
            )
            | {"item_keys": "which opportunities the digest listed: the same for everyone"},
            "subscriptions.AnnouncementDelivery": dict.fromkeys(
                ("id", "announcement", "subscriber", "created_at", "sent_at"), DELIVERIES
            ),
        },
    )
)
