import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from luotsi.budgeting.models import Cycle, CycleBudget, Phase, SplitFormula
from luotsi.budgeting.services.cycles import cycle_budget_set, cycle_update, split_amounts
from luotsi.testing import budgeting as pb

pytestmark = pytest.mark.django_db


def test_split_adds_up_exactly_and_follows_weights():
    assert split_amounts(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert split_amounts(100, {"a": 3, "b": 1}) == {"a": 75, "b": 25}
    assert split_amounts(7, {"a": 0, "b": 0}) == {"a": 4, "b": 3}


def test_population_split_gives_every_major_district_its_share(personas):
    cycle = pb.cycle(personas, total_budget=10_000_000, citywide_percent=20)
    budgets = {b.major_district_id: b for b in CycleBudget.objects.filter(cycle=cycle)}
    assert sum(b.amount for b in budgets.values()) == 10_000_000
    assert budgets[None].amount == 2_000_000
    districts = [b for b in budgets.values() if b.major_district_id]
    assert len(districts) == 8  # Helsinki's seven major districts and Östersundom
    populations = {b.pk: b.population or 0 for b in districts}
    assert all(populations.values())
    total = sum(populations.values())
    for budget in districts:
        expected = 8_000_000 * populations[budget.pk] / total
        assert abs(budget.amount - expected) <= 1


def test_phase_follows_the_dates(personas):
    for phase in (Phase.UPCOMING, Phase.PROPOSALS, Phase.COSTING, Phase.VOTING, Phase.COUNTING):
        assert pb.cycle(personas, phase=phase).phase == phase
    assert pb.cycle(personas, phase=Phase.RESULTS).phase == Phase.RESULTS


def test_rules_cannot_change_once_voting_has_opened(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING)
    with pytest.raises(ValidationError) as error:
        cycle_update(
            cycle=cycle, by=personas.coordinator, changes={"max_choices": 3, "min_age": 15}
        )
    assert set(error.value.message_dict) == {"max_choices", "min_age"}
    cycle.refresh_from_db()
    assert cycle.max_choices == 5
    # Later dates may still move, and the freeze is recorded.
    later = cycle.voting_ends_at + datetime.timedelta(days=1)
    cycle = cycle_update(cycle=cycle, by=personas.coordinator, changes={"voting_ends_at": later})
    assert cycle.voting_ends_at == later and cycle.rules_frozen_at is not None


def test_rules_may_change_before_voting(personas):
    cycle = pb.cycle(personas, phase=Phase.PROPOSALS)
    cycle = cycle_update(
        cycle=cycle, by=personas.coordinator, changes={"citywide_percent": 20, "max_choices": 3}
    )
    assert cycle.max_choices == 3
    assert CycleBudget.objects.get(cycle=cycle, major_district=None).amount == 1_760_000


def test_manual_budgets_must_add_up(personas):
    cycle = pb.cycle(personas, split_formula=SplitFormula.MANUAL, total_budget=1000)
    assert not CycleBudget.objects.filter(cycle=cycle).exists()
    with pytest.raises(ValidationError):
        cycle_budget_set(cycle=cycle, by=personas.coordinator, amounts={None: 999})
    cycle_budget_set(cycle=cycle, by=personas.coordinator, amounts={None: 400, pb.major(1).pk: 600})
    assert CycleBudget.objects.filter(cycle=cycle).count() == 2


def test_bad_dates_name_the_field(personas):
    with pytest.raises(ValidationError) as error:
        pb.cycle(personas, voting_ends_at=timezone.now() - datetime.timedelta(days=400))
    assert "voting_ends_at" in error.value.message_dict
    assert not Cycle.objects.exists()


def test_database_refuses_a_second_citywide_pot(personas):
    cycle = pb.cycle(personas, citywide_percent=20)
    with pytest.raises(IntegrityError), transaction.atomic():
        CycleBudget.objects.create(cycle=cycle, major_district=None, amount=1)
