"""Writes of the programme's cost assumptions: the coordinator sets a year's cost per
person-year and records or removes the programme's other costs. Each write is one
transaction with an audit event, like the events app's cost_add / cost_remove."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.insights.models.costs import ProgrammeCost, ProgrammeCostCategory, ProgrammeYear
from luotsi.insights.periods import EARLIEST_YEAR
from luotsi.insights.permissions_programme import can_edit_costs
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

# A full-time officer's salary and overheads for a year; outside this range it is a typo.
LOWEST_COST_PER_PERSON_YEAR = Decimal("1000")
HIGHEST_COST_PER_PERSON_YEAR = Decimal("1000000")
# One line of other programme costs (the whole participation unit is about 9 M€ a year).
HIGHEST_PROGRAMME_COST = Decimal("10000000")


def editable_year(year: int) -> bool:
    """Years whose costs the coordinator may set: from EARLIEST_YEAR to next year."""
    return EARLIEST_YEAR <= year <= timezone.localdate().year + 1


def _check(by: User, year: int) -> None:
    if not can_edit_costs(by):
        raise PermissionDenied
    if not editable_year(year):
        raise ValidationError({"year": _("Choose a year between 2000 and next year.")})


@transaction.atomic
def programme_year_set(*, year: int, cost_per_person_year: Decimal, by: User) -> ProgrammeYear:
    """Set the cost per person-year (salary and overheads of one full-time officer) used for
    `year`'s officer costs."""
    _check(by, year)
    if not LOWEST_COST_PER_PERSON_YEAR <= cost_per_person_year <= HIGHEST_COST_PER_PERSON_YEAR:
        raise ValidationError(
            {
                "cost_per_person_year": _(
                    "The cost per officer per year must be between 1 000 € and 1 000 000 €."
                )
            }
        )
    programme_year, _created = ProgrammeYear.objects.update_or_create(
        year=year, defaults={"cost_per_person_year": cost_per_person_year, "updated_by": by}
    )
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=programme_year,
        summary=f"{year}: {cost_per_person_year} € per person-year",
    )
    return programme_year


@transaction.atomic
def programme_cost_add(
    *,
    year: int,
    category: str,
    description: str,
    amount: Decimal,
    by: User,
    major_district: MajorDistrict | None = None,
) -> ProgrammeCost:
    """Record one of the programme's other costs for `year`, for a major district or (None)
    the whole programme."""
    _check(by, year)
    if category not in ProgrammeCostCategory.values:
        raise ValidationError({"category": _("Choose a category from the list.")})
    if not Decimal("0") < amount <= HIGHEST_PROGRAMME_COST:
        raise ValidationError(
            {"amount": _("The amount must be more than 0 € and at most 10 000 000 €.")}
        )
    cost = ProgrammeCost(
        year=year,
        major_district=major_district,
        category=category,
        description=description.strip(),
        amount=amount,
        recorded_by=by,
    )
    cost.full_clean()
    cost.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=cost, summary=f"{year}: {amount} €")
    return cost


@transaction.atomic
def programme_cost_remove(*, cost: ProgrammeCost, by: User) -> None:
    """Remove a cost recorded by mistake (the audit log keeps the trace)."""
    if not can_edit_costs(by):
        raise PermissionDenied
    audit_record(
        actor=by, action=AuditAction.DELETE, obj=cost, summary=f"{cost.year}: {cost.amount} €"
    )
    cost.delete()
