"""The scale generator's participatory budgeting: three cycles about a year apart, made with
`cycle_create` (budgets split by population). The two past ones are counted and published with
the real services; the latest is in its voting phase. Each has plans on the ballot in every
major district and its ballots, every ballot choosing plans of its own major district only.
"""

import datetime
import random

from benchmarks.scale_context import Context, batches
from luotsi.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotFormat,
    Cycle,
    CycleBudget,
    Plan,
    PlanStatus,
)
from luotsi.budgeting.services.cycles import cycle_create
from luotsi.budgeting.services.results import cycle_count, cycle_publish_results

SLUG_PREFIX = "scale-"
CYCLES = 3
PLANS_PER_MAJOR_DISTRICT = 10
FULL_BUDGET = 8_800_000  # OmaStadi's total at 670,000 residents
# Days from today on which each cycle's voting opens (the last one is open now).
VOTING_OPENS = (-630, -265, -20)
VOTING_DAYS = 30
IDEAS = (
    ("Penkkejä ja varjoa puistoon", "Bänkar och skugga i parken", "Benches and shade in the park"),
    ("Ulkokuntosali kaikenikäisille", "Utegym för alla åldrar", "Outdoor gym for all ages"),
    ("Nuorten kesätyöpaja", "Sommarverkstad för unga", "Summer workshop for young people"),
    ("Valaistus rantareitille", "Belysning längs strandleden", "Lighting on the shore path"),
    ("Viljelypalstat koululle", "Odlingslotter vid skolan", "Gardening plots at the school"),
    ("Esteetön uimaranta", "Tillgänglig badstrand", "An accessible beach"),
    ("Pumptrack-rata", "Pumptrackbana", "A pump track"),
    ("Monikielinen satutuokio", "Flerspråkig sagostund", "Multilingual story time"),
    ("Koirapuisto", "Hundpark", "A dog park"),
    ("Kirjaston pelihuone", "Spelrum på biblioteket", "A games room at the library"),
    ("Kierrätyspiste", "Återvinningspunkt", "A recycling point"),
    ("Talviuintipaikka", "Vinterbadplats", "A winter swimming spot"),
)


def cycles(ctx: Context, ballots_per_cycle: int, residents_share: float) -> dict[str, int]:
    counts = {"pb cycles": 0, "plans": 0, "ballots": 0, "ballot choices": 0}
    budget = max(100_000, round(FULL_BUDGET * residents_share))
    for number, opens in enumerate(VOTING_OPENS[:CYCLES], start=1):
        cycle = _cycle(ctx, number, opens, budget)
        plans = _plans(ctx, cycle, number)
        choices = _ballots(ctx, cycle, number, plans, ballots_per_cycle)
        counts["pb cycles"] += 1
        counts["plans"] += sum(len(p) for p in plans.values())
        counts["ballots"] += ballots_per_cycle
        counts["ballot choices"] += choices
        Cycle.objects.filter(pk=cycle.pk).update(rules_frozen_at=cycle.voting_starts_at)
        if cycle.voting_ends_at < ctx.now:
            cycle.refresh_from_db()
            cycle_count(cycle=cycle, by=ctx.staff.coordinator)
            cycle_publish_results(cycle=cycle, by=ctx.staff.coordinator)
            Cycle.objects.filter(pk=cycle.pk).update(
                counted_at=cycle.voting_ends_at + datetime.timedelta(days=3),
                results_published_at=cycle.voting_ends_at + datetime.timedelta(days=5),
            )
    return counts


def _cycle(ctx: Context, number: int, opens: int, budget: int) -> Cycle:
    day = ctx.today + datetime.timedelta(days=opens)
    voting_starts = ctx.at(day, 9)
    voting_ends = ctx.at(day + datetime.timedelta(days=VOTING_DAYS), 20)
    title = f"OmaStadi {voting_starts.year} (scale {number})"
    return cycle_create(
        by=ctx.staff.coordinator,
        city=ctx.territory.city,
        slug=f"{SLUG_PREFIX}{ctx.seed}-{number}",
        title=title,
        title_fi=title,
        title_sv=title,
        title_en=title,
        published=True,
        total_budget=budget,
        ballot_format=BallotFormat.DISTRICT_PICK,
        max_choices=5,
        proposals_start=day - datetime.timedelta(days=150),
        proposals_end=day - datetime.timedelta(days=101),
        cocreation_start=day - datetime.timedelta(days=100),
        cocreation_end=day - datetime.timedelta(days=51),
        costing_start=day - datetime.timedelta(days=50),
        costing_end=day - datetime.timedelta(days=1),
        voting_starts_at=voting_starts,
        voting_ends_at=voting_ends,
        implementation_start=day + datetime.timedelta(days=VOTING_DAYS + 40),
    )


def _plans(ctx: Context, cycle: Cycle, number: int) -> dict[int, list[Plan]]:
    """Plans on the ballot per major district pk, each costing at most the cycle's largest
    share of its district's budget."""
    rng = ctx.rng(f"plans-{number}")
    budgets = {b.major_district_id: b.amount for b in CycleBudget.objects.filter(cycle=cycle)}
    share = cycle.max_project_share_percent
    rows = []
    for major in ctx.territory.majors:
        budget = budgets.get(major.pk, 0)
        highest = max(1, budget * share // 100)
        lowest = max(1, min(highest, budget // 40))
        for index in range(PLANS_PER_MAJOR_DISTRICT):
            fi, sv, en = IDEAS[(major.number + index) % len(IDEAS)]
            cost = rng.randint(lowest, highest)
            cost = min(highest, max(1, round(cost, -3))) if cost > 10_000 else cost
            rows.append(
                Plan(
                    cycle=cycle,
                    major_district=major,
                    title=fi,
                    title_fi=fi,
                    title_sv=sv,
                    title_en=en,
                    description=f"{fi}: asukkaiden ehdotuksista yhdessä tehty suunnitelma.",
                    status=PlanStatus.APPROVED,
                    cost_estimate=cost,
                    code=f"{major.number}-{index + 1}",
                    created_by=ctx.staff.officers[major.pk],
                )
            )
    plans: dict[int, list[Plan]] = {}
    for plan in Plan.objects.bulk_create(rows):
        assert plan.major_district_id is not None  # noqa: S101 - every plan above has one
        plans.setdefault(plan.major_district_id, []).append(plan)
    return plans


def _ballots(
    ctx: Context, cycle: Cycle, number: int, plans: dict[int, list[Plan]], total: int
) -> int:
    """Ballots of voters in major districts by population, one in twelve on paper; each
    approves one to five plans of its district, popular plans more often. Returns how many
    choices were written."""
    rng = ctx.rng(f"ballots-{number}")
    populations = ctx.territory.major_population()
    majors = [m for m in ctx.territory.majors if plans.get(m.pk)]
    weights = [populations[m.pk] or 1 for m in majors]
    popularity = {
        major.pk: [rng.uniform(0.2, 1.0) ** 2 for _plan in plans[major.pk]] for major in majors
    }
    written = 0
    with ctx.bar(f"ballots of cycle {number}", total) as bar:
        for numbers in batches(total):
            rows: list[Ballot] = []
            picks: list[list[Plan]] = []
            for voter, major in zip(
                numbers, rng.choices(majors, weights, k=len(numbers)), strict=True
            ):
                paper = rng.random() < 1 / 12
                rows.append(
                    Ballot(
                        cycle=cycle,
                        voter_key=ctx.voter_key(number, voter),
                        major_district=major,
                        channel=BallotChannel.PAPER if paper else BallotChannel.ONLINE,
                        entered_by=ctx.staff.officers[major.pk] if paper else None,
                        polling_place="Kirjasto" if paper else "",
                    )
                )
                picks.append(_pick(rng, plans[major.pk], popularity[major.pk], cycle.max_choices))
            created = Ballot.objects.bulk_create(rows)
            choices = [
                BallotChoice(ballot_id=ballot.pk, plan_id=plan.pk)
                for ballot, chosen in zip(created, picks, strict=True)
                for plan in chosen
            ]
            BallotChoice.objects.bulk_create(choices)
            written += len(choices)
            bar.update(len(rows))
    return written


def _pick(rng: random.Random, options: list[Plan], weights: list[float], most: int) -> list[Plan]:
    """One to `most` different plans, drawn by popularity."""
    wanted = rng.randint(1, min(most, len(options)))
    indices = range(len(options))
    chosen: dict[int, None] = {}
    while len(chosen) < wanted:
        chosen[rng.choices(indices, weights)[0]] = None
    return [options[index] for index in chosen]
