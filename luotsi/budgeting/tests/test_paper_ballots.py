"""Paper (in-person) ballots: officers type the identity code at a polling point; the same
keyed hash as online makes one ballot per person across both channels."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from luotsi.budgeting.models import Ballot, BallotChannel, Phase
from luotsi.budgeting.services.voting import ballot_cast, paper_ballot_correct, paper_ballot_enter
from luotsi.privacy.models import AuditEvent
from luotsi.testing import budgeting as pb
from luotsi.testing import voting as v

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(personas):
    return pb.cycle(personas, phase=Phase.VOTING)


def _enter(personas, cycle, plan, code=v.SENIOR, **extra):
    values = {
        "cycle": cycle,
        "identity_code": code,
        "resident": True,
        "major_district": pb.major(1),
        "plan_ids": [plan.pk],
        "polling_place": "Kallio library",
        "by": personas.officer_south,
    }
    values.update(extra)
    return paper_ballot_enter(**values)


def test_a_paper_ballot_is_recorded_with_its_officer_place_and_audit(personas, cycle):
    plan = pb.plan(personas, cycle)
    ballot = _enter(personas, cycle, plan)
    assert ballot.channel == BallotChannel.PAPER
    assert ballot.entered_by == personas.officer_south
    assert ballot.polling_place == "Kallio library"
    assert ballot.voter_key == v.identity(v.SENIOR).key_for(cycle.pk)
    event = AuditEvent.objects.get(object_type="budgeting.ballot", object_id=str(ballot.pk))
    assert event.actor == personas.officer_south
    assert "131052" not in event.summary and "Kallio library" in event.summary


def test_a_person_who_voted_online_cannot_vote_on_paper(personas, cycle):
    plan = pb.plan(personas, cycle)
    ballot_cast(
        cycle=cycle, identity=v.identity(v.SENIOR), major_district=pb.major(1), plan_ids=[plan.pk]
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _enter(personas, cycle, plan, code="131052-308t")  # typed in lower case
    assert error.value.message_dict["voter"][0].startswith(
        "This person has already voted online on "
    )
    assert Ballot.objects.count() == 1


def test_a_person_cannot_vote_twice_on_paper_nor_then_online(personas, cycle):
    plan = pb.plan(personas, cycle)
    _enter(personas, cycle, plan)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _enter(personas, cycle, plan, by=personas.coordinator, polling_place="Itis")
    assert error.value.message_dict["voter"][0].startswith(
        "This person has already voted on paper at Kallio library on "
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        ballot_cast(
            cycle=cycle,
            identity=v.identity(v.SENIOR),
            major_district=pb.major(1),
            plan_ids=[plan.pk],
        )
    assert "A paper ballot cannot be changed online." in error.value.message_dict["voter"][0]
    assert Ballot.objects.count() == 1


def test_age_comes_from_the_identity_code_and_residency_from_the_officer(personas, cycle):
    plan = pb.plan(personas, cycle)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _enter(personas, cycle, plan, code=v.CHILD)
    assert "at least 12 years old" in error.value.message_dict["voter"][0]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _enter(personas, cycle, plan, resident=False)
    assert "Only residents" in error.value.message_dict["voter"][0]
    assert _enter(personas, cycle, plan, code=v.TEEN)


def test_a_malformed_identity_code_names_the_field(personas, cycle):
    plan = pb.plan(personas, cycle)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _enter(personas, cycle, plan, code="131052-308U")
    assert list(error.value.message_dict) == ["identity_code"]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _enter(personas, cycle, plan, polling_place=" ")
    assert list(error.value.message_dict) == ["polling_place"]


def test_the_officer_corrects_a_paper_ballot(personas, cycle):
    first, second = pb.plan(personas, cycle), pb.plan(personas, cycle)
    ballot = _enter(personas, cycle, first)
    corrected = paper_ballot_correct(
        ballot=ballot,
        major_district=pb.major(1),
        plan_ids=[second.pk],
        polling_place="Kallio library",
        by=personas.officer_south,
    )
    assert corrected.revision == 1
    assert list(corrected.choices.values_list("plan", flat=True)) == [second.pk]
    assert AuditEvent.objects.filter(object_id=str(ballot.pk), action="change").exists()


# --- Pages -------------------------------------------------------------------------------


def _officer_client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_officer_enters_a_paper_ballot_by_pages(personas, cycle):
    plan = pb.plan(personas, cycle)
    client = _officer_client(personas.officer_south)
    url = f"/budgeting/{cycle.slug}/paper-ballots/new/"
    with translation.override("en"):
        page = client.get(url)  # one district served: straight to the ballot
        assert page.status_code == 200 and f'value="{plan.pk}"' in page.content.decode()
        response = client.post(
            url,
            {
                "major_district": 1,
                "plans": [plan.pk],
                "identity_code": v.ADULT,
                "resident": "on",
                "polling_place": "Kallio library",
            },
        )
        assert response.status_code == 302
        page = client.get(response["Location"])
        body = page.content.decode()
        assert "The paper ballot has been recorded." in body
        assert 'value="Kallio library"' in body  # the polling point is remembered
        assert v.ADULT not in body
        again = client.post(
            url,
            {
                "major_district": 1,
                "plans": [plan.pk],
                "identity_code": v.ADULT,
                "resident": "on",
                "polling_place": "Kallio library",
            },
        )
    assert again.status_code == 400
    assert "This person has already voted on paper at Kallio library" in again.content.decode()
    assert Ballot.objects.count() == 1


def test_an_officer_enters_ballots_only_for_their_districts(personas, cycle):
    plan = pb.plan(personas, cycle, major_number=7)
    client = _officer_client(personas.officer_south)
    url = f"/budgeting/{cycle.slug}/paper-ballots/new/"
    assert client.get(url, {"district": 7}).status_code == 403
    response = client.post(
        url,
        {
            "major_district": 7,
            "plans": [plan.pk],
            "identity_code": v.SENIOR,
            "resident": "on",
            "polling_place": "Itis",
        },
    )
    assert response.status_code == 403
    assert not Ballot.objects.exists()
    east = _officer_client(personas.officer_east)
    page = east.get(url)
    assert page.status_code == 200 and 'name="district"' in page.content.decode()


def test_only_the_officer_who_entered_a_ballot_or_the_coordinator_corrects_it(personas, cycle):
    plan = pb.plan(personas, cycle)
    ballot = _enter(personas, cycle, plan)
    url = f"/budgeting/{cycle.slug}/paper-ballots/{ballot.pk}/"
    assert _officer_client(personas.officer_south).get(url).status_code == 200
    assert _officer_client(personas.coordinator).get(url).status_code == 200
    assert _officer_client(personas.officer_east).get(url).status_code == 404
    online = ballot_cast(
        cycle=cycle, identity=v.identity(), major_district=pb.major(1), plan_ids=[plan.pk]
    )
    online_url = f"/budgeting/{cycle.slug}/paper-ballots/{online.pk}/"
    assert _officer_client(personas.coordinator).get(online_url).status_code == 404


def test_staff_see_counts_never_who_voted(personas, cycle):
    plan = pb.plan(personas, cycle)
    ballot_cast(cycle=cycle, identity=v.identity(), major_district=pb.major(1), plan_ids=[plan.pk])
    _enter(personas, cycle, plan)
    with translation.override("en"):
        body = (
            _officer_client(personas.coordinator)
            .get(f"/budgeting/{cycle.slug}/paper-ballots/")
            .content.decode()
        )
    assert "2 ballots: 1 online, 1 on paper." in body
    for ballot in Ballot.objects.all():
        assert ballot.voter_key not in body
    assert (
        _officer_client(personas.official)
        .get(f"/budgeting/{cycle.slug}/paper-ballots/")
        .status_code
        == 403
    )


def test_paper_form_errors_re_render_with_status_400(personas, cycle):
    plan = pb.plan(personas, cycle)
    client = _officer_client(personas.officer_south)
    with translation.override("en"):
        response = client.post(
            f"/budgeting/{cycle.slug}/paper-ballots/new/",
            {
                "major_district": 1,
                "plans": [plan.pk],
                "identity_code": "131052-308U",
                "resident": "on",
                "polling_place": "Kallio",
            },
        )
    assert response.status_code == 400
    assert "check character does not match" in response.content.decode()


def test_a_voter_who_voted_on_paper_is_told_so_online(personas, cycle):
    plan = pb.plan(personas, cycle)
    _enter(personas, cycle, plan)
    client = v.voter_client(v.identity(v.SENIOR, born=datetime.date(1952, 10, 13)))
    with translation.override("en"):
        page = client.get(f"/budgeting/{cycle.slug}/vote/")
        assert page.status_code == 200
        assert "You voted at a polling point on" in page.content.decode()
        refused = client.post(
            f"/budgeting/{cycle.slug}/vote/", {"major_district": 1, "plans": [plan.pk]}
        )
    assert refused.status_code == 400
    assert Ballot.objects.get().channel == BallotChannel.PAPER


def test_identified_voter_page_shows_when_identification_ends(personas):
    client = v.voter_client()
    with translation.override("en"):
        page = client.get("/budgeting/identify/start/?next=/budgeting/x/vote/")
    body = page.content.decode()
    assert "Your identification is valid until" in body and 'href="/budgeting/x/vote/"' in body
