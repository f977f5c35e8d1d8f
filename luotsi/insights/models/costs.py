"""What the programme costs: the officers (person-years at a yearly cost per person) and the
programme's other costs. Events budgets and event costs live in the events app
(`EventsBudget`, `EventCost`); the cost pages and the annual report put all of them together.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgrammeYear(models.Model):
    """The coordinator's cost assumption for one year. A year without a row uses
    settings.PROGRAMME_COST_PER_PERSON_YEAR (100,000 € in the seed)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    cost_per_person_year = models.DecimalField(
        _("cost per officer per year (€)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Salary and overheads of one full-time officer for a whole year."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("programme year")
        verbose_name_plural = _("programme years")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_per_person_year__gte=Decimal("0")),
                name="insights_programme_year_cost_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.cost_per_person_year} €"


class ProgrammeCostCategory(models.TextChoices):
    COORDINATION = "coordination", _("Coordination")
    COMMUNICATIONS = "communications", _("Communications and materials")
    TRANSLATION = "translation", _("Translation and interpretation")
    PREMISES = "premises", _("Premises")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class ProgrammeCost(models.Model):
    """A cost of the programme other than officers and event costs, for a year; for one major
    district or (no district) for the whole programme."""

    year = models.PositiveSmallIntegerField(_("year"))
    major_district = models.ForeignKey(
        "areas.MajorDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("major district"),
        help_text=_("Leave empty for a cost of the whole programme."),
    )
    category = models.CharField(
        pgettext_lazy("cost", "category"), max_length=20, choices=ProgrammeCostCategory
    )
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme cost")
        verbose_name_plural = _("programme costs")
        ordering = ["year", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=Decimal("0")), name="insights_programme_cost_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_category_display()} {self.amount} €"
