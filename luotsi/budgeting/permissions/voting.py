"""Who may do what with ballots.

Voters see and change only their own ballot, found through the identity in their session
(never through an account). Paper ballots are entered at polling points by district officers
(for the major districts they serve) and the coordinator; an officer corrects the paper
ballots they entered. Staff see counts, never who voted."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import Ballot, BallotChannel, Cycle
from luotsi.budgeting.permissions import (
    is_coordinator,
    is_district_officer,
    officer_major_districts,
)


def may_enter_paper_ballots(user: User | AnonymousUser) -> bool:
    return is_coordinator(user) or is_district_officer(user)


def paper_ballot_districts(user: User | AnonymousUser, cycle: Cycle) -> QuerySet[MajorDistrict]:
    """The major districts whose paper ballots the user may enter in the cycle."""
    return officer_major_districts(user).filter(city=cycle.city).order_by("number")


def access_paper_ballot(user: User | AnonymousUser, cycle: Cycle, pk: int) -> Ballot:
    """A paper ballot the user entered (any paper ballot for the coordinator); else 404."""
    ballots = Ballot.objects.filter(cycle=cycle, channel=BallotChannel.PAPER)
    if not is_coordinator(user):
        if not isinstance(user, User) or not may_enter_paper_ballots(user):
            raise Http404
        ballots = ballots.filter(entered_by=user)
    ballot = ballots.select_related("cycle", "major_district").filter(pk=pk).first()
    if ballot is None:
        raise Http404
    return ballot
