"""Subscribers, opportunities and a flaky mail backend for subscription tests."""

import datetime
import secrets
import smtplib
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from luotsi.areas.models import District, MajorDistrict
from luotsi.opportunities.models import Opportunity
from luotsi.subscriptions.models import Subscriber


def subscriber(
    email: str = "resident@example.net",
    *,
    language: str = "fi",
    district_codes: Sequence[str] = ("101",),
    major_numbers: Sequence[int] = (),
    confirmed: bool = True,
) -> Subscriber:
    now = timezone.now()
    row = Subscriber.objects.create(
        email=email,
        language=language,
        token=secrets.token_urlsafe(32),
        confirmation_sent_at=now,
        confirmed_at=now if confirmed else None,
    )
    row.districts.set(District.objects.filter(code__in=district_codes))
    row.major_districts.set(MajorDistrict.objects.filter(number__in=major_numbers))
    return row


def opportunity(
    title: str = "Hearing about the Kruununhaka park",
    *,
    district_codes: Sequence[str] = ("101",),
    days_left: int = 20,
    **fields: Any,
) -> Opportunity:
    values: dict[str, Any] = {
        "kind": "hearing",
        "title": title,
        "deadline": timezone.now() + datetime.timedelta(days=days_left),
        "link": "https://kerrokantasi.example.org/hearing/1",
    }
    values.update(fields)
    row = Opportunity.objects.create(**values)
    row.districts.set(District.objects.filter(code__in=district_codes))
    return row


class FlakyEmailBackend(EmailBackend):
    """The locmem backend, except that the first message to `FAIL_ONCE_FOR` raises a real
    SMTP error (as an SMTP server refusing a recipient would) — once."""

    FAIL_ONCE_FOR: set[str] = set()

    def send_messages(self, email_messages: Any) -> int:
        for message in email_messages:
            for address in message.to:
                if address in FlakyEmailBackend.FAIL_ONCE_FOR:
                    FlakyEmailBackend.FAIL_ONCE_FOR.discard(address)
                    raise smtplib.SMTPRecipientsRefused({address: (450, b"try again later")})
        return super().send_messages(email_messages)
