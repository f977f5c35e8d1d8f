"""Officers' public profiles, their office hours and the appointments residents book.

Appointment holds a resident's personal data (name, e-mail, topic). Purpose: to run the
meeting and to tell the person about it. Retention: the meeting is recorded as an interaction
(without the person's details); RETENTION_APPOINTMENTS_DAYS after it the details are removed and
`anonymised_at` is set (luotsi/officehours/retention.py), so the network keeps only the
anonymous fact that the meeting happened.
"""

import datetime
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from luotsi.events.models import Venue
from luotsi.network.models import Interaction
from luotsi.web.languages import language_name

MIN_SLOT_MINUTES = 15
MAX_SLOT_MINUTES = 120
PROFILE_LANGUAGES = ("fi", "sv", "en")


class OfficerProfile(models.Model):
    """What an officer tells residents about themself: in Finnish, Swedish and English."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="officer_profile",
        verbose_name=_("officer"),
    )
    introduction_fi = models.TextField(_("introduction in Finnish"), blank=True)
    introduction_sv = models.TextField(_("introduction in Swedish"), blank=True)
    introduction_en = models.TextField(_("introduction in English"), blank=True)
    working_on_fi = models.TextField(_("what I am working on, in Finnish"), blank=True)
    working_on_sv = models.TextField(_("what I am working on, in Swedish"), blank=True)
    working_on_en = models.TextField(_("what I am working on, in English"), blank=True)
    how_to_reach = models.TextField(
        _("how to reach me"),
        blank=True,
        help_text=_("For example: the best times to call, or where you can be found."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[models.Manager["OfficerProfile"]] = models.Manager()

    class Meta:
        verbose_name = _("officer profile")
        verbose_name_plural = _("officer profiles")

    def __str__(self) -> str:
        return str(self.user)

    def _localised(self, field: str) -> str:
        """The text in the page's language, falling back fi → sv → en like content fields."""
        active = (translation.get_language() or "fi")[:2]
        order = [active, *[code for code in PROFILE_LANGUAGES if code != active]]
        for code in order:
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return str(value)
        return ""

    @property
    def introduction(self) -> str:
        return self._localised("introduction")

    @property
    def working_on(self) -> str:
        return self._localised("working_on")


class OfficeHoursQuerySet(models.QuerySet["OfficeHours"]):
    def valid_on(self, day: datetime.date) -> "OfficeHoursQuerySet":
        return self.filter(valid_from__lte=day).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )

    def current_or_future(self, day: datetime.date) -> "OfficeHoursQuerySet":
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


class OfficeHours(models.Model):
    """A weekly rule: on `weekday`, between `start` and `end`, at `venue`, the officer meets
    residents in slots of `slot_minutes`, from `valid_from` to `valid_until` (inclusive)."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_hours",
        verbose_name=_("officer"),
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="+", verbose_name=_("venue")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=list(WEEKDAYS.items()))
    start = models.TimeField(_("starts at"))
    end = models.TimeField(_("ends at"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("appointment length (minutes)"),
        default=30,
        validators=[MinValueValidator(MIN_SLOT_MINUTES), MaxValueValidator(MAX_SLOT_MINUTES)],
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Last day; empty while ongoing.")
    )

    objects = OfficeHoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["weekday", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="officehours_hours_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="officehours_hours_weekday"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=MIN_SLOT_MINUTES, slot_minutes__lte=MAX_SLOT_MINUTES),
                name="officehours_hours_slot_length",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="officehours_hours_valid_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}, {self.venue}"


class AppointmentLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")
    INTERPRETER = "interpreter", _("Another language, with an interpreter")


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def booked(self) -> "AppointmentQuerySet":
        return self.filter(status=AppointmentStatus.BOOKED)


class Appointment(models.Model):
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("officer"),
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="+", verbose_name=_("venue")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=16, choices=AppointmentLanguage)
    interpreter_language = models.CharField(
        _("interpretation into"), max_length=8, blank=True, help_text=_("A language code.")
    )
    # The language of the e-mails: the chosen one, or the page's language when the person
    # asked for an interpreter.
    message_language = models.CharField(
        _("language for messages"), max_length=8, choices=settings.MESSAGE_LANGUAGES, default="fi"
    )
    topic = models.TextField(_("topic"), blank=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=AppointmentStatus, default=AppointmentStatus.BOOKED
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    interaction = models.ForeignKey(
        Interaction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded as interaction"),
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        constraints = [
            # The database's guarantee against double booking.
            models.UniqueConstraint(
                fields=["officer", "starts_at"],
                condition=Q(status="booked"),
                name="officehours_one_booking_per_officer_slot",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="officehours_appointment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["booked", "cancelled"]),
                name="officehours_appointment_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(language="interpreter") | ~Q(interpreter_language=""),
                name="officehours_appointment_interpreter_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_booked(self) -> bool:
        return self.status == AppointmentStatus.BOOKED

    @property
    def interpreter_language_name(self) -> str:
        return language_name(self.interpreter_language) if self.interpreter_language else ""
