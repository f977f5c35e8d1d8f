import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from luotsi.areas.models import District
from luotsi.budgeting.models import CycleBudget, Phase, Plan, PlanStatus, ProposalStatus
from luotsi.budgeting.services import plans as services
from luotsi.events.models import EventKind
from luotsi.testing import budgeting as pb
from luotsi.testing import events as ev

pytestmark = pytest.mark.django_db

TEXTS = {"title_fi": "Uusi puisto", "title_en": "A new park", "description_fi": "Kuvaus"}


def client_for(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def url(name: str, plan: Plan) -> str:
    return reverse(f"budgeting:{name}", args=[plan.cycle.slug, plan.pk])


def draft(personas, cycle, **fields):
    return pb.plan(personas, cycle, status=PlanStatus.DRAFT, cost_estimate=None, code="", **fields)


def costed(personas, cycle, cost=100_000, **fields):
    return pb.plan(personas, cycle, status=PlanStatus.COSTED, cost=cost, code="", **fields)


def workshop(personas, major_number: int = 1, **fields):
    code = District.objects.filter(major_district__number=major_number).order_by("code")[0].code
    organiser = personas.officer_south if major_number == 1 else personas.officer_east
    return ev.event(
        personas, district_code=code, kind=EventKind.PB_WORKSHOP, organiser=organiser, **fields
    )


# --- creating and merging -------------------------------------------------------------------


def test_an_officer_merges_published_proposals_into_a_new_plan(personas):
    cycle = pb.cycle(personas, phase=Phase.COCREATION)
    first = pb.proposal(personas, cycle, title="Penkit")
    second = pb.proposal(personas, cycle, title="Kaupunkilaiset", major_district=None)
    meeting = workshop(personas)
    response = client_for(personas.officer_south).post(
        reverse("budgeting:plan-new", args=[cycle.slug]),
        {
            "major_district": "1",
            **TEXTS,
            "proposals": [first.pk, second.pk],
            "workshops": [meeting.pk],
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.status, plan.major_district, plan.created_by) == (
        PlanStatus.DRAFT,
        pb.major(1),
        personas.officer_south,
    )
    assert (plan.title_fi, plan.title_en) == ("Uusi puisto", "A new park")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.plan) == (ProposalStatus.MERGED, plan)
    assert (second.status, second.plan) == (ProposalStatus.MERGED, plan)
    assert list(plan.workshops.all()) == [meeting]
    page = client_for().get(url("plan", plan)).content.decode()
    assert "Penkit" in page and "Kaupunkilaiset" in page
    assert reverse("events:detail", args=[meeting.pk]) in page


def test_only_published_proposals_of_ones_own_districts_are_merged(personas):
    cycle = pb.cycle(personas, phase=Phase.COCREATION)
    waiting = pb.proposal(personas, cycle, status=ProposalStatus.SUBMITTED)
    eastern = pb.proposal(personas, cycle, major_district=pb.major(7))
    for proposal in (waiting, eastern):
        with translation.override("en"), pytest.raises(ValidationError) as error:
            services.plan_create(
                cycle=cycle,
                by=personas.officer_south,
                major_district=pb.major(1),
                texts=TEXTS,
                proposals=[proposal],
            )
        assert "cannot be merged" in error.value.message_dict["proposals"][0]
    # The coordinator may merge an eastern proposal, but not into a southern plan.
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_create(
            cycle=cycle,
            by=personas.coordinator,
            major_district=pb.major(1),
            texts=TEXTS,
            proposals=[eastern],
        )
    assert "another major district" in error.value.message_dict["proposals"][0]
    assert not Plan.objects.exists()
    eastern.refresh_from_db()
    assert eastern.status == ProposalStatus.PUBLISHED


def test_officers_build_plans_only_in_their_districts(personas):
    cycle = pb.cycle(personas, phase=Phase.COCREATION)
    with pytest.raises(ValidationError):
        services.plan_create(
            cycle=cycle, by=personas.officer_east, major_district=pb.major(1), texts=TEXTS
        )
    for user in (personas.official, personas.resident, personas.business_officer):
        with pytest.raises(ValidationError):
            services.plan_create(cycle=cycle, by=user, major_district=None, texts=TEXTS)
    # City-wide plans are every district officer's.
    citywide = services.plan_create(
        cycle=cycle, by=personas.officer_east, major_district=None, texts=TEXTS
    )
    assert citywide.major_district is None
    southern = draft(personas, cycle)
    assert client_for(personas.officer_east).get(url("plan-edit", southern)).status_code == 404
    assert client_for(personas.officer_south).get(url("plan-edit", southern)).status_code == 200
    # The form offers only one's own major districts.
    page = client_for(personas.officer_east).post(
        reverse("budgeting:plan-new", args=[cycle.slug]), {"major_district": "1", **TEXTS}
    )
    assert page.status_code == 400
    assert "Select a valid choice" in page.content.decode()


def test_a_plan_needs_a_title_in_some_language(personas):
    cycle = pb.cycle(personas, phase=Phase.COCREATION)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_create(
            cycle=cycle,
            by=personas.officer_south,
            major_district=pb.major(1),
            texts={"title_fi": " ", "description_fi": "x"},
        )
    assert "title_fi" in error.value.message_dict
    page = client_for(personas.officer_south).post(
        reverse("budgeting:plan-new", args=[cycle.slug]), {"major_district": "1"}
    )
    assert page.status_code == 400
    assert "Give the plan a title in at least one language." in page.content.decode()


def test_editing_a_plan_merges_more_proposals_and_links_workshops(personas):
    cycle = pb.cycle(personas, phase=Phase.COCREATION)
    plan = draft(personas, cycle)
    proposal = pb.proposal(personas, cycle)
    meeting = workshop(personas)
    response = client_for(personas.officer_south).post(
        url("plan-edit", plan),
        {
            "title_fi": "Muutettu",
            "title_sv": "Ändrad",
            "proposals": [proposal.pk],
            "workshops": [meeting.pk],
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title_fi, plan.title_sv) == ("Muutettu", "Ändrad")
    assert list(plan.proposals.all()) == [proposal]
    assert list(plan.workshops.all()) == [meeting]


def test_only_pb_workshops_of_the_plans_district_can_be_linked(personas):
    cycle = pb.cycle(personas, phase=Phase.COCREATION)
    plan = draft(personas, cycle)
    cafe = ev.event(personas)  # a neighbourhood café, not a workshop
    eastern = workshop(personas, major_number=7)
    for event in (cafe, eastern):
        with translation.override("en"), pytest.raises(ValidationError) as error:
            services.plan_update(
                plan=plan, by=personas.coordinator, texts={"title_fi": "x"}, workshops=[event]
            )
        assert "workshop" in error.value.message_dict["workshops"][0]
    assert not plan.workshops.exists()


def test_plan_titles_fall_back_to_finnish(personas):
    cycle = pb.cycle(personas, phase=Phase.COCREATION)
    plan = services.plan_create(
        cycle=cycle,
        by=personas.officer_south,
        major_district=pb.major(1),
        texts={"title_fi": "Vain suomeksi"},
    )
    page = client_for().get(url("plan", plan)).content.decode()
    assert "Vain suomeksi" in page
    sv = Client(HTTP_ACCEPT_LANGUAGE="sv").get(reverse("budgeting:plans", args=[cycle.slug]))
    assert "Vain suomeksi" in sv.content.decode()


def test_no_plans_are_made_once_voting_has_opened(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_create(
            cycle=cycle, by=personas.officer_south, major_district=pb.major(1), texts=TEXTS
        )
    assert "Voting has opened" in error.value.messages[0]


# --- costing --------------------------------------------------------------------------------


def test_a_plan_goes_to_costing_and_an_official_costs_it(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    plan = draft(personas, cycle)
    assert client_for(personas.official).get(url("plan-cost", plan)).status_code == 404
    sent = client_for(personas.officer_south).post(url("plan-send-to-costing", plan))
    assert sent.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COSTING
    official = client_for(personas.official)
    overview = official.get(reverse("budgeting:cycle-manage", args=[cycle.slug]))
    assert plan.title_en in overview.content.decode()
    assert official.get(url("plan-cost", plan)).status_code == 200
    done = official.post(
        url("plan-cost", plan),
        {"feasible": "yes", "cost_estimate": "150000", "feasibility_note": "Asfaltti kallista"},
    )
    assert done.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.cost_estimate, plan.estimated_by) == (
        PlanStatus.COSTED,
        150_000,
        personas.official,
    )
    page = client_for().get(url("plan", plan)).content.decode()
    assert "Asfaltti kallista" in page
    # Costed plans are not costed again until they are sent again.
    assert official.get(url("plan-cost", plan)).status_code == 404


def test_costing_errors_name_their_field(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    plan = pb.plan(personas, cycle, status=PlanStatus.COSTING, cost_estimate=None, code="")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_cost(
            plan=plan, by=personas.official, feasible=True, cost_estimate=None, feasibility_note=""
        )
    assert error.value.message_dict == {"cost_estimate": ["Give the cost estimate in euros."]}
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_cost(
            plan=plan, by=personas.official, feasible=False, cost_estimate=None, feasibility_note=""
        )
    assert error.value.message_dict == {"feasibility_note": ["Say why the plan is not feasible."]}
    with pytest.raises(ValidationError):
        services.plan_cost(
            plan=plan,
            by=personas.officer_south,
            feasible=True,
            cost_estimate=1000,
            feasibility_note="",
        )
    page = client_for(personas.official).post(
        url("plan-cost", plan), {"feasible": "yes", "cost_estimate": ""}
    )
    assert page.status_code == 400
    assert "Give the cost estimate in euros." in page.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COSTING


def test_a_plan_found_not_feasible_keeps_the_reason(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    plan = pb.plan(personas, cycle, status=PlanStatus.COSTING, cost_estimate=None, code="")
    services.plan_cost(
        plan=plan,
        by=personas.official,
        feasible=False,
        cost_estimate=None,
        feasibility_note="Tontti on yksityinen.",
    )
    plan.refresh_from_db()
    assert (plan.status, plan.cost_estimate) == (PlanStatus.NOT_FEASIBLE, None)
    assert "Tontti on yksityinen." in client_for().get(url("plan", plan)).content.decode()
    with pytest.raises(ValidationError):
        services.plan_approve(plan=plan, by=personas.officer_south, code="E1")


# --- approving for the ballot ---------------------------------------------------------------


def test_a_costed_plan_goes_on_the_ballot_with_a_unique_code(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    plan = costed(personas, cycle)
    page = client_for(personas.officer_south).get(url("plan-approve", plan))
    assert page.status_code == 200
    assert 'value="E1"' in page.content.decode()  # Eteläinen: E, and the first free number
    response = client_for(personas.officer_south).post(url("plan-approve", plan), {"code": "E1"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.code) == (PlanStatus.APPROVED, "E1")
    other = costed(personas, cycle)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_approve(plan=other, by=personas.officer_south, code="E1")
    assert error.value.message_dict == {
        "code": ["Another plan of this cycle already has the code E1."]
    }
    assert services.suggest_code(other) == "E2"
    page = client_for(personas.officer_south).post(url("plan-approve", other), {"code": "E1"})
    assert page.status_code == 400
    assert "already has the code E1" in page.content.decode()


def test_only_costed_plans_go_on_the_ballot(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    plan = draft(personas, cycle)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_approve(plan=plan, by=personas.officer_south, code="E1")
    assert "Only a costed plan" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        services.plan_approve(plan=costed(personas, cycle), by=personas.officer_south, code=" ")
    assert "code" in error.value.message_dict


def test_a_plan_costing_more_than_its_share_of_the_district_budget_is_refused(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    budget = CycleBudget.objects.get(cycle=cycle, major_district=pb.major(1)).amount
    limit = budget * cycle.max_project_share_percent // 100
    too_costly = costed(personas, cycle, cost=limit + 1)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_approve(plan=too_costly, by=personas.officer_south, code="E1")
    message = error.value.message_dict["cost_estimate"][0]
    assert "more than 50 % of the district's budget" in message
    page = client_for(personas.officer_south).post(url("plan-approve", too_costly), {"code": "E1"})
    assert page.status_code == 400
    assert "more than 50 % of the district" in page.content.decode()
    too_costly.refresh_from_db()
    assert too_costly.status == PlanStatus.COSTED
    just_right = costed(personas, cycle, cost=limit)
    services.plan_approve(plan=just_right, by=personas.officer_south, code="E2")
    assert Plan.objects.get(pk=just_right.pk).status == PlanStatus.APPROVED


def test_a_city_wide_plan_must_fit_the_pot(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING, citywide_percent=10)
    pot = CycleBudget.objects.get(cycle=cycle, major_district=None).amount
    plan = costed(personas, cycle, cost=pot + 1, major_district=None)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_approve(plan=plan, by=personas.officer_east, code="C1")
    assert "city-wide pot" in error.value.message_dict["cost_estimate"][0]
    fits = costed(personas, cycle, cost=pot, major_district=None)
    services.plan_approve(plan=fits, by=personas.officer_east, code="C1")
    # Without a city-wide pot no city-wide plan goes on the ballot.
    no_pot = pb.cycle(personas, phase=Phase.COSTING, citywide_percent=0)
    plan = costed(personas, no_pot, cost=10, major_district=None)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_approve(plan=plan, by=personas.officer_east, code="C1")
    assert "no budget for city-wide plans" in error.value.message_dict["major_district"][0]


def test_officer_east_cannot_approve_southern_plans(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    plan = costed(personas, cycle)
    assert client_for(personas.officer_east).get(url("plan-approve", plan)).status_code == 404
    assert (
        client_for(personas.officer_east).post(url("plan-approve", plan), {"code": "X"}).status_code
        == 404
    )
    with pytest.raises(ValidationError):
        services.plan_approve(plan=plan, by=personas.officer_east, code="X1")


def test_taking_a_plan_off_the_ballot_frees_its_code(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    plan = pb.plan(personas, cycle, code="E1")
    response = client_for(personas.officer_south).post(url("plan-unapprove", plan))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.code) == (PlanStatus.COSTED, "")


def test_the_ballot_is_frozen_once_voting_has_opened(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING)
    on_ballot = pb.plan(personas, cycle, code="E1")
    waiting = costed(personas, cycle)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_unapprove(plan=on_ballot, by=personas.officer_south)
    assert error.value.messages == [
        "Voting has opened: the plans on the ballot can no longer change."
    ]
    with pytest.raises(ValidationError):
        services.plan_approve(plan=waiting, by=personas.coordinator, code="E2")
    with pytest.raises(ValidationError):
        services.plan_send_to_costing(plan=waiting, by=personas.officer_south)
    officer = client_for(personas.officer_south)
    refused = officer.post(url("plan-unapprove", on_ballot))
    assert refused.status_code == 400
    assert "the plans on the ballot can no longer change" in refused.content.decode()
    page = officer.post(url("plan-approve", waiting), {"code": "E2"})
    assert page.status_code == 400
    assert "can no longer change" in page.content.decode()
    on_ballot.refresh_from_db()
    waiting.refresh_from_db()
    assert (on_ballot.status, waiting.status) == (PlanStatus.APPROVED, PlanStatus.COSTED)
