"""Residents' proposals and the plans officers merge them into in co-creation workshops.

A proposal is the resident's own text in any language; a plan is what goes on the ballot once a
city official has costed it and it has been approved. Plans are the "projects" of the counting
engine and of Pabulib files.
"""

import re
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from luotsi.areas.located import LocatedModel
from luotsi.budgeting.models.cycles import Cycle

# One ISO 639 code (two letters, or three for languages without one), e.g. "fi", "so", "smn".
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def validate_proposal_language(value: str) -> None:
    """The proposal's language as one code: the form and the service clean it to one, and the
    admin's corrections are held to the same rule."""
    if not LANGUAGE_CODE.fullmatch(value):
        raise ValidationError(
            _("Give the language as a code, e.g. fi, sv, en, so or ar."), code="language"
        )


def proposal_image_path(instance: "Proposal", filename: str) -> str:
    # The resident's file name is not kept: it may carry their name.
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "img"
    return (
        f"budgeting/proposals/{instance.cycle_id}/{instance.pk or 'new'}-{instance.token}.{suffix}"
    )


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")
    MERGED = "merged", _("Merged into a plan")


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def public(self) -> "ProposalQuerySet":
        return self.filter(
            status__in=[ProposalStatus.PUBLISHED, ProposalStatus.MERGED], cycle__published=True
        )


class Proposal(LocatedModel):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("cycle")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    language = models.CharField(
        _("language"),
        max_length=8,
        validators=[validate_proposal_language],
        help_text=_("The language the proposal is written in (any language)."),
    )
    # Where the proposal is (the district is located from the point); a proposal without a
    # point names its major district, or none for a city-wide proposal.
    major_district = models.ForeignKey(
        "areas.MajorDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("major district"),
    )
    topics = models.ManyToManyField(
        "network.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    image = models.ImageField(_("image"), upload_to=proposal_image_path, blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for those who cannot see it."),
    )
    token = models.CharField(max_length=16, editable=False, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pb_proposals",
        verbose_name=_("author"),
    )
    author_display_name = models.CharField(
        _("name shown with the proposal"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to propose anonymously."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus, default=ProposalStatus.SUBMITTED
    )
    moderation_reason = models.TextField(_("reason"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)
    plan = models.ForeignKey(
        "budgeting.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("plan"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[ProposalQuerySet] = ProposalQuerySet.as_manager()  # type: ignore[assignment]

    class Meta(LocatedModel.Meta):
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]
        constraints = [
            *LocatedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="budgeting_proposal_status"
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.REJECTED) | ~Q(moderation_reason=""),
                name="budgeting_proposal_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.MERGED) | Q(plan__isnull=False),
                name="budgeting_proposal_merged_has_plan",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Being co-created")
    COSTING = "costing", _("Waiting for a cost estimate")
    COSTED = "costed", _("Costed")
    APPROVED = "approved", _("On the ballot")
    NOT_FEASIBLE = "not_feasible", _("Not feasible")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    PLANNING = "planning", _("Being planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("implementation", "In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlanQuerySet(models.QuerySet["Plan"]):
    def on_ballot(self) -> "PlanQuerySet":
        return self.filter(status=PlanStatus.APPROVED)

    def public(self) -> "PlanQuerySet":
        return self.filter(cycle__published=True)


class Plan(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="plans", verbose_name=_("cycle")
    )
    major_district = models.ForeignKey(
        "areas.MajorDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("major district"),
        help_text=_("Empty for a city-wide plan."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(
        "network.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    workshops: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "events.Event",
        blank=True,
        related_name="pb_plans",
        verbose_name=_("co-creation workshops"),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    cost_estimate = models.PositiveBigIntegerField(_("cost estimate (€)"), null=True, blank=True)
    feasibility_note = models.TextField(_("feasibility"), blank=True)
    estimated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    estimated_at = models.DateTimeField(_("costed"), null=True, blank=True, editable=False)
    # The short code on the ballot and in Pabulib files ("E-12").
    code = models.CharField(_("ballot code"), max_length=12, blank=True)
    implementation_status = models.CharField(
        _("implementation"),
        max_length=12,
        choices=ImplementationStatus,
        default=ImplementationStatus.NOT_STARTED,
    )
    implementation_progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: ClassVar[PlanQuerySet] = PlanQuerySet.as_manager()  # type: ignore[assignment]

    if TYPE_CHECKING:
        title_fi: str | None
        title_sv: str | None
        title_en: str | None

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["cycle", "code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="budgeting_plan_status"
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.APPROVED) | (Q(cost_estimate__gt=0) & ~Q(code="")),
                name="budgeting_plan_on_ballot_has_cost_and_code",
            ),
            models.UniqueConstraint(
                fields=["cycle", "code"],
                condition=~Q(code=""),
                name="budgeting_plan_code_unique_in_cycle",
            ),
            models.CheckConstraint(
                condition=Q(implementation_progress__lte=100),
                name="budgeting_plan_progress_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class PlanResult(models.Model):
    """The count's outcome for one plan on the ballot (written by `cycle_count`)."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="result")
    votes = models.PositiveIntegerField(_("votes"))
    selected = models.BooleanField(_("selected"))
    rank = models.PositiveIntegerField(_("rank"), help_text=_("Order of selection or of votes."))
    explanation = models.TextField(_("why"), blank=True)
    explanation_data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["plan__cycle", "rank"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.votes}"
