import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from luotsi.budgeting.models import (
    Cycle,
    CycleBudget,
    Phase,
    PlanResult,
    PlanStatus,
    ProposalStatus,
)
from luotsi.budgeting.selectors_proposals import timeline
from luotsi.budgeting.services.coproduction import workspace_open
from luotsi.testing import budgeting as pb

pytestmark = pytest.mark.django_db


def client_for(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def cycle_form_data(cycle: Cycle | None = None, **changes) -> dict:
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    data = {
        "slug": "omastadi-2027",
        "title_fi": "OmaStadi 2027",
        "title_sv": "OmaStadi 2027 (sv)",
        "title_en": "OmaStadi 2027 (en)",
        "description_fi": "",
        "published": "on",
        "total_budget": "10000000",
        "citywide_percent": "20",
        "split_formula": "population",
        "population_year": "",
        "proposals_start": (today + 10 * day).isoformat(),
        "proposals_end": (today + 40 * day).isoformat(),
        "cocreation_start": (today + 41 * day).isoformat(),
        "cocreation_end": (today + 80 * day).isoformat(),
        "costing_start": (today + 81 * day).isoformat(),
        "costing_end": (today + 100 * day).isoformat(),
        "voting_starts_at": (today + 101 * day).strftime("%Y-%m-%dT09:00"),
        "voting_ends_at": (today + 120 * day).strftime("%Y-%m-%dT20:00"),
        "implementation_start": "",
        "min_age": "12",
        "residency_required": "on",
        "ballot_format": "district_pick",
        "max_choices": "5",
        "max_project_share_percent": "50",
        "counting_rule": "greedy",
        "tie_break": "max-votes",
    }
    if cycle is not None:
        local = timezone.localtime
        data.update(
            {
                "slug": cycle.slug,
                "title_fi": cycle.title_fi or "",
                "title_sv": cycle.title_sv or "",
                "title_en": cycle.title_en or "",
                "total_budget": str(cycle.total_budget),
                "citywide_percent": str(cycle.citywide_percent),
                "voting_starts_at": local(cycle.voting_starts_at).strftime("%Y-%m-%dT%H:%M"),
                "voting_ends_at": local(cycle.voting_ends_at).strftime("%Y-%m-%dT%H:%M"),
                **{
                    name: getattr(cycle, name).isoformat()
                    for name in (
                        "proposals_start",
                        "proposals_end",
                        "cocreation_start",
                        "cocreation_end",
                        "costing_start",
                        "costing_end",
                    )
                },
            }
        )
    data.update(changes)
    return data


# --- public pages ---------------------------------------------------------------------------


def test_the_list_shows_published_cycles_with_their_current_phase(personas):
    pb.cycle(personas, phase=Phase.PROPOSALS, title_en="Round four")
    pb.cycle(personas, phase=Phase.PROPOSALS, title_en="Secret round", published=False)
    page = client_for().get(reverse("budgeting:cycles")).content.decode()
    assert "Round four" in page and "Secret round" not in page
    assert "Now:" in page and 'aria-current="step"' in page
    coordinator = client_for(personas.coordinator).get(reverse("budgeting:cycles"))
    assert "Secret round" in coordinator.content.decode()


def test_the_timeline_marks_the_current_phase_and_past_ones(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    steps = {step.phase: step for step in timeline(cycle)}
    assert steps[Phase.COSTING].current
    assert steps[Phase.PROPOSALS].past and steps[Phase.COCREATION].past
    assert not steps[Phase.VOTING].past and not steps[Phase.VOTING].current
    counting = pb.cycle(personas, phase=Phase.COUNTING)
    steps = {step.phase: step for step in timeline(counting)}
    assert steps[Phase.VOTING].past and not any(s.current for s in steps.values())


def test_the_cycle_page_shows_budgets_rules_and_links(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING, citywide_percent=20, title_en="Round four")
    response = client_for().get(reverse("budgeting:cycle", args=[cycle.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    for budget in CycleBudget.objects.filter(cycle=cycle).select_related("major_district"):
        name = budget.major_district.name if budget.major_district else "City-wide"
        assert name in page
    assert "8,800,000" in page or "8 800 000" in page
    assert "Budget per major district" in page
    assert "12 or older" in page and "You must live in the city." in page
    assert "at most 5 of its plans" in page
    assert "No plan may cost more than 50 % of its district" in page
    base = f"/budgeting/{cycle.slug}/"
    for link in ("vote/", "proposals/", "plans/"):
        assert f'href="{base}{link}"' in page, link
    assert "Vote now" in page


@pytest.mark.parametrize(
    ("phase", "shown", "hidden"),
    [
        (Phase.PROPOSALS, [], ["vote/", "results/", "tracker/"]),
        (Phase.VOTING, ["vote/"], ["results/", "tracker/"]),
        (Phase.COUNTING, [], ["vote/", "results/", "tracker/"]),
        (Phase.RESULTS, ["results/", "tracker/"], ["vote/"]),
        (Phase.IMPLEMENTATION, ["results/", "tracker/"], ["vote/"]),
    ],
)
def test_the_cycle_page_links_to_voting_results_and_tracker_only_when_they_make_sense(
    personas, phase, shown, hidden
):
    cycle = pb.cycle(personas, phase=phase)
    page = client_for().get(reverse("budgeting:cycle", args=[cycle.slug])).content.decode()
    base = f"/budgeting/{cycle.slug}/"
    for link in shown:
        assert f'href="{base}{link}"' in page, link
    for link in hidden:
        assert f'href="{base}{link}"' not in page, link


def test_the_staff_page_links_to_paper_ballots_counting_and_workspaces(personas):
    cycle = pb.cycle(personas, phase=Phase.RESULTS)
    overview = reverse("budgeting:cycle-manage", args=[cycle.slug])
    base = f"/budgeting/{cycle.slug}/"
    coordinator = client_for(personas.coordinator).get(overview).content.decode()
    for link in ("paper-ballots/", "results/count/", "workspaces/"):
        assert f'href="{base}{link}"' in coordinator, link
    officer = client_for(personas.officer_south).get(overview).content.decode()
    assert f'href="{base}paper-ballots/"' in officer
    assert f'href="{base}results/count/"' not in officer
    early = pb.cycle(personas, phase=Phase.COSTING)
    before = client_for(personas.coordinator).get(
        reverse("budgeting:cycle-manage", args=[early.slug])
    )
    assert f'href="/budgeting/{early.slug}/paper-ballots/"' not in before.content.decode()


def test_a_selected_plan_links_to_its_tracker_page_and_workspace(personas):
    cycle = pb.cycle(personas, phase=Phase.RESULTS)
    plan = pb.plan(personas, cycle)
    PlanResult.objects.create(plan=plan, votes=3, selected=True, rank=1)
    detail = reverse("budgeting:plan", args=[cycle.slug, plan.pk])
    tracker = f'href="/budgeting/{cycle.slug}/tracker/{plan.pk}/"'
    opening = f'href="/budgeting/{cycle.slug}/workspaces/open/{plan.pk}/"'

    public = client_for().get(detail).content.decode()
    assert tracker in public and opening not in public and "/workspaces/" not in public
    officer = client_for(personas.officer_south).get(detail).content.decode()
    assert opening in officer
    assert opening not in client_for(personas.officer_east).get(detail).content.decode()

    workspace = workspace_open(plan=plan, by=personas.officer_south)
    inside = f'href="/budgeting/{cycle.slug}/workspaces/{workspace.pk}/"'
    assert inside in client_for(personas.officer_south).get(detail).content.decode()
    assert inside not in client_for(personas.official).get(detail).content.decode()
    assert inside not in client_for().get(detail).content.decode()


def test_the_home_page_mentions_the_current_cycle(personas):
    assert "Take part in" not in client_for().get("/").content.decode()
    cycle = pb.cycle(personas, phase=Phase.PROPOSALS, title_en="Round five")
    home = client_for().get("/").content.decode()
    assert f'href="/budgeting/{cycle.slug}/"' in home and "Take part in Round five" in home


def test_an_unpublished_cycle_is_404_except_for_the_coordinator(personas):
    cycle = pb.cycle(personas, published=False)
    pb.proposal(personas, cycle)
    for name in ("cycle", "proposals", "plans"):
        target = reverse(f"budgeting:{name}", args=[cycle.slug])
        assert client_for().get(target).status_code == 404
        assert client_for(personas.officer_south).get(target).status_code == 404
        assert client_for(personas.coordinator).get(target).status_code == 200


# --- the coordinator's cycle pages ----------------------------------------------------------


def test_the_coordinator_creates_a_cycle_with_budgets_split_by_population(personas):
    client = client_for(personas.coordinator)
    assert client.get(reverse("budgeting:cycle-new")).status_code == 200
    response = client.post(reverse("budgeting:cycle-new"), cycle_form_data())
    assert response.status_code == 302
    cycle = Cycle.objects.get(slug="omastadi-2027")
    assert (cycle.title_fi, cycle.title_sv, cycle.created_by) == (
        "OmaStadi 2027",
        "OmaStadi 2027 (sv)",
        personas.coordinator,
    )
    budgets = CycleBudget.objects.filter(cycle=cycle)
    assert sum(b.amount for b in budgets) == 10_000_000
    assert budgets.get(major_district=None).amount == 2_000_000


def test_the_cycle_form_names_the_wrong_fields(personas):
    client = client_for(personas.coordinator)
    data = cycle_form_data(proposals_end=cycle_form_data()["proposals_start"])
    data["cocreation_start"] = "2000-01-01"
    response = client.post(reverse("budgeting:cycle-new"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Co-creation cannot start before proposals open." in page
    assert not Cycle.objects.exists()
    pb.cycle(personas, slug="taken")
    for slug, message in (
        ("taken", "Another cycle already has this identifier."),
        ("manage", "This identifier is reserved"),
    ):
        response = client.post(reverse("budgeting:cycle-new"), cycle_form_data(slug=slug))
        assert response.status_code == 400
        assert message in response.content.decode()


def test_only_the_coordinator_creates_and_edits_cycles(personas):
    cycle = pb.cycle(personas)
    for user in (personas.officer_south, personas.official, personas.resident):
        client = client_for(user)
        assert client.get(reverse("budgeting:cycle-new")).status_code == 403
        assert client.post(reverse("budgeting:cycle-new"), cycle_form_data()).status_code == 403
        edit = reverse("budgeting:cycle-edit", args=[cycle.slug])
        assert client.post(edit, cycle_form_data(cycle)).status_code == 403


def test_rules_cannot_change_after_voting_opened_but_texts_can(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING, title_en="Round four")
    client = client_for(personas.coordinator)
    edit = reverse("budgeting:cycle-edit", args=[cycle.slug])
    page = client.get(edit)
    assert page.status_code == 200
    assert "the rules voters rely on" in page.content.decode()
    refused = client.post(
        edit, cycle_form_data(cycle, total_budget="9000000", max_choices="3", min_age="15")
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert text.count("The rules cannot be changed after voting has opened.") >= 3
    for label in ("Total budget (€)", "Most plans a voter may choose", "Minimum age"):
        assert f"{label}: The rules cannot be changed" in text, label
    cycle.refresh_from_db()
    assert (cycle.total_budget, cycle.max_choices, cycle.min_age) == (8_800_000, 5, 12)
    allowed = client.post(edit, cycle_form_data(cycle, title_en="Round four, corrected"))
    assert allowed.status_code == 302
    cycle.refresh_from_db()
    assert cycle.title_en == "Round four, corrected"
    assert cycle.rules_frozen_at is not None


def test_before_voting_the_rules_can_still_change(personas):
    cycle = pb.cycle(personas, phase=Phase.COSTING)
    response = client_for(personas.coordinator).post(
        reverse("budgeting:cycle-edit", args=[cycle.slug]),
        cycle_form_data(cycle, max_choices="3", published="on"),
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.max_choices == 3


# --- the staff overview ---------------------------------------------------------------------


def test_the_staff_overview_is_scoped_by_district(personas):
    cycle = pb.cycle(personas)
    pb.proposal(personas, cycle, title="Etelän ehdotus", status=ProposalStatus.SUBMITTED)
    pb.proposal(
        personas,
        cycle,
        title="Idän ehdotus",
        status=ProposalStatus.SUBMITTED,
        major_district=pb.major(7),
    )
    pb.plan(
        personas, cycle, title_en="Etelän suunnitelma", status=PlanStatus.DRAFT, code="", cost=0
    )
    overview = reverse("budgeting:cycle-manage", args=[cycle.slug])

    def seen(user) -> set[str]:
        text = client_for(user).get(overview).content.decode()
        return {t for t in ("Etelän ehdotus", "Idän ehdotus", "Etelän suunnitelma") if t in text}

    assert seen(personas.officer_south) == {"Etelän ehdotus", "Etelän suunnitelma"}
    assert seen(personas.officer_east) == {"Idän ehdotus"}
    assert seen(personas.coordinator) == {"Etelän ehdotus", "Idän ehdotus", "Etelän suunnitelma"}
    assert seen(personas.official) == set()
    assert client_for(personas.resident).get(overview).status_code == 403
    assert client_for(personas.business_officer).get(overview).status_code == 403


def test_the_staff_list_shows_unpublished_cycles_to_the_coordinator_only(personas):
    pb.cycle(personas, title_en="Open round")
    pb.cycle(personas, title_en="Draft round", published=False)
    manage = reverse("budgeting:manage-cycles")
    coordinator = client_for(personas.coordinator).get(manage).content.decode()
    assert "Open round" in coordinator and "Draft round" in coordinator
    assert "New cycle" in coordinator
    officer = client_for(personas.officer_south).get(manage).content.decode()
    assert "Open round" in officer and "Draft round" not in officer
    assert "New cycle" not in officer
