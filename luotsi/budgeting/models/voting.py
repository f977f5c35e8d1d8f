"""Ballots: one per person per cycle, enforced by the database.

`Ballot.voter_key` is a keyed hash (HMAC-SHA-256 with the `PB_VOTER_KEY_SECRET` setting) of the
cycle and the person's identifier from strong identification or from the ID shown at a polling
point; the raw identifier is never stored, and the key differs between cycles so that ballots
of different cycles cannot be linked. The unique constraint makes a second ballot impossible
whatever the code does; changing one's vote updates the same row. After
RETENTION_PB_VOTER_KEYS_DAYS from the close of voting the key is replaced by a random one
(`luotsi/budgeting/retention.py`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from luotsi.budgeting.models.cycles import Cycle
from luotsi.budgeting.models.proposals import Plan


class BallotChannel(models.TextChoices):
    ONLINE = "online", _("Online, with strong identification")
    PAPER = "paper", _("On paper or in person at a polling point")


class Ballot(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("cycle")
    )
    voter_key = models.CharField(max_length=64, editable=False)
    major_district = models.ForeignKey(
        "areas.MajorDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("major district voted in"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=BallotChannel)
    # Paper ballots: who entered it and where (the audit log has the rest).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    polling_place = models.CharField(_("polling point"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    revision = models.PositiveIntegerField(_("times changed"), default=0)
    # Set when retention replaced voter_key by a random value: the ballot still counts, but
    # nobody, not even with the secret and the identity code, can find it any more.
    unlinked_at = models.DateTimeField(_("unlinked from the voter"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["cycle", "submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "voter_key"], name="budgeting_ballot_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=BallotChannel.values), name="budgeting_ballot_channel"
            ),
            models.CheckConstraint(
                condition=~Q(channel=BallotChannel.PAPER) | Q(entered_by__isnull=False),
                name="budgeting_ballot_paper_has_officer",
            ),
            models.CheckConstraint(
                condition=Exact(Length("voter_key"), 64),
                name="budgeting_ballot_voter_key_is_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} #{self.pk}"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="ballot_choices")

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "plan"], name="budgeting_choice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id} → {self.plan_id}"
