"""A participatory-budgeting cycle (OmaStadi round): its dated phases, its money and its rules.

The rules a voter relies on (eligibility, ballot format, counting rule, budgets) are frozen once
voting opens: `luotsi.budgeting.services.cycles` refuses to change them after
`Cycle.voting_starts_at`, and sets `rules_frozen_at` when it first sees voting open.
"""

import datetime
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.budgeting.counting import RULES, TIE_BREAKS

COUNTING_RULE_CHOICES = [
    ("greedy", _("By votes, most votes first (OmaStadi)")),
    ("greedy-cost", _("By votes per euro")),
    ("mes", _("Method of Equal Shares")),
    ("mes-approval", _("Method of Equal Shares (approval utilities)")),
    ("phragmen", _("Sequential Phragmén")),
]
assert [code for code, _label in COUNTING_RULE_CHOICES] == list(RULES)  # noqa: S101

TIE_BREAK_CHOICES = [
    ("lexico", _("By project code")),
    ("min-cost", _("Cheaper project first")),
    ("max-cost", _("Costlier project first")),
    ("max-votes", _("More votes first")),
]
assert [code for code, _label in TIE_BREAK_CHOICES] == list(TIE_BREAKS)  # noqa: S101


class BallotFormat(models.TextChoices):
    # OmaStadi round 3 (2022–24): choose one major district, approve up to k of its plans.
    DISTRICT_PICK = "district_pick", _("One major district, up to a number of plans")
    # OmaStadi rounds 1–2: the chosen district's plans within its budget, plus city-wide plans
    # within the city-wide pot.
    DISTRICT_BUDGET = (
        "district_budget",
        _("One major district's plans within its budget, plus city-wide plans within the pot"),
    )


class SplitFormula(models.TextChoices):
    POPULATION = "population", _("In proportion to population")
    EQUAL = "equal", _("Equal shares")
    MANUAL = "manual", _("Set by hand")


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Starting soon")
    PROPOSALS = "proposals", _("Proposals")
    COCREATION = "cocreation", _("Co-creation of plans")
    COSTING = "costing", _("Cost estimation")
    VOTING = "voting", _("Voting")
    COUNTING = "counting", _("Counting the votes")
    RESULTS = "results", _("Results")
    IMPLEMENTATION = "implementation", _("Implementation")


class CycleQuerySet(models.QuerySet["Cycle"]):
    def public(self) -> "CycleQuerySet":
        return self.filter(published=True)


class Cycle(models.Model):
    city = models.ForeignKey(
        "areas.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city")
    )
    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Residents see published cycles.")
    )
    # Money is whole euros: OmaStadi's budgets and cost categories are round sums.
    total_budget = models.PositiveBigIntegerField(_("total budget (€)"))
    citywide_percent = models.PositiveSmallIntegerField(
        _("city-wide share (%)"),
        default=0,
        help_text=_("Share of the total kept for city-wide plans; the rest goes to districts."),
    )
    split_formula = models.CharField(
        _("split between major districts"),
        max_length=12,
        choices=SplitFormula,
        default=SplitFormula.POPULATION,
    )
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        null=True,
        blank=True,
        help_text=_("Statistics year used for the split; empty = the latest available."),
    )
    proposals_start = models.DateField(_("proposals open"))
    proposals_end = models.DateField(_("proposals close"))
    cocreation_start = models.DateField(_("co-creation starts"))
    cocreation_end = models.DateField(_("co-creation ends"))
    costing_start = models.DateField(_("cost estimation starts"))
    costing_end = models.DateField(_("cost estimation ends"))
    voting_starts_at = models.DateTimeField(_("voting opens"))
    voting_ends_at = models.DateTimeField(_("voting closes"))
    implementation_start = models.DateField(_("implementation starts"), null=True, blank=True)
    # Eligibility (OmaStadi: residents aged 12 or 13 and over).
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=12)
    residency_required = models.BooleanField(_("only residents of the city may vote"), default=True)
    ballot_format = models.CharField(
        _("ballot"), max_length=20, choices=BallotFormat, default=BallotFormat.DISTRICT_PICK
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most plans a voter may choose"),
        default=5,
        help_text=_("Used by the “one major district, up to a number of plans” ballot."),
    )
    max_project_share_percent = models.PositiveSmallIntegerField(
        _("largest plan as a share of its budget (%)"),
        default=50,
        help_text=_("No plan may cost more than this share of its district's budget."),
    )
    counting_rule = models.CharField(
        _("counting rule"), max_length=20, choices=COUNTING_RULE_CHOICES, default="greedy"
    )
    tie_break = models.CharField(
        _("ties broken"), max_length=12, choices=TIE_BREAK_CHOICES, default="max-votes"
    )
    rules_frozen_at = models.DateTimeField(_("rules frozen"), null=True, blank=True, editable=False)
    counted_at = models.DateTimeField(_("counted"), null=True, blank=True, editable=False)
    results_published_at = models.DateTimeField(
        _("results published"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[CycleQuerySet] = CycleQuerySet.as_manager()  # type: ignore[assignment]

    # Fields a voter relies on: unchangeable once voting has opened.
    RULE_FIELDS: ClassVar[tuple[str, ...]] = (
        "total_budget",
        "citywide_percent",
        "split_formula",
        "population_year",
        "voting_starts_at",
        "min_age",
        "residency_required",
        "ballot_format",
        "max_choices",
        "max_project_share_percent",
        "counting_rule",
        "tie_break",
    )

    if TYPE_CHECKING:
        title_fi: str | None
        title_sv: str | None
        title_en: str | None

    class Meta:
        verbose_name = _("participatory budgeting cycle")
        verbose_name_plural = _("participatory budgeting cycles")
        ordering = ["-voting_starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposals_end__gte=F("proposals_start"))
                & Q(cocreation_end__gte=F("cocreation_start"))
                & Q(costing_end__gte=F("costing_start"))
                & Q(cocreation_start__gte=F("proposals_start"))
                & Q(costing_start__gte=F("cocreation_start")),
                name="budgeting_cycle_phases_in_order",
            ),
            models.CheckConstraint(
                condition=Q(voting_ends_at__gt=F("voting_starts_at")),
                name="budgeting_cycle_voting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(citywide_percent__lte=100), name="budgeting_cycle_citywide_percent"
            ),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1), name="budgeting_cycle_max_choices_positive"
            ),
            models.CheckConstraint(
                condition=Q(max_project_share_percent__gte=1, max_project_share_percent__lte=100),
                name="budgeting_cycle_project_share_percent",
            ),
            models.CheckConstraint(
                condition=Q(ballot_format__in=BallotFormat.values),
                name="budgeting_cycle_ballot_format_valid",
            ),
            models.CheckConstraint(
                condition=Q(counting_rule__in=list(RULES)),
                name="budgeting_cycle_counting_rule_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase_at(self, moment: datetime.datetime | None = None) -> Phase:
        """The phase that most recently started at `moment` (phases may leave gaps: the last
        one started stays the current one until the next starts)."""
        moment = moment or timezone.now()
        today = timezone.localdate(moment)
        if self.results_published_at and moment >= self.results_published_at:
            if self.implementation_start and today >= self.implementation_start:
                return Phase.IMPLEMENTATION
            return Phase.RESULTS
        if moment >= self.voting_ends_at:
            return Phase.COUNTING
        if moment >= self.voting_starts_at:
            return Phase.VOTING
        for phase, start in (
            (Phase.COSTING, self.costing_start),
            (Phase.COCREATION, self.cocreation_start),
            (Phase.PROPOSALS, self.proposals_start),
        ):
            if today >= start:
                return phase
        return Phase.UPCOMING

    @property
    def phase(self) -> Phase:
        return self.phase_at()

    def proposals_open_at(self, moment: datetime.datetime | None = None) -> bool:
        today = timezone.localdate(moment or timezone.now())
        return self.proposals_start <= today <= self.proposals_end

    def voting_open_at(self, moment: datetime.datetime | None = None) -> bool:
        moment = moment or timezone.now()
        return self.voting_starts_at <= moment < self.voting_ends_at

    def rules_frozen_at_moment(self, moment: datetime.datetime | None = None) -> bool:
        return (
            self.rules_frozen_at is not None or (moment or timezone.now()) >= self.voting_starts_at
        )


class CycleBudget(models.Model):
    """One budget area of a cycle: a major district, or the city-wide pot (no district)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="budgets")
    major_district = models.ForeignKey(
        "areas.MajorDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("major district"),
        help_text=_("Empty for the city-wide pot."),
    )
    amount = models.PositiveBigIntegerField(_("budget (€)"))
    population = models.PositiveIntegerField(
        _("population used for the split"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("budget area")
        verbose_name_plural = _("budget areas")
        ordering = ["cycle", "major_district__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "major_district"], name="budgeting_budget_one_per_district"
            ),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(major_district__isnull=True),
                name="budgeting_budget_one_citywide_pot",
            ),
        ]

    def __str__(self) -> str:
        return str(self.major_district or _("City-wide"))

    @property
    def is_citywide(self) -> bool:
        return self.major_district_id is None
