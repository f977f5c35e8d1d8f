"""E-mails to registrants, each in the language the person chose when registering.

Services call `notify` / `notify_registrants` inside their transaction; the mail is queued as
a task when the transaction commits, so a rolled-back change never sends anything.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from luotsi.events.models import ACTIVE_REGISTRATION, Event, Registration

KINDS = (
    "confirmed",
    "waitlisted",
    "promoted",
    "cancelled",
    "event_changed",
    "event_cancelled",
)


def notify(registration: Registration, kind: str) -> None:
    from luotsi.events.tasks import send_registration_email

    if kind not in KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    registration_id = registration.pk
    transaction.on_commit(lambda: send_registration_email.enqueue(registration_id, kind))


def notify_registrants(event: Event, kind: str) -> None:
    for registration in event.registrations.filter(ACTIVE_REGISTRATION):
        notify(registration, kind)


def registration_link(registration: Registration) -> str:
    return settings.SITE_URL + reverse("events:registration", args=[registration.token])


def send_registration_message(*, registration_id: int, kind: str) -> bool:
    """Render and send one message; False when there is no one to send it to any more
    (the registration was anonymised meanwhile)."""
    registration = (
        Registration.objects.select_related("event", "event__venue")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None or not registration.email:
        return False
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": registration.event,
            "link": registration_link(registration),
            "event_link": settings.SITE_URL
            + reverse("events:detail", args=[registration.event_id]),
        }
        subject = render_to_string(f"events/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{kind}_body.txt", context)
    send_mail(subject, body, None, [registration.email])
    return True
