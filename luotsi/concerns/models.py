"""Residents' messages (questions, concerns, ideas, feedback), their handling by the officers,
and urban-development conflict cases.

A message's personal data (contact e-mail and name, photos) serves answering it: staff of its
district (or the business officers, or the coordinator) see it; the public sees only what an
officer has moderated into `public_text`. Retention: RETENTION_MESSAGES_DAYS after the message
was handled (luotsi/concerns/retention.py).
"""

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.areas.located import LocatedModel
from luotsi.network.models import Contact, Organisation


class Service(models.Model):
    """A category residents choose (Open311's "service"); loaded per city from
    data/<city>/services.json. Business categories go to the business officers."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    group = models.CharField(_("group"), max_length=120, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    is_business = models.BooleanField(_("for business officers"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects: ClassVar[models.Manager["Service"]] = models.Manager()

    if TYPE_CHECKING:
        name_fi: str | None
        name_sv: str | None
        name_en: str | None
        description_fi: str | None
        description_sv: str | None
        description_en: str | None
        group_fi: str | None
        group_sv: str | None
        group_en: str | None

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class AttributeType(models.TextChoices):
    """Open311 attribute datatypes."""

    STRING = "string", _("Short text")
    NUMBER = "number", _("Number")
    DATETIME = "datetime", _("Date and time")
    TEXT = "text", _("Long text")
    SINGLE = "singlevaluelist", _("One of a list")
    MULTI = "multivaluelist", _("Several of a list")


class ServiceAttribute(models.Model):
    """An extra question a category asks (Open311 service definition attribute)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    code = models.SlugField(_("code"), max_length=60)
    datatype = models.CharField(_("type"), max_length=20, choices=AttributeType)
    required = models.BooleanField(_("required"), default=False)
    description = models.CharField(_("question"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # [{"key": "...", "name": {"fi": "...", "sv": "...", "en": "..."}}] for list types.
    values = models.JSONField(_("choices"), default=list, blank=True)

    if TYPE_CHECKING:
        description_fi: str | None
        description_sv: str | None
        description_en: str | None

    class Meta:
        verbose_name = _("category question")
        verbose_name_plural = _("category questions")
        ordering = ["service", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "code"], name="concerns_attribute_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service.code}/{self.code}"


class MessageKind(models.TextChoices):
    QUESTION = "question", _("Question")
    CONCERN = "concern", _("Concern")
    IDEA = "idea", _("Idea")
    FEEDBACK = "feedback", _("Feedback")


class MessageStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    FORWARDED = "forwarded", _("Forwarded to a city department")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (MessageStatus.NEW, MessageStatus.ACKNOWLEDGED, MessageStatus.IN_PROGRESS)
# Statuses after which the resident has had their answer (no longer overdue).
DONE_STATUSES = (MessageStatus.ANSWERED, MessageStatus.FORWARDED, MessageStatus.CLOSED)


class Queue(models.TextChoices):
    DISTRICT = "district", _("District officer")
    BUSINESS = "business", _("Business officers")
    COORDINATOR = "coordinator", _("Coordinator")


class Source(models.TextChoices):
    WEB = "web", _("Luotsi's form")
    OPEN311 = "open311", _("Open311 client")


class MessageQuerySet(models.QuerySet["Message"]):
    def open(self) -> "MessageQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, day: datetime.date | None = None) -> "MessageQuerySet":
        return self.open().filter(due_on__lt=day or timezone.localdate())

    def public(self) -> "MessageQuerySet":
        return self.filter(is_public=True, duplicate_of__isnull=True)


class Message(LocatedModel):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    token = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField(_("type"), max_length=10, choices=MessageKind)
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="messages", verbose_name=_("category")
    )
    description = models.TextField(_("description"))
    address_string = models.CharField(_("address"), max_length=250, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.MESSAGE_LANGUAGES)
    # Personal data: optional, kept only with consent.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    attributes = models.JSONField(
        _("answers to the category's questions"), default=dict, blank=True
    )
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.WEB)
    api_key = models.ForeignKey(
        "concerns.ApiKey", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Handling.
    status = models.CharField(
        _("status"), max_length=14, choices=MessageStatus, default=MessageStatus.NEW
    )
    queue = models.CharField(_("queue"), max_length=12, choices=Queue)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_messages",
        verbose_name=_("handled by"),
    )
    due_on = models.DateField(_("answer due"))
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    # Moderated for the public: no personal data.
    is_public = models.BooleanField(_("shown to the public"), default=False)
    public_text = models.TextField(_("public summary"), blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects: ClassVar[MessageQuerySet] = MessageQuerySet.as_manager()  # type: ignore[assignment]

    class Meta(LocatedModel.Meta):
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["district", "-created_at"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["is_public", "-created_at"]),
        ]
        constraints = [
            *LocatedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(contact_email="", contact_name="") | Q(consented_at__isnull=False),
                name="concerns_message_contact_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(is_public=False) | ~Q(public_text=""),
                name="concerns_message_public_has_moderated_text",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("id")), name="concerns_message_not_own_duplicate"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_STATUSES and self.due_on < timezone.localdate()


class Photo(models.Model):
    """A photo attached to a message, re-encoded on upload (metadata such as GPS position and
    camera serial stripped). Seen by staff only."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="concerns/%Y/%m/")
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.message.reference} photo {self.pk}"


class StepKind(models.TextChoices):
    STATUS = "status", _("Status changed")
    REPLY = "reply", _("Reply to the resident")
    NOTE = "note", _("Internal note")
    ASSIGNED = "assigned", _("Reassigned")
    MERGED = "merged", _("Merged")
    PUBLISHED = "published", _("Shown to the public")


class MessageStep(models.Model):
    """The message's history. Replies are shown to the resident; everything else is internal."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("type"), max_length=10, choices=StepKind)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=14, choices=MessageStatus, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("message step")
        verbose_name_plural = _("message steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.message.reference} {self.kind}"

    @property
    def is_public(self) -> bool:
        return self.kind == StepKind.REPLY


class ApiKey(models.Model):
    """A key an Open311 client sends as `api_key` to post requests. Only a hash is stored;
    the key is shown once, when the coordinator issues it in the admin."""

    name = models.CharField(_("client"), max_length=100)
    prefix = models.CharField(_("key begins"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


# --- conflict cases ------------------------------------------------------------------------


class CaseStatus(models.TextChoices):
    EMERGING = "emerging", _("Emerging")
    ACTIVE = "active", _("Active")
    MEDIATION = "mediation", _("In mediation")
    SETTLED = "settled", _("Settled")
    DORMANT = "dormant", _("Dormant")


class ConflictCase(LocatedModel):
    """An urban-development conflict (a planned building, a park, a street) the officers
    follow: where, who stands where, what has happened."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    sub_districts = models.ManyToManyField(
        "areas.SubDistrict", blank=True, related_name="+", verbose_name=_("area")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus, default=CaseStatus.EMERGING
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="conflict_cases",
        verbose_name=_("officer responsible"),
    )
    messages: "models.ManyToManyField[Message, Any]" = models.ManyToManyField(
        Message, blank=True, related_name="conflict_cases", verbose_name=_("messages")
    )
    meetings: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "events.Event", blank=True, related_name="conflict_cases", verbose_name=_("meetings")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta(LocatedModel.Meta):
        verbose_name = _("conflict case")
        verbose_name_plural = _("conflict cases")
        ordering = ["-updated_at"]
        constraints = [
            *LocatedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(district__isnull=False), name="concerns_case_has_district"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Position(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    OPPOSES = "opposes", _("Opposes")
    NEUTRAL = "neutral", _("Neutral")
    UNKNOWN = "unknown", _("Not known")


LEVEL = [MinValueValidator(1), MaxValueValidator(5)]


class Stakeholder(models.Model):
    case = models.ForeignKey(ConflictCase, on_delete=models.CASCADE, related_name="stakeholders")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    position = models.CharField(
        _("position"), max_length=10, choices=Position, default=Position.UNKNOWN
    )
    interest = models.PositiveSmallIntegerField(_("interest (1–5)"), validators=LEVEL)
    influence = models.PositiveSmallIntegerField(_("influence (1–5)"), validators=LEVEL)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["-influence", "-interest", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, contact__isnull=True)
                | Q(organisation__isnull=True, contact__isnull=False),
                name="concerns_stakeholder_one_party",
            ),
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5, influence__gte=1, influence__lte=5),
                name="concerns_stakeholder_levels",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.contact)

    @property
    def party(self) -> Any:
        return self.organisation or self.contact


class CaseStep(models.Model):
    """One dated step on the case's timeline, with an optional document."""

    case = models.ForeignKey(ConflictCase, on_delete=models.CASCADE, related_name="steps")
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("what happened"))
    document_title = models.CharField(_("document"), max_length=200, blank=True)
    document_url = models.URLField(_("document link"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.text[:40]}"
