"""Information materials: one item ("How to take part in OmaStadi", an event invitation, a
street-works notice) and its variants, one per language and format.

A variant is declared with the status "needed" before anyone writes it, so the coverage
matrix is computed from declared needs: what is missing is what somebody said is needed and
is not ready yet. An item may belong to exactly one event, campaign or conflict case (or to
none), or to a participatory-budgeting plan in its co-production phase; it then lives in the
district of that object (a plan's items are city-wide: a plan serves a whole major district).
The links are listed in `LINKS`, each a nullable foreign key of the same name.
"""

import datetime
import re
import secrets
from itertools import combinations
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from luotsi.web.languages import PLAIN_FINNISH

# The objects an item may belong to, at most one at a time (see Item.Meta.constraints).
LINKS = ("event", "campaign", "conflict_case", "pb_plan")

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
# The first columns of every coverage matrix, in this order; other languages follow by code.
LEADING_LANGUAGES = ("fi", "sv", "en", PLAIN_FINNISH)


def validate_material_language(value: str) -> None:
    """A two- or three-letter ISO 639 code (so, ar, fse, …) or plain Finnish."""
    if value != PLAIN_FINNISH and not LANGUAGE_CODE.match(value):
        raise ValidationError(
            _("Give a language code of two or three letters, e.g. so, ar, fse."),
            code="language",
        )


class Format(models.TextChoices):
    WEB = "web", _("Web text")
    PDF = "pdf", _("PDF")
    PRINT = "print", _("Print")
    AUDIO = "audio", _("Audio")
    SIGN_VIDEO = "sign_video", _("Video with sign language")
    EASY_READ = "easy_read", _("Easy-read")


class VariantStatus(models.TextChoices):
    NEEDED = "needed", _("Needed")
    IN_TRANSLATION = "in_translation", _("In translation")
    READY = "ready", _("Ready")


# "The usual set" an officer declares with one click: Finnish, Swedish and English web text
# and a plain-Finnish one (the city's language policy and selkosuomi for those who need it).
USUAL_SET = (
    ("fi", Format.WEB),
    ("sv", Format.WEB),
    ("en", Format.WEB),
    (PLAIN_FINNISH, Format.WEB),
)


def _at_most_one_link() -> Q:
    rule = Q()
    for first, second in combinations(LINKS, 2):
        rule &= Q(**{f"{first}__isnull": True}) | Q(**{f"{second}__isnull": True})
    return rule


class ItemQuerySet(models.QuerySet["Item"]):
    def public(self) -> "ItemQuerySet":
        return self.filter(public=True)


class Item(models.Model):
    title = models.CharField(pgettext_lazy("material", "title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    district = models.ForeignKey(
        "areas.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        help_text=_("Empty: the material is for the whole city."),
    )
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Residents see the ready language versions on the item's public page."),
    )
    # SET_NULL: deleting a draft event keeps the translations somebody paid for.
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("event"),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("campaign"),
    )
    conflict_case = models.ForeignKey(
        "concerns.ConflictCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("conflict case"),
    )
    pb_plan = models.ForeignKey(
        "budgeting.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("participatory budgeting plan"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("officer responsible"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[ItemQuerySet] = ItemQuerySet.as_manager()  # type: ignore[assignment]

    if TYPE_CHECKING:
        title_fi: str | None
        title_sv: str | None
        title_en: str | None
        summary_fi: str | None
        summary_sv: str | None
        summary_en: str | None
        district_id: int | None
        event_id: int | None
        campaign_id: int | None
        conflict_case_id: int | None
        pb_plan_id: int | None

    class Meta:
        verbose_name = _("information item")
        verbose_name_plural = _("information items")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=_at_most_one_link(), name="materials_item_one_link"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def linked(self) -> models.Model | None:
        """The event, campaign, case or plan the item belongs to, if any."""
        for name in LINKS:
            if getattr(self, f"{name}_id") is not None:
                linked: models.Model = getattr(self, name)
                return linked
        return None


def variant_upload_to(variant: "Variant", filename: str) -> str:
    # An unguessable folder: even if the media folder were ever served directly, a private
    # item's file could not be found by trying names. Views check permissions first anyway.
    return f"materials/{secrets.token_hex(12)}/{get_valid_filename(filename)[-80:]}"


class Variant(models.Model):
    """One language and format of an item: declared (needed), being translated, or ready."""

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="variants", verbose_name=_("item")
    )
    language = models.CharField(
        _("language"), max_length=20, validators=[validate_material_language]
    )
    format = models.CharField(_("format"), max_length=12, choices=Format)
    status = models.CharField(
        _("status"), max_length=16, choices=VariantStatus, default=VariantStatus.NEEDED
    )
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to=variant_upload_to, blank=True, max_length=200)
    file_type = models.CharField(_("file type"), max_length=60, blank=True, editable=False)
    file_size = models.PositiveIntegerField(_("file size"), null=True, blank=True, editable=False)
    reviewed_on = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When somebody last checked the content is still right."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[models.Manager["Variant"]] = models.Manager()

    if TYPE_CHECKING:
        item_id: int

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["item", "language", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "language", "format"], name="materials_variant_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status=VariantStatus.READY) | ~Q(text="") | ~Q(file=""),
                name="materials_variant_ready_has_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} – {self.language} {self.get_format_display()}"

    @property
    def is_ready(self) -> bool:
        return self.status == VariantStatus.READY

    def last_review(self) -> datetime.date:
        """The review date, or the day it was last changed when nobody has reviewed it."""
        if self.reviewed_on is not None:
            return self.reviewed_on
        return self.updated_at.date()
