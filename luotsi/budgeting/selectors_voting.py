"""Reads for voting: the cycle, its ballot's plans, a voter's own ballot, and counts."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.identity import VoterIdentity
from luotsi.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotFormat,
    Cycle,
    CycleBudget,
    Plan,
)


def public_cycle(slug: str) -> Cycle:
    return get_object_or_404(Cycle.objects.public().select_related("city"), slug=slug)


def ballot_districts(cycle: Cycle) -> QuerySet[MajorDistrict]:
    """The major districts voters choose between (those with a budget in the cycle)."""
    with_budget = CycleBudget.objects.filter(cycle=cycle, major_district__isnull=False)
    return MajorDistrict.objects.filter(
        pk__in=with_budget.values("major_district"), city=cycle.city
    ).order_by("number")


def ballot_district(cycle: Cycle, number: object) -> MajorDistrict | None:
    try:
        value = int(str(number))
    except (TypeError, ValueError):
        return None
    return ballot_districts(cycle).filter(number=value).first()


def ballot_plans(cycle: Cycle, major_district: MajorDistrict) -> tuple[list[Plan], list[Plan]]:
    """The plans on the ballot of a major district, and the city-wide ones (only on the
    district-budget ballot)."""
    plans = Plan.objects.on_ballot().filter(cycle=cycle).order_by("code", "pk")
    district = list(plans.filter(major_district=major_district))
    citywide = (
        list(plans.filter(major_district__isnull=True))
        if cycle.ballot_format == BallotFormat.DISTRICT_BUDGET
        else []
    )
    return district, citywide


def ballot_of(cycle: Cycle, identity: VoterIdentity) -> Ballot | None:
    """The voter's own ballot in the cycle (through their identity only)."""
    return (
        Ballot.objects.filter(cycle=cycle, voter_key=identity.key_for(cycle.pk))
        .select_related("major_district")
        .prefetch_related("choices__plan")
        .first()
    )


@dataclass(frozen=True)
class BallotCounts:
    total: int
    online: int
    paper: int
    by_district: list[tuple[MajorDistrict, int, int]]  # district, online, paper


def ballot_counts(cycle: Cycle) -> BallotCounts:
    """How many have voted, by channel and major district: counts only, never who."""
    rows = {
        row["major_district"]: row
        for row in Ballot.objects.filter(cycle=cycle)
        .values("major_district")
        .annotate(
            online=Count("pk", filter=Q(channel=BallotChannel.ONLINE)),
            paper=Count("pk", filter=Q(channel=BallotChannel.PAPER)),
        )
        .order_by()
    }
    by_district = [
        (
            major,
            rows.get(major.pk, {}).get("online", 0),
            rows.get(major.pk, {}).get("paper", 0),
        )
        for major in ballot_districts(cycle)
    ]
    online = sum(row["online"] for row in rows.values())
    paper = sum(row["paper"] for row in rows.values())
    return BallotCounts(online + paper, online, paper, by_district)


def paper_ballots_entered(cycle: Cycle, user: User, *, everyone: bool) -> QuerySet[Ballot]:
    """Paper ballots the user entered (all of them for the coordinator), newest first: when,
    where and in which district, which is what a correction needs; never the voter."""
    ballots = Ballot.objects.filter(cycle=cycle, channel=BallotChannel.PAPER)
    if not everyone:
        ballots = ballots.filter(entered_by=user)
    return ballots.select_related("major_district", "entered_by").order_by("-submitted_at")
