"""Outreach campaigns over a street or an area: every matching organisation (every business on
a street under renovation, every housing company in a block) becomes a target, followed until
it has been reached, and answers a short feedback form through its own link.

Targets are organisations, not people: a target's answers are the organisation's. Contact
persons stay in the network, under its rules.
"""

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.network.models import Channel, Organisation


class AreaKind(models.TextChoices):
    STREET = "street", _("A street (optionally a range of house numbers)")
    BUFFER = "buffer", _("A distance along a street")
    POLYGON = "polygon", _("An area drawn on the map")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    ACTIVE = "active", _("Under way")
    CLOSED = "closed", _("Closed")


class Campaign(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="campaigns", verbose_name=_("responsible officers")
    )
    city_project = models.CharField(_("city project"), max_length=200, blank=True)
    department = models.CharField(_("responsible department"), max_length=200, blank=True)
    project_contact = models.CharField(
        _("project contact"),
        max_length=300,
        blank=True,
        help_text=_("Name, e-mail and phone of the contact at the department."),
    )
    information_starts_on = models.DateField(_("information phase starts"), null=True, blank=True)
    feedback_deadline = models.DateTimeField(_("feedback deadline"))
    works_start_on = models.DateField(_("works start"), null=True, blank=True)
    works_end_on = models.DateField(_("works end"), null=True, blank=True)
    # The area: a street (Finnish or Swedish name) with optional house numbers, a distance
    # along the street, or a GeoJSON polygon.
    area_kind = models.CharField(_("area"), max_length=10, choices=AreaKind)
    street = models.CharField(_("street"), max_length=120, blank=True)
    number_from = models.PositiveIntegerField(_("from house number"), null=True, blank=True)
    number_to = models.PositiveIntegerField(_("to house number"), null=True, blank=True)
    buffer_metres = models.PositiveIntegerField(
        _("distance from the street (m)"), null=True, blank=True
    )
    polygon = models.JSONField(_("area drawn on the map"), null=True, blank=True)
    target_kinds = models.CharField(
        _("organisation types"),
        max_length=200,
        help_text=_("Which kinds of organisations in the area become targets."),
    )
    districts: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "areas.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[models.Manager["Campaign"]] = models.Manager()

    if TYPE_CHECKING:
        title_fi: str | None
        title_sv: str | None
        title_en: str | None
        description_fi: str | None
        description_sv: str | None
        description_en: str | None

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-feedback_deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(area_kind__in=["street", "buffer"]) | ~Q(street=""),
                name="campaigns_street_area_has_street",
            ),
            models.CheckConstraint(
                condition=~Q(area_kind="buffer") | Q(buffer_metres__gt=0),
                name="campaigns_buffer_has_distance",
            ),
            models.CheckConstraint(
                condition=~Q(area_kind="polygon") | Q(polygon__isnull=False),
                name="campaigns_polygon_area_has_polygon",
            ),
            models.CheckConstraint(
                condition=Q(number_from__isnull=True)
                | Q(number_to__isnull=True)
                | Q(number_from__lte=models.F("number_to")),
                name="campaigns_house_numbers_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def feedback_open(self) -> bool:
        return self.status != CampaignStatus.CLOSED and timezone.now() < self.feedback_deadline


class TargetStatus(models.TextChoices):
    NOT_CONTACTED = "not_contacted", _("Not contacted")
    INFORMED = "informed", _("Informed")
    FEEDBACK = "feedback", _("Feedback received")
    DECLINED = "declined", _("Declined")
    UNREACHABLE = "unreachable", _("Unreachable")


REACHED = (TargetStatus.INFORMED, TargetStatus.FEEDBACK, TargetStatus.DECLINED)


class Target(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    status = models.CharField(
        _("status"), max_length=14, choices=TargetStatus, default=TargetStatus.NOT_CONTACTED
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel, blank=True)
    contacted_on = models.DateField(_("contacted on"), null=True, blank=True)
    contacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contacted by"),
    )
    # The walking list runs along the street: the house number as a sortable number.
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    language = models.CharField(
        _("language for the form"), max_length=5, choices=settings.MESSAGE_LANGUAGES, default="fi"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    added_by_hand = models.BooleanField(_("added by hand"), default=False)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["house_number", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="campaigns_target_once_per_campaign"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.organisation}"


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    CHOICE = "choice", _("One of a list")
    MULTI = "multi", _("Several of a list")
    YES_NO = "yes_no", _("Yes or no")


class Question(models.Model):
    """One question of a campaign's feedback form (e.g. delivery access times)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("answer type"), max_length=10, choices=QuestionKind)
    # [{"key": "...", "name": {"fi": "...", "sv": "...", "en": "..."}}] for list questions.
    choices = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    if TYPE_CHECKING:
        text_fi: str | None
        text_sv: str | None
        text_en: str | None

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["campaign", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """A target's answers: one per target (a database constraint), editable until the
    deadline, given through the target's personal link without signing in."""

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="response")
    answers: Any = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=5, choices=settings.MESSAGE_LANGUAGES)
    submitted_at = models.DateTimeField(_("first sent"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.target}"
