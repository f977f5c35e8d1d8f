"""E-mails to the person who booked, in the language they chose (with an interpreter: the
language of the page they booked on). Queued as a task when the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from luotsi.officehours.models import Appointment

KINDS = ("confirmed", "cancelled")


def notify(appointment: Appointment, kind: str) -> None:
    from luotsi.officehours.tasks import send_appointment_email

    if kind not in KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    appointment_id = appointment.pk
    transaction.on_commit(lambda: send_appointment_email.enqueue(appointment_id, kind))


def appointment_link(appointment: Appointment) -> str:
    return settings.SITE_URL + reverse("officehours:appointment", args=[appointment.token])


def send_appointment_message(*, appointment_id: int, kind: str) -> bool:
    """Render and send one message; False when there is no one to send it to any more."""
    appointment = (
        Appointment.objects.select_related("officer", "venue")
        .filter(pk=appointment_id, anonymised_at__isnull=True)
        .first()
    )
    if appointment is None or not appointment.email:
        return False
    with translation.override(appointment.message_language):
        context = {"appointment": appointment, "link": appointment_link(appointment)}
        subject = render_to_string(f"officehours/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"officehours/email/{kind}_body.txt", context)
    send_mail(subject, body, None, [appointment.email])
    return True
