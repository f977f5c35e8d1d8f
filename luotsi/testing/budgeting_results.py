"""Participatory-budgeting results for tests: ballots made directly (not through the voting
service), cycles with budgets set by hand, and a counted (and published) example cycle.

The example (`greedy_example`): the Southern major district has 100 000 € and five plans;
six ballots give A 5 votes, B 4, C 3, D 2 and E none. Greedy by votes takes A (40 000 €,
60 000 € left), B (30 000 €, 30 000 € left), skips C (35 000 € > 30 000 €), takes D
(20 000 €, 10 000 € left) and skips E (15 000 € > 10 000 €).
"""

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from luotsi.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    Cycle,
    CycleBudget,
    Phase,
    Plan,
    SplitFormula,
)
from luotsi.budgeting.services.results import cycle_count, cycle_publish_results
from luotsi.testing import budgeting as pb
from luotsi.testing.personas import Personas

EXAMPLE_SLUG = "omastadi-results-example"


def voter_key() -> str:
    return secrets.token_hex(32)


def ballot(cycle: Cycle, plans: Iterable[Plan], *, major_number: int | None = None) -> Ballot:
    chosen = list(plans)
    if major_number is None:
        districts = [p.major_district for p in chosen if p.major_district_id is not None]
        major = districts[0] if districts else None
    else:
        major = pb.major(major_number)
    made = Ballot.objects.create(
        cycle=cycle, voter_key=voter_key(), major_district=major, channel=BallotChannel.ONLINE
    )
    BallotChoice.objects.bulk_create(BallotChoice(ballot=made, plan=p) for p in chosen)
    return made


def ballots(cycle: Cycle, plans: Sequence[Plan], times: int) -> None:
    for _ in range(times):
        ballot(cycle, plans)


def manual_cycle(
    p: Personas,
    *,
    phase: Phase = Phase.COUNTING,
    budgets: dict[int | None, int],
    **fields: object,
) -> Cycle:
    """A cycle in `phase` whose budget areas are exactly `budgets` ({major number or None for
    the city-wide pot: euros})."""
    made = pb.cycle(
        p,
        phase=phase,
        split_formula=SplitFormula.MANUAL,
        total_budget=sum(budgets.values()),
        **fields,
    )
    CycleBudget.objects.bulk_create(
        CycleBudget(cycle=made, major_district=pb.major(n) if n else None, amount=amount)
        for n, amount in budgets.items()
    )
    return made


@dataclass
class Example:
    cycle: Cycle
    plans: dict[str, Plan]


def greedy_example(
    p: Personas, *, count: bool = True, publish: bool = True, slug: str = EXAMPLE_SLUG
) -> Example:
    """The module docstring's example (the same one on every call with the same slug)."""
    existing = Cycle.objects.filter(slug=slug).first()
    if existing is not None:
        return Example(existing, {plan.title_en or "": plan for plan in existing.plans.all()})
    cycle = manual_cycle(p, budgets={1: 100_000}, slug=slug)
    costs = {"A": 40_000, "B": 30_000, "C": 35_000, "D": 20_000, "E": 15_000}
    plans = {
        name: pb.plan(p, cycle, cost=cost, code=f"S-{name}", title_fi=name, title_en=name)
        for name, cost in costs.items()
    }
    ballots(cycle, [plans["A"], plans["B"], plans["C"]], 2)
    ballots(cycle, [plans["A"], plans["B"]], 2)
    ballots(cycle, [plans["A"], plans["D"]], 1)
    ballots(cycle, [plans["C"], plans["D"]], 1)
    if count:
        cycle_count(cycle=cycle, by=p.coordinator)
        if publish:
            cycle_publish_results(cycle=cycle, by=p.coordinator)
    cycle.refresh_from_db()
    return Example(cycle, plans)
