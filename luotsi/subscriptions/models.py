"""E-mail subscriptions, no account needed: a weekly digest of ways to take part in the
areas and topics a resident chose, and officers' announcements to a district's subscribers.

Personal data: the e-mail address and choices, kept while the subscription is active; an
unsubscribed row keeps no address (services blank it) and is kept only so that the
delivery rows that prove "nobody got two" stay whole.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from luotsi.areas.models import District


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def active(self) -> "SubscriberQuerySet":
        return self.filter(unsubscribed_at__isnull=True)

    def confirmed(self) -> "SubscriberQuerySet":
        return self.active().filter(confirmed_at__isnull=False)

    def in_districts(self, districts: models.QuerySet[District]) -> "SubscriberQuerySet":
        """Subscribers who chose any of `districts`, directly or through its major district."""
        return self.filter(
            Q(districts__in=districts) | Q(major_districts__in=districts.values("major_district"))
        ).distinct()


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=2, choices=settings.MESSAGE_LANGUAGES)
    token = models.CharField(max_length=64, unique=True, editable=False)
    districts: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "areas.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    major_districts: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "areas.MajorDistrict", blank=True, related_name="+", verbose_name=_("major districts")
    )
    topics: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "network.Topic",
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("None chosen: all topics."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    objects: ClassVar[SubscriberQuerySet] = SubscriberQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(unsubscribed_at__isnull=True),
                name="subscriptions_one_active_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.email or f"#{self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class DigestStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    EMPTY = "empty", _("nothing new")


class DigestDelivery(models.Model):
    """One subscriber's digest of one ISO week. The unique pair is the guarantee that nobody
    gets two digests in a week, however often or concurrently the run is started."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="digests", verbose_name=_("subscriber")
    )
    week = models.CharField(_("week"), max_length=8, help_text=_("ISO year and week: 2026-W48"))
    status = models.CharField(
        _("status"), max_length=8, choices=DigestStatus, default=DigestStatus.QUEUED
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    item_keys = models.JSONField(_("items"), default=list, blank=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-week", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "week"], name="subscriptions_one_digest_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.week} #{self.subscriber_id}"


class Announcement(models.Model):
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("officer"),
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    districts: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "areas.District", related_name="+", verbose_name=_("districts")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class AnnouncementDelivery(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("announcement delivery")
        verbose_name_plural = _("announcement deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "subscriber"], name="subscriptions_announcement_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} → #{self.subscriber_id}"
