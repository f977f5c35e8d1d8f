"""Voting: the ballot formats and every rule, checked on the server; changing one's vote; the
voter sees only their own ballot."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from luotsi.budgeting.models import (
    Ballot,
    BallotChoice,
    BallotFormat,
    CycleBudget,
    Phase,
    PlanStatus,
)
from luotsi.budgeting.services.voting import ballot_cast
from luotsi.testing import budgeting as pb
from luotsi.testing import voting as v

pytestmark = pytest.mark.django_db


def _errors(call) -> dict[str, list[str]]:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


@pytest.fixture
def cycle(personas):
    return pb.cycle(personas, phase=Phase.VOTING, max_choices=2)


@pytest.fixture
def budget_cycle(personas):
    made = pb.cycle(
        personas,
        phase=Phase.VOTING,
        ballot_format=BallotFormat.DISTRICT_BUDGET,
        citywide_percent=10,
        total_budget=8_800_000,
    )
    return made


def test_district_pick_ballot_is_cast_and_freezes_the_rules(personas, cycle):
    plans = [pb.plan(personas, cycle, major_number=1) for _ in range(3)]
    who = v.identity()
    ballot = ballot_cast(
        cycle=cycle, identity=who, major_district=pb.major(1), plan_ids=[plans[0].pk, plans[1].pk]
    )
    assert ballot.voter_key == who.key_for(cycle.pk) and ballot.channel == "online"
    assert set(ballot.choices.values_list("plan", flat=True)) == {plans[0].pk, plans[1].pk}
    cycle.refresh_from_db()
    assert cycle.rules_frozen_at is not None


def test_too_many_choices_are_refused_naming_plans(personas, cycle):
    plans = [pb.plan(personas, cycle, major_number=1) for _ in range(3)]
    errors = _errors(
        lambda: ballot_cast(
            cycle=cycle,
            identity=v.identity(),
            major_district=pb.major(1),
            plan_ids=[p.pk for p in plans],
        )
    )
    assert errors == {"plans": ["You may choose at most 2 plans; you chose 3."]}
    assert not Ballot.objects.exists()


def test_a_plan_of_another_district_is_refused(personas, cycle):
    own = pb.plan(personas, cycle, major_number=1)
    other = pb.plan(personas, cycle, major_number=7, code="E-1")
    errors = _errors(
        lambda: ballot_cast(
            cycle=cycle,
            identity=v.identity(),
            major_district=pb.major(1),
            plan_ids=[own.pk, other.pk],
        )
    )
    assert list(errors) == ["plans"] and "E-1" in errors["plans"][0]
    assert "not on the ballot of" in errors["plans"][0]


def test_city_wide_plans_are_not_on_a_district_pick_ballot(personas, cycle):
    citywide = pb.plan(personas, cycle, major_number=None)
    errors = _errors(
        lambda: ballot_cast(
            cycle=cycle, identity=v.identity(), major_district=pb.major(1), plan_ids=[citywide.pk]
        )
    )
    assert "not on the ballot of" in errors["plans"][0]


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.COSTED, PlanStatus.NOT_FEASIBLE])
def test_plans_not_approved_or_unknown_or_of_another_cycle_are_refused(personas, cycle, status):
    unapproved = pb.plan(personas, cycle, status=status, code="")
    elsewhere = pb.plan(personas, pb.cycle(personas, phase=Phase.VOTING), major_number=1)
    for plan_ids in ([unapproved.pk], [elsewhere.pk], [999_999]):
        errors = _errors(
            lambda ids=plan_ids: ballot_cast(
                cycle=cycle, identity=v.identity(), major_district=pb.major(1), plan_ids=ids
            )
        )
        assert errors["plans"][0].startswith("A plan you chose is not on this cycle's ballot.")


def test_an_empty_ballot_or_a_missing_district_is_refused(personas, cycle):
    plan = pb.plan(personas, cycle)
    assert _errors(
        lambda: ballot_cast(
            cycle=cycle, identity=v.identity(), major_district=pb.major(1), plan_ids=[]
        )
    ) == {"plans": ["Choose at least one plan."]}
    assert "major_district" in _errors(
        lambda: ballot_cast(
            cycle=cycle, identity=v.identity(), major_district=None, plan_ids=[plan.pk]
        )
    )


@pytest.mark.parametrize("phase", [Phase.COSTING, Phase.COUNTING, Phase.RESULTS])
def test_voting_outside_the_voting_phase_is_refused(personas, phase):
    closed = pb.cycle(personas, phase=phase)
    plan = pb.plan(personas, closed)
    errors = _errors(
        lambda: ballot_cast(
            cycle=closed, identity=v.identity(), major_district=pb.major(1), plan_ids=[plan.pk]
        )
    )
    assert list(errors) == ["cycle"] and errors["cycle"][0].startswith("Voting is not open")


def test_too_young_or_not_resident_is_refused_with_the_reason(personas, cycle):
    plan = pb.plan(personas, cycle)
    child = v.identity(v.CHILD, born=datetime.date(2015, 1, 1))
    errors = _errors(
        lambda: ballot_cast(
            cycle=cycle, identity=child, major_district=pb.major(1), plan_ids=[plan.pk]
        )
    )
    assert errors == {"voter": ["Voters must be at least 12 years old on the day they vote."]}
    espoo = v.identity(v.SENIOR, municipality="049")
    errors = _errors(
        lambda: ballot_cast(
            cycle=cycle, identity=espoo, major_district=pb.major(1), plan_ids=[plan.pk]
        )
    )
    assert errors == {"voter": ["Only residents of the city may vote in this cycle."]}
    open_cycle = pb.cycle(personas, phase=Phase.VOTING, residency_required=False)
    other_plan = pb.plan(personas, open_cycle)
    assert ballot_cast(
        cycle=open_cycle, identity=espoo, major_district=pb.major(1), plan_ids=[other_plan.pk]
    )


def test_district_budget_ballot_respects_the_district_budget_and_the_citywide_pot(
    personas, budget_cycle
):
    south = CycleBudget.objects.get(cycle=budget_cycle, major_district=pb.major(1)).amount
    pot = CycleBudget.objects.get(cycle=budget_cycle, major_district=None).amount
    fits = pb.plan(personas, budget_cycle, cost=south - 1000)
    small = pb.plan(personas, budget_cycle, cost=2000)
    citywide = pb.plan(personas, budget_cycle, major_number=None, cost=pot)
    citywide_more = pb.plan(personas, budget_cycle, major_number=None, cost=1)
    who = v.identity()
    ballot = ballot_cast(
        cycle=budget_cycle,
        identity=who,
        major_district=pb.major(1),
        plan_ids=[fits.pk, citywide.pk],
    )
    assert ballot.choices.count() == 2
    errors = _errors(
        lambda: ballot_cast(
            cycle=budget_cycle,
            identity=who,
            major_district=pb.major(1),
            plan_ids=[fits.pk, small.pk, citywide.pk, citywide_more.pk],
        )
    )
    assert len(errors["plans"]) == 2
    assert "more than its budget" in errors["plans"][0]
    assert "more than the city-wide budget" in errors["plans"][1]
    # The refused change left the ballot as it was.
    assert set(ballot.choices.values_list("plan", flat=True)) == {fits.pk, citywide.pk}


def test_changing_the_vote_updates_the_same_ballot(personas, cycle):
    first, second = pb.plan(personas, cycle), pb.plan(personas, cycle)
    east = pb.plan(personas, cycle, major_number=7)
    who = v.identity()
    ballot = ballot_cast(cycle=cycle, identity=who, major_district=pb.major(1), plan_ids=[first.pk])
    again = ballot_cast(cycle=cycle, identity=who, major_district=pb.major(1), plan_ids=[second.pk])
    moved = ballot_cast(cycle=cycle, identity=who, major_district=pb.major(7), plan_ids=[east.pk])
    assert ballot.pk == again.pk == moved.pk
    assert Ballot.objects.count() == 1 and moved.revision == 2
    assert list(BallotChoice.objects.values_list("plan", flat=True)) == [east.pk]
    assert Ballot.objects.get().major_district == pb.major(7)


def test_the_same_person_in_another_cycle_has_another_key(personas, cycle):
    other = pb.cycle(personas, phase=Phase.VOTING)
    who = v.identity()
    a = ballot_cast(
        cycle=cycle,
        identity=who,
        major_district=pb.major(1),
        plan_ids=[pb.plan(personas, cycle).pk],
    )
    b = ballot_cast(
        cycle=other,
        identity=who,
        major_district=pb.major(1),
        plan_ids=[pb.plan(personas, other).pk],
    )
    assert a.voter_key != b.voter_key


# --- Pages -------------------------------------------------------------------------------


def test_voting_by_pages_choose_district_then_plans_then_change(personas, cycle):
    plan1, plan2 = pb.plan(personas, cycle), pb.plan(personas, cycle)
    client = v.voter_client()
    url = f"/budgeting/{cycle.slug}/vote/"
    with translation.override("en"):
        page = client.get(url)
        assert page.status_code == 200 and "Choose a major district" in page.content.decode()
        page = client.get(url, {"district": 1})
        body = page.content.decode()
        assert f'value="{plan1.pk}"' in body and "choose at most 2 plans" in body
        response = client.post(url, {"major_district": 1, "plans": [plan1.pk]})
        assert response.status_code == 302
        page = client.get(response["Location"])
        body = page.content.decode()
        assert "Your current vote" in body and "Thank you: your vote has been recorded" in body
        response = client.post(url, {"major_district": 1, "plans": [plan1.pk, plan2.pk]})
        assert response.status_code == 302
        assert "Your vote has been changed." in client.get(url).content.decode()
    ballot = Ballot.objects.get()
    assert ballot.revision == 1 and ballot.choices.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"major_district": 1, "plans": ["P1", "P2", "P3"]}, "not on this ballot"),
        ({"major_district": 1, "plans": []}, "Choose at least one plan."),
        ({"major_district": 99, "plans": []}, "Choose a major district of this cycle."),
    ],
)
def test_bad_ballots_re_render_with_the_error_and_status_400(personas, cycle, data, message):
    plans = [pb.plan(personas, cycle) for _ in range(3)]
    data = {**data, "plans": [plans[int(p[1:]) - 1].pk for p in data["plans"]] or []}
    if data["plans"] and len(data["plans"]) == 3:
        message = "You may choose at most 2 plans; you chose 3."
    client = v.voter_client()
    with translation.override("en"):
        response = client.post(f"/budgeting/{cycle.slug}/vote/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_forged_plan_id_is_a_clear_error_not_a_500(personas, cycle):
    client = v.voter_client()
    with translation.override("en"):
        response = client.post(
            f"/budgeting/{cycle.slug}/vote/", {"major_district": "x", "plans": ["nonsense"]}
        )
    assert response.status_code == 400


def test_ineligible_voter_sees_why(personas, cycle):
    client = v.voter_client(v.identity(v.CHILD, born=datetime.date(2015, 1, 1)))
    with translation.override("en"):
        response = client.get(f"/budgeting/{cycle.slug}/vote/")
    assert response.status_code == 403
    assert "at least 12 years old" in response.content.decode()


def test_closed_voting_page_says_so(personas):
    closed = pb.cycle(personas, phase=Phase.COUNTING)
    client = v.voter_client()
    with translation.override("en"):
        assert (
            "voting is not open" in client.get(f"/budgeting/{closed.slug}/vote/").content.decode()
        )
        assert client.post(f"/budgeting/{closed.slug}/vote/", {}).status_code == 400


def test_unpublished_cycle_is_404(personas):
    hidden = pb.cycle(personas, phase=Phase.VOTING, published=False)
    assert v.voter_client().get(f"/budgeting/{hidden.slug}/vote/").status_code == 404


def test_a_voter_sees_only_their_own_ballot(personas, cycle):
    mine, theirs = pb.plan(personas, cycle), pb.plan(personas, cycle)
    ballot_cast(
        cycle=cycle, identity=v.identity(v.SENIOR), major_district=pb.major(1), plan_ids=[theirs.pk]
    )
    client = v.voter_client(v.identity(v.ADULT))
    with translation.override("en"):
        body = client.get(f"/budgeting/{cycle.slug}/vote/", {"district": 1}).content.decode()
        assert "Your current vote" not in body
        client.post(f"/budgeting/{cycle.slug}/vote/", {"major_district": 1, "plans": [mine.pk]})
        body = client.get(f"/budgeting/{cycle.slug}/vote/").content.decode()
    current = body.split("Your current vote")[1].split("</section>")[0]
    assert mine.code in current and theirs.code not in current


def test_identity_expiry_sends_the_voter_back_to_identify(personas, cycle):
    client = v.voter_client()
    later = timezone.now() + datetime.timedelta(minutes=45)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(f"/budgeting/{cycle.slug}/vote/")
    assert response.status_code == 302 and "/identify/start/" in response["Location"]


def test_voting_in_finnish_by_the_dev_provider_end_to_end(personas, cycle):
    plan = pb.plan(personas, cycle)
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    url = f"/budgeting/{cycle.slug}/vote/"
    assert v.identify_via_dev_provider(client, next_url=url) == url
    response = client.post(url, {"major_district": 1, "plans": [plan.pk]})
    assert response.status_code == 302
    assert Ballot.objects.get().voter_key == v.identity().key_for(cycle.pk)
