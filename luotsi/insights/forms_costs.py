"""Forms of the cost pages: the year-over-year range, the year's cost per person-year and
one line of other programme costs. Amounts are read in the page's language (1 234,56 in
Finnish), and every error names its field."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from luotsi.areas.models import MajorDistrict
from luotsi.insights.models.costs import ProgrammeCostCategory
from luotsi.insights.periods import EARLIEST_YEAR
from luotsi.insights.services_costs import (
    HIGHEST_COST_PER_PERSON_YEAR,
    HIGHEST_PROGRAMME_COST,
    LOWEST_COST_PER_PERSON_YEAR,
)

MOST_YEARS = 10
DEFAULT_YEARS = 4


class YearsForm(forms.Form):
    """?first=2023&last=2026: the years side by side (default: the last four)."""

    first = forms.IntegerField(label=_("First year"), required=False, min_value=EARLIEST_YEAR)
    last = forms.IntegerField(label=_("Last year"), required=False, min_value=EARLIEST_YEAR)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        this_year = timezone.localdate().year
        first, last = cleaned.get("first"), cleaned.get("last")
        if last is not None and last > this_year:
            self.add_error("last", _("Choose a year no later than this year."))
        elif first is not None and last is not None:
            if last < first:
                self.add_error("last", _("The last year must not be before the first year."))
            elif last - first >= MOST_YEARS:
                self.add_error("last", _("Compare at most ten years at a time."))
        return cleaned

    def years(self) -> list[int]:
        """The chosen years; call after is_valid(). Invalid input gives the default."""
        this_year = timezone.localdate().year
        data = self.cleaned_data if self.is_valid() else {}
        last = data.get("last") or this_year
        first = data.get("first")
        if first is None or first > last:
            first = max(EARLIEST_YEAR, last - DEFAULT_YEARS + 1)
        return list(range(first, last + 1))


class EuroField(forms.DecimalField):
    """A euro amount typed as people write it: the thousands separators of the page's
    language ("95 000,50" in Finnish, "95,000.50" in English) and a trailing € are ignored;
    the decimal separator is the page language's (localize=True)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = "".join(value.split()).removesuffix("€")
            thousands = get_format("THOUSAND_SEPARATOR")
            if thousands.strip() and thousands != get_format("DECIMAL_SEPARATOR"):
                value = value.replace(thousands, "")
        return super().to_python(value)


class ProgrammeYearForm(forms.Form):
    cost_per_person_year = EuroField(
        label=_("Cost per officer per year (€)"),
        help_text=_("Salary and overheads of one full-time officer for a whole year."),
        max_digits=10,
        decimal_places=2,
        min_value=LOWEST_COST_PER_PERSON_YEAR,
        max_value=HIGHEST_COST_PER_PERSON_YEAR,
        localize=True,
    )


class ProgrammeCostForm(forms.Form):
    major_district = forms.ModelChoiceField(
        label=_("Major district"),
        queryset=MajorDistrict.objects.defer("geometry", "geometry_simplified").order_by(
            "city", "number"
        ),
        required=False,
        empty_label=_("The whole programme (city-wide)"),
    )
    category = forms.ChoiceField(
        label=pgettext_lazy("cost", "Category"), choices=ProgrammeCostCategory.choices
    )
    description = forms.CharField(label=_("Description"), max_length=200)
    amount = EuroField(
        label=_("Amount (€)"),
        max_digits=12,
        decimal_places=2,
        max_value=HIGHEST_PROGRAMME_COST,
        localize=True,
    )

    def clean_amount(self) -> Any:
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("The amount must be more than 0 €."))
        return amount
