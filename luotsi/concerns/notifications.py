"""E-mails to the resident who left an address, in the language they wrote in, each with
their private status link. Queued when the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from luotsi.concerns.models import Message

KINDS = ("received", "replied")


def notify_resident(message: Message, kind: str) -> None:
    from luotsi.concerns.tasks import send_resident_email

    if kind not in KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    if not message.contact_email:
        return
    message_id = message.pk
    transaction.on_commit(lambda: send_resident_email.enqueue(message_id, kind))


def status_link(message: Message) -> str:
    return settings.SITE_URL + reverse("concerns:status", args=[message.token])


def send_resident_message(*, message_id: int, kind: str) -> bool:
    message = Message.objects.select_related("service").filter(pk=message_id).first()
    if message is None or not message.contact_email:
        return False
    reply = message.steps.filter(kind="reply").order_by("-at", "-pk").first()
    with translation.override(message.language):
        context = {"message": message, "link": status_link(message), "reply": reply}
        subject = render_to_string(f"concerns/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"concerns/email/{kind}_body.txt", context)
    send_mail(subject, body, None, [message.contact_email])
    return True
