"""Fifty submissions of one voter at the same moment, repeated: exactly one ballot, never
over the limit, no error page; and paper and online ballots of one person racing each other.

Runs against PostgreSQL (`make test` runs the suite there too): real concurrent transactions,
each thread with its own connection. SQLite serialises every writer anyway (immediate
transactions), and its shared in-memory test database cannot run threads concurrently, so the
test is skipped there with that reason."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from luotsi.budgeting.models import Ballot, BallotChannel, BallotChoice, Phase
from luotsi.budgeting.services.voting import ballot_cast, paper_ballot_enter
from luotsi.testing import budgeting as pb
from luotsi.testing import voting as v

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
    ),
]

SUBMISSIONS = 50
ROUNDS = 4
K = 2


def _run_together(jobs) -> list[BaseException]:
    start = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def run(job) -> None:
        try:
            start.wait()
            job()
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_fifty_simultaneous_submissions_of_one_voter_make_one_ballot_within_k(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING, max_choices=K)
    plans = [pb.plan(personas, cycle).pk for _ in range(4)]
    url = f"/budgeting/{cycle.slug}/vote/"
    clients = [v.voter_client(v.identity(v.ADULT)) for _ in range(SUBMISSIONS)]
    accepted = 0

    def submit(client: Client, number: int, statuses: list[int]) -> None:
        # Every fifth submission asks for too many plans: it must be refused, whoever wins.
        chosen = plans if number % 5 == 0 else plans[number % 3 : number % 3 + K]
        response = client.post(url, {"major_district": 1, "plans": chosen})
        statuses.append(response.status_code)

    for round_number in range(ROUNDS):
        statuses: list[int] = []
        failures = _run_together(
            [lambda c=c, n=n, s=statuses: submit(c, n, s) for n, c in enumerate(clients)]
        )
        assert failures == []
        assert sorted(set(statuses)) == [302, 400], round_number
        assert statuses.count(400) == SUBMISSIONS // 5
        accepted += statuses.count(302)
        ballots = Ballot.objects.filter(cycle=cycle)
        assert ballots.count() == 1
        ballot = ballots.get()
        assert 1 <= BallotChoice.objects.filter(ballot=ballot).count() <= K
        assert ballot.revision == accepted - 1


def test_the_same_person_on_paper_and_online_at_once_gets_one_ballot(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING)
    plan = pb.plan(personas, cycle).pk

    def online(refused: list[ValidationError]) -> None:
        try:
            ballot_cast(
                cycle=cycle,
                identity=v.identity(v.SENIOR),
                major_district=pb.major(1),
                plan_ids=[plan],
            )
        except ValidationError as exc:
            refused.append(exc)

    def paper(refused: list[ValidationError]) -> None:
        try:
            paper_ballot_enter(
                cycle=cycle,
                identity_code=v.SENIOR,
                resident=True,
                major_district=pb.major(1),
                plan_ids=[plan],
                polling_place="Kallio library",
                by=personas.officer_south,
            )
        except ValidationError as exc:
            refused.append(exc)

    for _round in range(ROUNDS):
        Ballot.objects.filter(cycle=cycle).delete()
        refused: list[ValidationError] = []
        jobs = [lambda r=refused: online(r)] * 25 + [lambda r=refused: paper(r)] * 25
        assert _run_together(jobs) == []
        ballot = Ballot.objects.get(cycle=cycle)
        assert all(set(exc.message_dict) == {"voter"} for exc in refused)
        if ballot.channel == BallotChannel.PAPER:
            assert len(refused) == 49  # every other submission, online or paper, refused
        else:
            assert len(refused) == 25  # the paper ones; the other online ones were changes
