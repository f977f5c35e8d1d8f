"""Writes for subscribers: subscribe (double opt-in), confirm, change, unsubscribe.

Digests live in digests.py and announcements in announcements.py.
"""

import datetime
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.areas.models import District, MajorDistrict
from luotsi.network.models import Topic
from luotsi.subscriptions import notifications
from luotsi.subscriptions.models import Subscriber

CONFIRMATION_VALID = datetime.timedelta(days=3)


class AlreadySubscribed(ValidationError):
    """The address has an active subscription; its manage link has been sent again."""


def _normalise(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(
            {"email": _("Enter a valid e-mail address.")}, code="invalid"
        ) from exc
    return email


def _check_language(language: str) -> None:
    if language not in dict(settings.MESSAGE_LANGUAGES):
        raise ValidationError({"language": _("Choose Finnish, Swedish or English.")})


def _set_choices(
    subscriber: Subscriber,
    districts: Iterable[District],
    major_districts: Iterable[MajorDistrict],
    topics: Iterable[Topic],
) -> None:
    districts, major_districts = list(districts), list(major_districts)
    if not districts and not major_districts:
        raise ValidationError({"areas": _("Choose at least one area.")})
    subscriber.districts.set(districts)
    subscriber.major_districts.set(major_districts)
    subscriber.topics.set(list(topics))


def confirmation_expired(subscriber: Subscriber, now: datetime.datetime | None = None) -> bool:
    sent = subscriber.confirmation_sent_at or subscriber.created_at
    return subscriber.confirmed_at is None and (now or timezone.now()) > sent + CONFIRMATION_VALID


def subscribe(
    *,
    email: str,
    language: str,
    districts: Iterable[District],
    major_districts: Iterable[MajorDistrict] = (),
    topics: Iterable[Topic] = (),
) -> Subscriber:
    """A new unconfirmed subscriber and a confirmation e-mail (sent on commit).

    Raises `AlreadySubscribed` when the address already has an active subscription; its
    manage (or confirmation) link is then re-sent to that address and nothing else changes,
    so the form tells a stranger nothing they could not learn from the mailbox owner."""
    email = _normalise(email)
    _check_language(language)
    now = timezone.now()
    with transaction.atomic():
        existing = Subscriber.objects.active().filter(email__iexact=email).first()
        if existing is not None and confirmation_expired(existing, now):
            # Never confirmed and the link has expired: nobody agreed to anything, so the
            # row goes and the address may subscribe again.
            existing.delete()
            existing = None
        if existing is None:
            subscriber = Subscriber(
                email=email,
                language=language,
                token=secrets.token_urlsafe(32),
                confirmation_sent_at=now,
            )
            try:
                with transaction.atomic():
                    subscriber.save()
            except IntegrityError:  # a concurrent subscribe won the race
                existing = Subscriber.objects.active().get(email__iexact=email)
            else:
                _set_choices(subscriber, districts, major_districts, topics)
                notifications.notify(subscriber, "confirm")
                return subscriber
    # Outside the atomic block above, so that the re-sent link is not rolled back along
    # with the error.
    notifications.notify(existing, "manage")
    raise AlreadySubscribed(
        {
            "email": _(
                "This address is already subscribed — check your e-mail for the link to manage it."
            )
        },
        code="already_subscribed",
    )


@transaction.atomic
def confirm(*, token: str) -> Subscriber:
    """Double opt-in: the link in the confirmation e-mail. Confirming twice is harmless."""
    subscriber = Subscriber.objects.active().select_for_update().filter(token=token).first()
    if subscriber is None:
        raise Subscriber.DoesNotExist
    if subscriber.confirmed_at is None:
        if confirmation_expired(subscriber):
            raise ValidationError(
                _("The confirmation link has expired: subscribe again."), code="expired"
            )
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


@transaction.atomic
def subscriber_update(
    *,
    subscriber: Subscriber,
    language: str,
    districts: Iterable[District],
    major_districts: Iterable[MajorDistrict] = (),
    topics: Iterable[Topic] = (),
) -> Subscriber:
    _check_language(language)
    subscriber.language = language
    subscriber.save(update_fields=["language"])
    _set_choices(subscriber, districts, major_districts, topics)
    return subscriber


@transaction.atomic
def unsubscribe(*, token: str) -> Subscriber:
    """One click (the POST behind the e-mail's link). The address is erased at once; the row
    stays, without it, so that past deliveries still add up. Unsubscribing twice is fine."""
    subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
    if subscriber is None:
        raise Subscriber.DoesNotExist
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.email = ""
        subscriber.save(update_fields=["unsubscribed_at", "email"])
        subscriber.districts.clear()
        subscriber.major_districts.clear()
        subscriber.topics.clear()
    return subscriber
