"""`manage.py generate_scale` (benchmarks/scale.py) at a hundredth of Helsinki: the counts,
reproducibility by seed, the one-ballot-per-person and own-district rules, and clear errors."""

import hashlib
from collections.abc import Iterable

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F

from benchmarks.scale import HELSINKI_RESIDENTS, planned_counts
from luotsi.areas.models import District
from luotsi.budgeting.models import Ballot, BallotChoice, Cycle, PlanResult
from luotsi.campaigns.models import Campaign, Target
from luotsi.concerns.models import Message
from luotsi.events.models import Event, Registration
from luotsi.network.models import Contact, Interaction, Organisation
from luotsi.web.management.commands import generate_scale as command

pytestmark = pytest.mark.django_db

TODAY = "2026-06-15"  # fixed, so that the data do not depend on the day the tests run


def generate(residents: str = "6700", seed: str = "1") -> None:
    call_command(
        "generate_scale", "--residents", residents, "--seed", seed, "--today", TODAY, verbosity=0
    )


class Rollback(Exception):
    pass


def _add(digest: "hashlib._Hash", rows: Iterable[object]) -> None:
    for row in rows:
        digest.update(repr(row).encode())


def data_digest() -> str:
    """A hash of the generated data without primary keys (a rolled-back PostgreSQL sequence
    does not go back) or creation times: rows in creation order, natural columns only."""
    digest = hashlib.sha256()
    _add(
        digest,
        Organisation.objects.order_by("pk").values_list(
            "name", "kind", "email", "district__code", "sub_district__code", "latitude"
        ),
    )
    _add(
        digest,
        Contact.objects.order_by("pk").values_list(
            "full_name", "email", "district__code", "consent_date", "lawful_basis", "visibility"
        ),
    )
    _add(
        digest,
        Interaction.objects.order_by("pk").values_list(
            "occurred_on", "channel", "summary", "district__code", "officer__email"
        ),
    )
    _add(
        digest,
        Interaction.contacts.through.objects.order_by("pk").values_list(
            "interaction__occurred_on", "contact__email"
        ),
    )
    _add(digest, Event.objects.order_by("pk").values_list("title", "start", "status", "latitude"))
    _add(
        digest,
        Registration.objects.order_by("pk").values_list("event__start", "email", "token"),
    )
    _add(
        digest,
        Message.objects.order_by("pk").values_list(
            "reference", "token", "status", "created_at", "district__code", "service__code"
        ),
    )
    _add(
        digest,
        BallotChoice.objects.order_by("pk").values_list(
            "ballot__cycle__slug", "ballot__voter_key", "ballot__channel", "plan__code"
        ),
    )
    _add(
        digest,
        PlanResult.objects.order_by("plan__cycle__slug", "plan__code").values_list(
            "plan__code", "plan__cost_estimate", "votes", "selected", "rank"
        ),
    )
    _add(
        digest,
        Target.objects.order_by("pk").values_list(
            "campaign__title", "organisation__name", "status", "contacted_on", "token"
        ),
    )
    return digest.hexdigest()


def digest_of_run(seed: str) -> str:
    """Generate (at a thousandth of Helsinki, for speed), hash, and roll the data back, so that
    the next run starts afresh."""
    try:
        with transaction.atomic():
            generate(residents="670", seed=seed)
            digest = data_digest()
            raise Rollback
    except Rollback:
        pass
    return digest


def test_counts_are_a_hundredth_of_helsinki():
    generate()
    planned = planned_counts(6700)
    # Linear in the residents (±1 for rounding), at least one of each.
    nominal = {
        "organisations": 100,
        "contacts": 500,
        "interactions": 10_000,
        "events": 50,
        "registrations": 1_000,
        "messages": 1_000,
        "ballots per cycle": 500,
        "campaigns": 1,
        "targets per campaign": 50,
    }
    assert all(abs(planned[kind] - n) <= 1 for kind, n in nominal.items()), planned
    assert command.HELSINKI_RESIDENTS == HELSINKI_RESIDENTS
    assert Organisation.objects.count() == planned["organisations"]
    assert Contact.objects.count() == planned["contacts"]
    assert Interaction.objects.count() == planned["interactions"]
    # Every interaction is with one or two people.
    links = Interaction.contacts.through.objects.count()
    assert planned["interactions"] <= links <= 2 * planned["interactions"]
    assert Event.objects.count() == planned["events"]
    assert Registration.objects.count() == planned["registrations"]
    assert Message.objects.count() == planned["messages"]
    assert Cycle.objects.filter(slug__startswith="scale-").count() == 3
    assert Ballot.objects.count() == 3 * planned["ballots per cycle"]
    assert Campaign.objects.count() == planned["campaigns"]
    assert Target.objects.count() == planned["campaigns"] * planned["targets per campaign"]


def test_records_follow_the_population():
    generate()
    # Östersundom (major district 8) has a few thousand of Helsinki's 670,000 residents.
    per_major = dict(
        Contact.objects.values_list("district__major_district__number").annotate(n=Count("id"))
    )
    assert per_major.get(8, 0) < min(per_major[n] for n in range(1, 8))
    assert not Contact.objects.filter(district__isnull=True).exists()
    # Points agree with their areas: a record's sub-district lies in its district.
    assert not Event.objects.exclude(sub_district__district=F("district")).exists()


def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    first = digest_of_run("7")
    assert digest_of_run("7") == first
    assert digest_of_run("8") != first


def test_ballots_are_one_per_person_and_choose_plans_of_their_own_district():
    generate()
    duplicates = Ballot.objects.values("cycle", "voter_key").annotate(n=Count("id")).filter(n__gt=1)
    assert not duplicates.exists()
    assert not BallotChoice.objects.exclude(
        plan__major_district=F("ballot__major_district")
    ).exists()
    assert not BallotChoice.objects.exclude(plan__cycle=F("ballot__cycle")).exists()
    choices = Ballot.objects.annotate(n=Count("choices")).values_list("n", flat=True)
    assert min(choices) >= 1
    assert max(choices) <= 5
    # The two past cycles are counted and published; the latest is open for voting.
    cycles = list(Cycle.objects.filter(slug__startswith="scale-").order_by("voting_starts_at"))
    assert [c.results_published_at is not None for c in cycles] == [True, True, False]
    assert PlanResult.objects.filter(plan__cycle=cycles[0], selected=True).exists()


def test_a_second_run_on_the_same_database_is_refused():
    generate(residents="670")
    with pytest.raises(CommandError, match="has scale data already"):
        generate(residents="670", seed="2")


@pytest.mark.parametrize("residents", ["0", "-5", "many", "1.5"])
def test_a_bad_number_of_residents_is_a_clear_error(residents):
    with pytest.raises(CommandError, match="positive whole number"):
        generate(residents=residents)
    assert not Contact.objects.exists()


def test_a_missing_territory_is_a_clear_error():
    with pytest.raises(CommandError, match="load_city atlantis"):
        call_command("generate_scale", "--residents", "100", "--city", "atlantis", verbosity=0)
    assert District.objects.exists()  # the Helsinki territory is still there
    assert not Contact.objects.exists()
