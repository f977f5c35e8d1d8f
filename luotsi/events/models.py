"""Events: neighbourhood cafés, public meetings, school sessions and workshops, the people who
register for them, who came, and what they cost against the district's events budget.

Registrants' personal data (Registration) exists to run the event: organisers and the
coordinator see it, and it is anonymised EVENTS_ANONYMISE_AFTER_DAYS days after the event,
keeping the counts (registered, waitlisted, came).
"""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from luotsi.accounts.validators import validate_language_codes
from luotsi.areas.located import LocatedModel
from luotsi.network.models import Interaction, Organisation, Topic


class Venue(LocatedModel):
    """A place events happen: from the city's venue list (source + source_id) or added by an
    officer. Accessibility facts are yes / no / not known (None): a guess would mislead the
    residents who depend on them."""

    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    info_url = models.URLField(_("web page"), blank=True)
    step_free = models.BooleanField(_("step-free access"), null=True, blank=True)
    induction_loop = models.BooleanField(_("induction loop"), null=True, blank=True)
    accessible_toilet = models.BooleanField(_("accessible toilet"), null=True, blank=True)
    quiet_room = models.BooleanField(_("quiet room"), null=True, blank=True)
    accessibility_notes = models.TextField(_("other accessibility information"), blank=True)
    source = models.CharField(_("source"), max_length=40, blank=True, editable=False)
    source_id = models.CharField(_("identifier in the source"), max_length=40, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[models.Manager["Venue"]] = models.Manager()

    if TYPE_CHECKING:
        name_fi: str | None
        name_sv: str | None
        name_en: str | None
        accessibility_notes_fi: str | None
        accessibility_notes_sv: str | None
        accessibility_notes_en: str | None

    ACCESSIBILITY_FIELDS = ("step_free", "induction_loop", "accessible_toilet", "quiet_room")

    class Meta(LocatedModel.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [
            *LocatedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source_id=""),
                name="events_venue_unique_source_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.street_address}" if self.street_address else self.name

    def accessibility(self) -> list[tuple[str, bool | None]]:
        """(label, yes/no/unknown) for each accessibility fact, in display order."""
        return [
            (str(getattr(self._meta.get_field(name), "verbose_name", name)), getattr(self, name))
            for name in self.ACCESSIBILITY_FIELDS
        ]


class EventKind(models.TextChoices):
    CAFE = "cafe", _("Neighbourhood café")
    PUBLIC_MEETING = "public_meeting", _("Public meeting")
    SCHOOL_SESSION = "school_session", _("School session")
    WORKSHOP = "workshop", _("Workshop")
    INFO_STAND = "info_stand", _("Info stand")
    PB_WORKSHOP = "pb_workshop", _("Participatory budgeting workshop")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Young people")
    FAMILIES = "families", _("Families")
    SENIORS = "seniors", _("Seniors")
    IMMIGRANTS = "immigrants", _("Immigrants")
    DISABLED = "disabled", _("People with disabilities")
    BUSINESSES = "businesses", _("Businesses")
    ASSOCIATIONS = "associations", _("Associations")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")


PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.COMPLETED)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class EventSeries(models.Model):
    """Events repeating weekly or monthly; each occurrence is an Event of its own (its own
    registrations, attendance and costs)."""

    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} #{self.pk}"


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> "EventQuerySet":
        return self.filter(status__in=PUBLIC_STATUSES)

    def upcoming(self, now: datetime.datetime | None = None) -> "EventQuerySet":
        return self.filter(end__gte=now or timezone.now())

    def past(self, now: datetime.datetime | None = None) -> "EventQuerySet":
        return self.filter(end__lt=now or timezone.now())


class Event(LocatedModel):
    kind = models.CharField(_("type"), max_length=20, choices=EventKind)
    title = models.CharField(pgettext_lazy("event", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_events", verbose_name=_("organisers")
    )
    partners: "models.ManyToManyField[Organisation, Any]" = models.ManyToManyField(
        Organisation, blank=True, related_name="events", verbose_name=_("partner organisations")
    )
    topics: "models.ManyToManyField[Topic, Any]" = models.ManyToManyField(
        Topic, blank=True, related_name="+", verbose_name=_("topics")
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    location_details = models.CharField(_("room or directions"), max_length=200, blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=100,
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas, e.g. fi, sv, en, so."),
    )
    interpretation = models.CharField(
        _("interpretation offered"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes, e.g. ar, ru; fse for Finnish Sign Language."),
    )
    audiences = models.CharField(_("for whom"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    registration_enabled = models.BooleanField(_("registration"), default=False)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration is open until the event starts."),
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.CharField(_("price"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus, default=EventStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    walk_ins = models.PositiveIntegerField(_("walk-ins"), default=0)
    outcome_notes = models.TextField(_("what was learnt"), blank=True)
    interaction = models.ForeignKey(
        Interaction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interaction log entry"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[EventQuerySet] = EventQuerySet.as_manager()  # type: ignore[assignment]

    if TYPE_CHECKING:
        title_fi: str | None
        title_sv: str | None
        title_en: str | None
        description_fi: str | None
        description_sv: str | None
        description_en: str | None

    class Meta(LocatedModel.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["status", "start"]),
            models.Index(fields=["district", "start"]),
        ]
        constraints = [
            *LocatedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="events_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__lte=F("end")),
                name="events_event_registration_closes_before_end",
            ),
            # A published event must say where it happens, so residents can find it by district.
            models.CheckConstraint(
                condition=Q(status=EventStatus.DRAFT) | Q(district__isnull=False),
                name="events_event_public_has_district",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.start):%Y-%m-%d %H:%M})"

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def registration_deadline(self) -> datetime.datetime:
        return self.registration_closes_at or self.start

    def registration_open(self, now: datetime.datetime | None = None) -> bool:
        return (
            self.registration_enabled
            and self.status == EventStatus.PUBLISHED
            and (now or timezone.now()) < self.registration_deadline()
        )


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_REGISTRATION = Q(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])


class Registration(models.Model):
    """One person's place (or place in the queue) at an event. Purpose: running the event and
    telling the person about changes. Retention: anonymised after the event (settings)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    language_needs = models.CharField(_("language needs"), max_length=300, blank=True)
    language = models.CharField(
        _("language for messages"), max_length=5, choices=settings.MESSAGE_LANGUAGES
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus)
    attended = models.BooleanField(_("came"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved off the waiting list"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            # One active place per e-mail address and event, whatever the code path.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"]) & ~Q(email=""),
                name="events_registration_one_per_email",
            ),
            models.CheckConstraint(
                condition=Q(consented_at__isnull=False) | Q(anonymised_at__isnull=False),
                name="events_registration_consented",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class CountDimension(models.TextChoices):
    AUDIENCE = "audience", _("Audience group")
    LANGUAGE = "language", _("Language need")
    # Estimated head counts per age band; the codes are those of the population statistics
    # (AGE_BANDS), so the inclusion figures can compare attendance with the residents.
    AGE = "age", _("Age group")


AGE_BANDS = ("0_14", "15_64", "65_plus")


class AttendanceCount(models.Model):
    """How many came from a group (counts only: nobody is identified)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance_counts")
    dimension = models.CharField(max_length=10, choices=CountDimension)
    code = models.CharField(max_length=20)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("attendance count")
        verbose_name_plural = _("attendance counts")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "dimension", "code"], name="events_attendance_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.code} {self.count}"


class CostCategory(models.TextChoices):
    VENUE = "venue", _("Venue")
    CATERING = "catering", _("Catering")
    INTERPRETATION = "interpretation", _("Interpretation")
    MATERIALS = "materials", _("Materials")
    OTHER = "other", _("Other")


class CostStatus(models.TextChoices):
    COMMITTED = "committed", _("Committed (ordered, not yet paid)")
    SPENT = "spent", _("Spent (paid)")


class EventCost(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="costs", verbose_name=_("event")
    )
    category = models.CharField(
        pgettext_lazy("cost", "category"), max_length=20, choices=CostCategory
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (€)"), max_digits=10, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=CostStatus)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event cost")
        verbose_name_plural = _("event costs")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal("0")), name="events_cost_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount} €"


class EventsBudget(models.Model):
    """The money a major district's officer has for events in a year, on top of the
    programme's own budget. Costs count against the budget of the event's major district and
    the year the event starts."""

    major_district = models.ForeignKey(
        "areas.MajorDistrict",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("major district"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    allocated = models.DecimalField(_("allocated (€)"), max_digits=10, decimal_places=2)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("events budget")
        verbose_name_plural = _("events budgets")
        ordering = ["year", "major_district__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["major_district", "year"], name="events_budget_one_per_district_year"
            ),
            models.CheckConstraint(
                condition=Q(allocated__gte=Decimal("0")), name="events_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.major_district} {self.year}: {self.allocated} €"
