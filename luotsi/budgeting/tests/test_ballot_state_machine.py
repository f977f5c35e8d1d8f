"""A Hypothesis state machine of voters working on their ballots: adding and removing plans,
switching district, submitting, and voting closing. Whatever the sequence, the ballot in the
database is the voter's last accepted submission and never holds more than k plans or more
than the budgets allow; refused submissions change nothing; nothing is accepted after closing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from luotsi.budgeting.models import Ballot, BallotFormat, Cycle, CycleBudget, Phase
from luotsi.budgeting.services.voting import ballot_cast
from luotsi.testing import budgeting as pb
from luotsi.testing import voting as v

pytestmark = pytest.mark.django_db

DISTRICT_BUDGET = 500_000
POT = 300_000
K = 3


def _setup(personas, ballot_format: str) -> tuple[Cycle, list[int]]:
    cycle = pb.cycle(
        personas,
        phase=Phase.VOTING,
        ballot_format=ballot_format,
        max_choices=K,
        citywide_percent=10,
    )
    CycleBudget.objects.filter(cycle=cycle, major_district__number=1).update(amount=DISTRICT_BUDGET)
    CycleBudget.objects.filter(cycle=cycle, major_district=None).update(amount=POT)
    costs = [100_000, 200_000, 250_000, 300_000, 50_000]  # the Southern district's plans
    plans = [pb.plan(personas, cycle, major_number=1, cost=cost).pk for cost in costs]
    plans += [pb.plan(personas, cycle, major_number=None, cost=c).pk for c in (100_000, 250_000)]
    plans += [pb.plan(personas, cycle, major_number=7, cost=100_000).pk]
    return cycle, plans


def _machine(cycle: Cycle, plan_ids: list[int]) -> type[RuleBasedStateMachine]:
    voters = [v.identity(v.ADULT), v.identity(v.SENIOR, born=datetime.date(1952, 10, 13))]
    original_end = cycle.voting_ends_at

    class BallotMachine(RuleBasedStateMachine):
        @initialize()
        def fresh(self) -> None:
            Ballot.objects.filter(cycle=cycle).delete()
            Cycle.objects.filter(pk=cycle.pk).update(voting_ends_at=original_end)
            cycle.refresh_from_db()
            self.drafts: list[set[int]] = [set(), set()]
            self.districts = [1, 1]
            self.accepted: dict[int, tuple[int, frozenset[int]]] = {}
            self.closed = False

        @rule(who=st.integers(0, 1), plan=st.sampled_from(plan_ids))
        def add(self, who: int, plan: int) -> None:
            self.drafts[who].add(plan)

        @rule(
            who=st.integers(0, 1),
            own=st.sets(st.sampled_from(plan_ids[:5]), min_size=2),
            citywide=st.sets(st.sampled_from(plan_ids[5:7]))
            if cycle.ballot_format == BallotFormat.DISTRICT_BUDGET
            else st.just(set()),
        )
        def pick_afresh(self, who: int, own: set[int], citywide: set[int]) -> None:
            """Start over with plans of the Southern district (and city-wide ones): single
            additions alone rarely build the long ballots whose limits matter."""
            self.drafts[who] = own | citywide
            self.districts[who] = 1

        @rule(who=st.integers(0, 1), plan=st.sampled_from(plan_ids))
        def remove(self, who: int, plan: int) -> None:
            self.drafts[who].discard(plan)

        @rule(who=st.integers(0, 1), district=st.sampled_from([1, 7]))
        def switch_district(self, who: int, district: int) -> None:
            self.districts[who] = district

        @rule(who=st.integers(0, 1))
        def submit(self, who: int) -> None:
            chosen = frozenset(self.drafts[who])
            try:
                ballot_cast(
                    cycle=cycle,
                    identity=voters[who],
                    major_district=pb.major(self.districts[who]),
                    plan_ids=chosen,
                )
            except ValidationError as error:
                assert set(error.message_dict) <= {"plans", "cycle", "major_district"}
                assert ("cycle" in error.message_dict) == self.closed
            else:
                assert not self.closed
                self.accepted[who] = (self.districts[who], chosen)

        @rule()
        def close(self) -> None:
            Cycle.objects.filter(pk=cycle.pk).update(
                voting_ends_at=timezone.now() - datetime.timedelta(seconds=1)
            )
            cycle.refresh_from_db()
            self.closed = True

        @invariant()
        def database_holds_the_last_accepted_ballot_within_the_rules(self) -> None:
            ballots = Ballot.objects.filter(cycle=cycle).prefetch_related("choices__plan")
            assert ballots.count() == len(self.accepted)
            for who, (district, chosen) in self.accepted.items():
                ballot = ballots.get(voter_key=voters[who].key_for(cycle.pk))
                plans = [choice.plan for choice in ballot.choices.all()]
                assert ballot.major_district is not None
                assert ballot.major_district.number == district
                assert {plan.pk for plan in plans} == chosen
                assert chosen, "an empty ballot was accepted"
                if cycle.ballot_format == BallotFormat.DISTRICT_PICK:
                    assert len(plans) <= K
                    assert all(p.major_district_id == ballot.major_district_id for p in plans)
                else:
                    own = sum(p.cost_estimate or 0 for p in plans if p.major_district_id)
                    pot = sum(p.cost_estimate or 0 for p in plans if p.major_district_id is None)
                    budget = CycleBudget.objects.get(
                        cycle=cycle, major_district=ballot.major_district
                    ).amount
                    assert own <= budget and pot <= POT
                    assert all(
                        p.major_district_id in (None, ballot.major_district_id) for p in plans
                    )

    return BallotMachine


@pytest.mark.parametrize(
    "ballot_format", [BallotFormat.DISTRICT_PICK, BallotFormat.DISTRICT_BUDGET]
)
def test_ballot_never_exceeds_k_or_the_budget(personas, ballot_format):
    cycle, plan_ids = _setup(personas, ballot_format)
    run_state_machine_as_test(
        _machine(cycle, plan_ids),
        settings=settings(max_examples=40, stateful_step_count=25, deadline=None),
    )
