"""A cycle's budget area as a Pabulib `.pb` file, for researchers (https://pabulib.org).

One file per budget area (major district or city-wide pot), written by the counting engine's
`write_pabulib`: META describing the election, PROJECTS with each plan's code, cost, votes,
Finnish name and whether it was selected (as published), and VOTES with one line per ballot
that names a plan of the area. Voters are numbered 1, 2, 3…: the voter keys (hashes of
people's identifiers) never leave the database.
"""

import io

from django.utils import timezone

from luotsi.budgeting.counting import Instance, Project, write_pabulib
from luotsi.budgeting.models import BallotFormat, Cycle, PlanResult
from luotsi.budgeting.services.results import CITYWIDE, COMPLETIONS, cycle_tallies

# Pabulib's names for the rules where it has one.
PABULIB_RULES = {"greedy": "greedy", "mes": "equalshares", "mes-approval": "equalshares"}


def pabulib_filename(cycle: Cycle, key: str) -> str:
    return f"finland_{cycle.city.slug}_{cycle.slug}_{key}.pb"


def area_pabulib(cycle: Cycle, key: str) -> str:
    """The `.pb` text of the area `key` (a major district's code or "citywide").

    Raises LookupError for an area the cycle does not have. Precondition: the cycle has been
    counted (the selected column is the stored result)."""
    tally = next((t for t in cycle_tallies(cycle) if t.key == key), None)
    if tally is None:
        raise LookupError(key)
    results = {
        r.plan_id: r for r in PlanResult.objects.filter(plan__in=[p.pk for p in tally.plans])
    }
    votes = tally.profile.approval_scores().tolist() if tally.plans else []
    district = tally.budget.major_district
    district_name = (district.name_fi or district.name) if district is not None else "Koko kaupunki"
    begin = timezone.localdate(cycle.voting_starts_at)
    end = timezone.localdate(cycle.voting_ends_at)
    meta = {
        "description": f"{cycle.title_fi or cycle.title}, {district_name}",
        "country": "Finland",
        "unit": cycle.city.name_fi or cycle.city.name,
        "subunit": district_name,
        "instance": str(begin.year),
        "district": district_name,
        "language": "fi",
        "edition": cycle.slug,
        "rule": PABULIB_RULES.get(cycle.counting_rule, cycle.counting_rule),
        "date_begin": begin.strftime("%d.%m.%Y"),
        "date_end": end.strftime("%d.%m.%Y"),
        "min_length": "1",
    }
    if cycle.ballot_format == BallotFormat.DISTRICT_PICK and key != CITYWIDE:
        meta["max_length"] = str(cycle.max_choices)
    else:
        # Rounds 1–2: any number of plans whose costs add up to at most the area's budget.
        meta["max_length"] = str(len(tally.plans))
        meta["max_sum_cost"] = str(tally.budget.amount)
    completion = COMPLETIONS.get(cycle.counting_rule, "none")
    meta["comment"] = (
        f"Counted by Luotsi: rule {cycle.counting_rule}"
        + (f" with completion {completion}" if completion != "none" else "")
        + f", ties broken by {cycle.tie_break}, no plan above "
        f"{cycle.max_project_share_percent}% of the budget."
    )
    instance = Instance(
        [
            Project(
                project.id,
                project.cost,
                {"votes": str(votes[position]), "name": plan.title_fi or plan.title},
            )
            for position, (project, plan) in enumerate(
                zip(tally.instance.projects, tally.plans, strict=True)
            )
        ],
        tally.instance.budget,
        meta,
    )
    selected = [
        plan.code for plan in tally.plans if plan.pk in results and results[plan.pk].selected
    ]
    out = io.StringIO()
    write_pabulib(instance, tally.profile, out, selected=selected)
    return out.getvalue()
