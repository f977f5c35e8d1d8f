"""Participation figures: how many took part, where, when, through which channel and from
which (voluntary, aggregated) group. Rebuilt from the source apps by
`services.participation_refresh`; nothing here is entered by hand.

Privacy by construction: `ParticipationCount` holds counts per month × area × channel ×
group and has no foreign key to a person or to a person's record (registration, message,
response, contact, appointment), so no row can link anybody to a language or an age. Small
counts are kept exactly (sums must add up) and hidden only when shown: see suppression.py.

Each dimension is a partition of the same people: for a month, area and channel, the
language rows (including "unknown") add up to the participations, and so do the age rows.
We never guess a joint distribution (nobody is recorded with both a language and an age).
"""

import uuid
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luotsi.areas.models import District, SubDistrict


class ParticipationChannel(models.TextChoices):
    """Where a participation was seen. Participatory budgeting proposals and ballots (issue 8)
    will be two more channels with a source function each in sources.py; the pages say that
    they are not counted yet (PENDING_CHANNELS)."""

    EVENT = "event", _("Event attendance")
    CONCERN = "concern", _("Messages from residents")
    CAMPAIGN = "campaign", _("Campaign responses")
    INTERACTION = "interaction", _("Officer interactions")
    OFFICE_HOURS = "office_hours", _("Office hours appointments")


# Channels Luotsi will count once their apps exist (named on the pages, not in the table).
PENDING_CHANNELS = (
    _("participatory budgeting proposals"),
    _("participatory budgeting ballots"),
)


class Dimension(models.TextChoices):
    LANGUAGE = "language", _("Language group")
    AGE = "age", _("Age group")


UNKNOWN = "unknown"


class LanguageGroup(models.TextChoices):
    """The population statistics' three language groups. Participants' group is a proxy: the
    language they chose to be contacted in (fi → Finnish, sv → Swedish, any other language or
    a stated language need → foreign-language)."""

    FINNISH = "finnish", _("Finnish or Sami")
    SWEDISH = "swedish", _("Swedish")
    FOREIGN = "foreign", _("Other languages")
    UNKNOWN = UNKNOWN, _("Not known")


class AgeGroup(models.TextChoices):
    """The population statistics' age bands (events record estimated head counts per band)."""

    AGE_0_14 = "0_14", _("Aged 0–14")
    AGE_15_64 = "15_64", _("Aged 15–64")
    AGE_65_PLUS = "65_plus", _("Aged 65 or over")
    UNKNOWN = UNKNOWN, _("Not known")


GROUPS: dict[str, type[models.TextChoices]] = {
    Dimension.LANGUAGE: LanguageGroup,
    Dimension.AGE: AgeGroup,
}


class ParticipationCount(models.Model):
    """How many participations of one group in one area, month and channel (counts only)."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="+", verbose_name=_("district")
    )
    sub_district = models.ForeignKey(
        SubDistrict,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sub-district"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ParticipationChannel)
    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension)
    group = models.CharField(_("group"), max_length=10)
    count = models.PositiveIntegerField(_("count"))

    objects: ClassVar[models.Manager["ParticipationCount"]] = models.Manager()

    class Meta:
        verbose_name = _("participation count")
        verbose_name_plural = _("participation counts")
        ordering = ["month", "district", "sub_district", "channel", "dimension", "group"]
        indexes = [models.Index(fields=["month", "district"])]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "district", "sub_district", "channel", "dimension", "group"],
                name="insights_count_unique",
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="insights_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.district_id} {self.channel} {self.group}: {self.count}"


class ParticipationRefresh(models.Model):
    """When the figures were last rebuilt (one row, replaced by each refresh)."""

    refreshed_at = models.DateTimeField(_("refreshed at"))
    rows = models.PositiveIntegerField(_("rows"))
    # A new value on every refresh: the key under which the computed figures are cached
    # (figures.current), so a refresh is seen at once by every server sharing the cache.
    generation = models.UUIDField(default=uuid.uuid4, editable=False)

    objects: ClassVar[models.Manager["ParticipationRefresh"]] = models.Manager()

    class Meta:
        verbose_name = _("participation refresh")
        verbose_name_plural = _("participation refreshes")
        get_latest_by = "refreshed_at"

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
