"""E-mails to subscribers, each rendered in the subscriber's language. Every message ends
with the links to manage the subscription and to unsubscribe (templates/…/_footer.txt)."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from luotsi.subscriptions.models import Subscriber

KINDS = ("confirm", "manage")


def link(name: str, subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse(f"subscriptions:{name}", args=[subscriber.token])


def notify(subscriber: Subscriber, kind: str) -> None:
    """Queue one message for when the caller's transaction commits."""
    from luotsi.subscriptions.tasks import send_subscriber_email

    if kind not in KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    subscriber_id = subscriber.pk
    transaction.on_commit(lambda: send_subscriber_email.enqueue(subscriber_id, kind))


def send(subscriber: Subscriber, kind: str, extra: dict[str, Any] | None = None) -> None:
    """Render `subscriptions/email/<kind>_{subject,body}.txt` in the subscriber's language
    and send it now (exceptions from the mail backend propagate)."""
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "confirm_link": link("confirm", subscriber),
            "manage_link": link("manage", subscriber),
            "unsubscribe_link": link("unsubscribe", subscriber),
            "site_url": settings.SITE_URL,
            "expiry_days": settings_expiry_days(),
            **(extra or {}),
        }
        subject = render_to_string(f"subscriptions/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"subscriptions/email/{kind}_body.txt", context)
        language = translation.get_language()
    # Content-Language tells mail clients (and screen readers) which language to read in.
    EmailMessage(
        subject, body, to=[subscriber.email], headers={"Content-Language": language}
    ).send()


def settings_expiry_days() -> int:
    from luotsi.subscriptions.services import CONFIRMATION_VALID

    return CONFIRMATION_VALID.days


def send_subscriber_message(*, subscriber_id: int, kind: str) -> bool:
    subscriber = Subscriber.objects.active().filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    send(subscriber, kind)
    return True
