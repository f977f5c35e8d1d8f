"""Ways to take part: hearings, PB phases, surveys, initiatives, advisory-council seats,
volunteering and other chances to influence decisions, entered by officers or imported from
feeds (Kerrokantasi hearings, Linked Events events). Luotsi's own events and campaigns are
not copied here: the selectors merge them in when listing (see selectors.py)."""

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.validators import validate_language_codes


class OpportunityKind(models.TextChoices):
    HEARING = "hearing", _("Hearing or comment period")
    PB_PHASE = "pb_phase", _("Participatory budgeting")
    EVENT = "event", _("Event")
    SURVEY = "survey", _("Survey")
    INITIATIVE = "initiative", _("Resident initiative")
    COUNCIL = "council", _("Advisory council seat")
    VOLUNTEERING = "volunteering", _("Volunteering")
    OTHER = "other", _("Other")


class OpportunitySource(models.TextChoices):
    MANUAL = "manual", _("Entered by an officer")
    KERROKANTASI = "kerrokantasi", _("Kerrokantasi hearings feed")
    LINKED_EVENTS = "linkedevents", _("Linked Events feed")


class Opportunity(models.Model):
    kind = models.CharField(_("type"), max_length=14, choices=OpportunityKind)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    summary_plain_fi = models.TextField(_("summary in plain Finnish (selkokieli)"), blank=True)
    city_wide = models.BooleanField(_("the whole city"), default=False)
    major_districts: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "areas.MajorDistrict", blank=True, related_name="+", verbose_name=_("major districts")
    )
    districts: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "areas.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    topics: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "network.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    link = models.URLField(_("web address"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True)
    contact_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("officer to ask"),
    )
    material_languages = models.CharField(
        _("materials in languages"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes, e.g. fi, sv, en, so, ar."),
    )
    material_formats = models.CharField(
        _("materials in formats"),
        max_length=200,
        blank=True,
        help_text=_("For example: print, plain language, audio, sign language video."),
    )
    source = models.CharField(
        _("source"), max_length=14, choices=OpportunitySource, default=OpportunitySource.MANUAL
    )
    source_id = models.CharField(_("identifier in the source"), max_length=200, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[models.Manager["Opportunity"]] = models.Manager()

    if TYPE_CHECKING:
        title_fi: str | None
        title_sv: str | None
        title_en: str | None
        summary_fi: str | None
        summary_sv: str | None
        summary_en: str | None

    class Meta:
        verbose_name = _("way to take part")
        verbose_name_plural = _("ways to take part")
        ordering = [F("deadline").asc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source_id=""),
                name="opportunities_unique_source_id",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(deadline__isnull=True)
                | Q(deadline__gte=F("opens_at")),
                name="opportunities_deadline_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title
