import datetime
import secrets

import pytest
from django.test import override_settings
from django.utils import timezone

from luotsi.budgeting.models import Ballot, BallotChannel, BallotChoice, Phase, ProposalStatus
from luotsi.budgeting.retention import ballots_unlink_expired
from luotsi.privacy.erasure_services import erase_person
from luotsi.privacy.portability import Subject, build_export
from luotsi.testing import budgeting as pb

pytestmark = pytest.mark.django_db


def _ballot(cycle, plan):
    ballot = Ballot.objects.create(
        cycle=cycle,
        voter_key=secrets.token_hex(32),
        major_district=plan.major_district,
        channel=BallotChannel.ONLINE,
    )
    BallotChoice.objects.create(ballot=ballot, plan=plan)
    return ballot


@override_settings(RETENTION_PB_VOTER_KEYS_DAYS=90)
def test_ballots_are_unlinked_from_voters_after_retention_and_still_count(personas):
    old = pb.cycle(personas, phase=Phase.RESULTS)  # voting closed 30 days ago
    old_ballot = _ballot(old, pb.plan(personas, old))
    key = old_ballot.voter_key
    assert ballots_unlink_expired(now=timezone.now())["anonymised"] == 0
    later = timezone.now() + datetime.timedelta(days=61)
    assert ballots_unlink_expired(now=later, dry_run=True) == {"anonymised": 1}
    assert ballots_unlink_expired(now=later) == {"anonymised": 1}
    old_ballot.refresh_from_db()
    assert old_ballot.voter_key != key and len(old_ballot.voter_key) == 64
    assert old_ballot.unlinked_at is not None and old_ballot.choices.count() == 1
    assert ballots_unlink_expired(now=later) == {"anonymised": 0}  # idempotent


def test_erasing_a_proposer_keeps_the_published_proposal_without_them(personas):
    cycle = pb.cycle(personas)
    published = pb.proposal(
        personas, cycle, author=personas.resident, author_display_name="Riku R."
    )
    draft = pb.proposal(personas, cycle, author=personas.resident, status=ProposalStatus.SUBMITTED)
    export = build_export(subject=Subject.of_user(personas.resident), controller="Helsinki")
    section = next(s for s in export["sections"] if s["key"] == "pb_proposals")
    assert {r["id"] for r in section["records"]} == {published.pk, draft.pk}

    erase_person(subject=Subject.of_user(personas.resident), by=personas.coordinator)

    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.author is None and published.author_display_name == ""
    assert published.title == "Penkkejä puistoon"  # the public record stays
    assert draft.title == "—" and draft.description == "—"
