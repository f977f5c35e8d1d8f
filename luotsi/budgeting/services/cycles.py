"""Creating a cycle, splitting its money between major districts, and freezing its rules."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import City, DistrictStatistics, MajorDistrict
from luotsi.budgeting.models import Cycle, CycleBudget, SplitFormula
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record


def split_amounts(total: int, weights: dict[Any, int]) -> dict[Any, int]:
    """`total` euros split in proportion to `weights`, in whole euros adding up exactly to
    `total` (largest remainder; ties go to the larger weight, then the first key)."""
    weight_sum = sum(weights.values())
    if not weights:
        return {}
    if weight_sum == 0:
        weights = dict.fromkeys(weights, 1)
        weight_sum = len(weights)
    floors = {key: total * weight // weight_sum for key, weight in weights.items()}
    left = total - sum(floors.values())
    order = sorted(
        weights,
        key=lambda key: (-(total * weights[key] % weight_sum), -weights[key]),
    )
    for key in order[:left]:
        floors[key] += 1
    return floors


def major_district_populations(city: City, year: int | None) -> tuple[int | None, dict[int, int]]:
    """Population per major district (summed over its districts) in `year`, or in the latest
    year with statistics. Returns the year used and {major district id: population}."""
    stats = DistrictStatistics.objects.filter(district__major_district__city=city)
    if year is None:
        year = stats.aggregate(latest=Max("year"))["latest"]
    if year is None:
        return None, {}
    rows = (
        stats.filter(year=year)
        .values("district__major_district")
        .annotate(population=Sum("population"))
    )
    return year, {row["district__major_district"]: row["population"] for row in rows}


def _write_budgets(cycle: Cycle) -> None:
    """Recompute the cycle's budget areas from its formula (not for the manual formula)."""
    majors = list(MajorDistrict.objects.filter(city=cycle.city).order_by("number"))
    citywide = cycle.total_budget * cycle.citywide_percent // 100
    districts_total = cycle.total_budget - citywide
    year, populations = major_district_populations(cycle.city, cycle.population_year)
    if cycle.split_formula == SplitFormula.POPULATION:
        if not populations:
            raise ValidationError(
                {"split_formula": _("There are no population statistics for this city.")}
            )
        weights = {major.pk: populations.get(major.pk, 0) for major in majors}
    else:
        weights = {major.pk: 1 for major in majors}
    amounts = split_amounts(districts_total, weights)
    CycleBudget.objects.filter(cycle=cycle).delete()
    CycleBudget.objects.bulk_create(
        [
            CycleBudget(
                cycle=cycle,
                major_district=major,
                amount=amounts[major.pk],
                population=populations.get(major.pk) if year else None,
            )
            for major in majors
        ]
        + ([CycleBudget(cycle=cycle, major_district=None, amount=citywide)] if citywide else [])
    )


def _check_dates(cycle: Cycle) -> None:
    errors: dict[str, str] = {}
    if cycle.proposals_end < cycle.proposals_start:
        errors["proposals_end"] = _("Proposals must close after they open.")
    if cycle.cocreation_start < cycle.proposals_start:
        errors["cocreation_start"] = _("Co-creation cannot start before proposals open.")
    if cycle.cocreation_end < cycle.cocreation_start:
        errors["cocreation_end"] = _("Co-creation must end after it starts.")
    if cycle.costing_start < cycle.cocreation_start:
        errors["costing_start"] = _("Cost estimation cannot start before co-creation.")
    if cycle.costing_end < cycle.costing_start:
        errors["costing_end"] = _("Cost estimation must end after it starts.")
    if timezone.localdate(cycle.voting_starts_at) < cycle.costing_start:
        errors["voting_starts_at"] = _("Voting cannot open before cost estimation starts.")
    if cycle.voting_ends_at <= cycle.voting_starts_at:
        errors["voting_ends_at"] = _("Voting must close after it opens.")
    if cycle.citywide_percent > 100:
        errors["citywide_percent"] = _("The city-wide share is a percentage from 0 to 100.")
    if not 1 <= cycle.max_project_share_percent <= 100:
        errors["max_project_share_percent"] = _("Give a percentage from 1 to 100.")
    if cycle.max_choices < 1:
        errors["max_choices"] = _("Voters must be able to choose at least one plan.")
    if errors:
        raise ValidationError(errors)


def cycle_create(*, by: User, city: City, **fields: Any) -> Cycle:
    """A new cycle with its budget areas split by its formula. Raises ValidationError."""
    cycle = Cycle(city=city, created_by=by, **fields)
    _check_dates(cycle)
    with transaction.atomic():
        cycle.save()
        if cycle.split_formula != SplitFormula.MANUAL:
            _write_budgets(cycle)
        audit_record(actor=by, action=AuditAction.CREATE, obj=cycle, summary="PB cycle created")
    return cycle


def rules_are_frozen(cycle: Cycle, moment: datetime.datetime | None = None) -> bool:
    return cycle.rules_frozen_at_moment(moment)


def cycle_update(*, cycle: Cycle, by: User, changes: dict[str, Any]) -> Cycle:
    """Change a cycle. Once voting has opened, the rules voters rely on (`Cycle.RULE_FIELDS`)
    are refused with an error naming each field; dates of later phases may still move.

    Takes the cycle's row lock, so a change cannot race the moment voting opens."""
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        frozen = rules_are_frozen(locked)
        refused = {
            name: _("The rules cannot be changed after voting has opened.")
            for name, value in changes.items()
            if name in Cycle.RULE_FIELDS and frozen and getattr(locked, name) != value
        }
        if refused:
            raise ValidationError(refused)
        for name, value in changes.items():
            setattr(locked, name, value)
        _check_dates(locked)
        if frozen and locked.rules_frozen_at is None:
            locked.rules_frozen_at = timezone.now()
        locked.save()
        money_changed = any(
            name in changes
            for name in ("total_budget", "citywide_percent", "split_formula", "population_year")
        )
        if money_changed and locked.split_formula != SplitFormula.MANUAL:
            _write_budgets(locked)
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            summary="PB cycle changed: " + ", ".join(sorted(changes))[:150],
        )
    return locked


def cycle_budget_set(*, cycle: Cycle, by: User, amounts: dict[int | None, int]) -> None:
    """Set the budget areas by hand ({major district id or None for the city-wide pot: euros});
    only for the manual formula and before voting opens. The total must match."""
    if rules_are_frozen(cycle):
        raise ValidationError(_("The rules cannot be changed after voting has opened."))
    if cycle.split_formula != SplitFormula.MANUAL:
        raise ValidationError(_("Budgets are computed from the formula; choose “Set by hand”."))
    if sum(amounts.values()) != cycle.total_budget:
        raise ValidationError(
            _("The budgets add up to %(sum)s €, not the total of %(total)s €.")
            % {"sum": sum(amounts.values()), "total": cycle.total_budget}
        )
    with transaction.atomic():
        CycleBudget.objects.filter(cycle=cycle).delete()
        CycleBudget.objects.bulk_create(
            CycleBudget(cycle=cycle, major_district_id=major, amount=amount)
            for major, amount in amounts.items()
        )
        audit_record(actor=by, action=AuditAction.CHANGE, obj=cycle, summary="PB budgets set")


def cycle_freeze_rules(*, cycle: Cycle) -> bool:
    """Record that the rules are frozen, once voting has opened (idempotent; returns whether
    it froze them now). Voting services call it with the first ballot."""
    if cycle.rules_frozen_at is not None or timezone.now() < cycle.voting_starts_at:
        return False
    updated = Cycle.objects.filter(pk=cycle.pk, rules_frozen_at__isnull=True).update(
        rules_frozen_at=timezone.now()
    )
    return bool(updated)
