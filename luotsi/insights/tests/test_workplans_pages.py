"""The work-plan pages: an officer writes their own plan; the coordinator reads every plan
with its progress; another officer's plan is 404; bad input re-renders the form with a
translated error naming the field."""

import datetime
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import timezone, translation

from luotsi.insights.models import GoalIndicator, WorkPlan, WorkPlanGoal
from luotsi.testing import events as ev
from luotsi.testing.personas import Personas


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def south_plan(personas: Personas) -> WorkPlan:
    plan = WorkPlan.objects.create(
        officer=personas.officer_south, year=timezone.localdate().year, initiatives="Kahvilat"
    )
    WorkPlanGoal.objects.create(
        plan=plan, title="Tavoite yksi", indicator=GoalIndicator.MANUAL, target=10, manual_value=10
    )
    return plan


def test_an_officer_creates_this_years_plan_and_adds_a_goal(personas):
    south = personas.officer_south
    client = _client(south)
    page = client.get("/programme/work-plans/").content.decode()
    assert "You have no work plan yet." in page
    year = timezone.localdate().year
    response = client.post("/programme/work-plans/new/", {"year": str(year)})
    plan = WorkPlan.objects.get(officer=south, year=year)
    assert (
        response.status_code == 302 and response["Location"] == f"/programme/work-plans/{plan.pk}/"
    )
    event = ev.event(personas, start=timezone.now() + datetime.timedelta(hours=1))
    form = client.get(f"/programme/work-plans/{plan.pk}/goals/new/").content.decode()
    assert "café" in form  # her event is a choice
    response = client.post(
        f"/programme/work-plans/{plan.pk}/goals/new/",
        {
            "title": "Kahvilat",
            "indicator": GoalIndicator.EVENTS_HELD,
            "target": "12",
            "events": [str(event.pk)],
        },
    )
    assert response.status_code == 302
    goal = plan.goals.get()
    assert list(goal.events.all()) == [event]
    page = client.get(f"/programme/work-plans/{plan.pk}/").content.decode()
    assert "Kahvilat" in page
    assert "0 of 12" in page
    assert "(counted over the linked activities)" in page
    assert "<progress" in page
    response = client.post(f"/programme/work-plans/{plan.pk}/edit/", {"initiatives": "Uutta"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.initiatives == "Uutta"


def test_a_new_plan_can_copy_last_years_goals(personas, south_plan):
    south = personas.officer_south
    WorkPlan.objects.filter(pk=south_plan.pk).update(year=south_plan.year - 1)
    response = _client(south).post(
        "/programme/work-plans/new/",
        {"year": str(south_plan.year), "copy_goals_from": str(south_plan.pk)},
    )
    assert response.status_code == 302
    new = WorkPlan.objects.get(officer=south, year=south_plan.year)
    assert list(new.goals.values_list("title", "manual_value")) == [("Tavoite yksi", None)]


def test_bad_goal_input_names_the_field(personas, south_plan):
    response = _client(personas.officer_south).post(
        f"/programme/work-plans/{south_plan.pk}/goals/new/",
        {"title": "", "indicator": GoalIndicator.CAMPAIGN_COVERAGE, "target": "150"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Goal: This field is required." in page
    assert "Target: A share of campaign targets is at most 100 (%)." in page
    response = _client(personas.officer_south).post(
        f"/programme/work-plans/{south_plan.pk}/goals/new/",
        {"title": "x", "indicator": "nonsense", "target": "abc", "events": ["999999"]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Indicator: Select a valid choice." in page
    assert "Target: Enter a whole number." in page
    assert "Linked events: Select a valid choice." in page
    assert south_plan.goals.count() == 1


def test_creating_a_plan_twice_or_for_a_bad_year_names_the_year(personas, south_plan):
    response = _client(personas.officer_south).post(
        "/programme/work-plans/new/", {"year": str(south_plan.year)}
    )
    assert response.status_code == 400
    assert "Year: Select a valid choice." in response.content.decode()


def test_another_officers_plan_is_404_and_the_coordinator_only_reads(personas, south_plan):
    goal = south_plan.goals.get()
    east = _client(personas.officer_east)
    for path in (
        f"/programme/work-plans/{south_plan.pk}/",
        f"/programme/work-plans/{south_plan.pk}/edit/",
        f"/programme/work-plans/{south_plan.pk}/goals/new/",
        f"/programme/work-plans/{south_plan.pk}/goals/{goal.pk}/edit/",
        f"/programme/work-plans/{south_plan.pk}/goals/{goal.pk}/delete/",
    ):
        assert east.get(path).status_code == 404, path
    assert (
        east.post(f"/programme/work-plans/{south_plan.pk}/goals/{goal.pk}/delete/").status_code
        == 404
    )
    assert WorkPlanGoal.objects.filter(pk=goal.pk).exists()
    coordinator = _client(personas.coordinator)
    page = coordinator.get(f"/programme/work-plans/{south_plan.pk}/")
    assert page.status_code == 200
    assert "Edit the initiatives" not in page.content.decode()
    assert coordinator.get(f"/programme/work-plans/{south_plan.pk}/edit/").status_code == 403
    assert (
        coordinator.post(
            f"/programme/work-plans/{south_plan.pk}/edit/", {"initiatives": "x"}
        ).status_code
        == 403
    )
    # The goal of another plan is 404 inside one's own plan.
    own = WorkPlan.objects.create(officer=personas.officer_east, year=south_plan.year)
    assert east.get(f"/programme/work-plans/{own.pk}/goals/{goal.pk}/edit/").status_code == 404


def test_the_coordinator_sees_every_officers_plan_for_a_year(personas, south_plan):
    page = (
        _client(personas.coordinator)
        .get(f"/programme/work-plans/?year={south_plan.year}")
        .content.decode()
    )
    assert f'href="/programme/work-plans/{south_plan.pk}/"' in page
    assert "Sofia South" in page and "Elias East" in page
    assert "No work plan for this year" in page
    response = _client(personas.coordinator).get("/programme/work-plans/?year=abc")
    assert response.status_code == 400
    assert "Year: Enter a whole number." in response.content.decode()
    # An officer sees only their own.
    page = _client(personas.officer_east).get("/programme/work-plans/").content.decode()
    assert "Sofia South" not in page and f"/programme/work-plans/{south_plan.pk}/" not in page


def test_deleting_a_goal_asks_first(personas, south_plan):
    goal = south_plan.goals.get()
    client = _client(personas.officer_south)
    page = client.get(f"/programme/work-plans/{south_plan.pk}/goals/{goal.pk}/delete/")
    assert "This cannot be undone." in page.content.decode()
    assert WorkPlanGoal.objects.filter(pk=goal.pk).exists()
    response = client.post(f"/programme/work-plans/{south_plan.pk}/goals/{goal.pk}/delete/")
    assert response.status_code == 302
    assert not WorkPlanGoal.objects.filter(pk=goal.pk).exists()


def test_the_plan_page_states_the_standing_in_words(personas, south_plan):
    page = _client(personas.officer_south).get(f"/programme/work-plans/{south_plan.pk}/")
    html = page.content.decode()
    assert "<strong>Met</strong>" in html
    assert "10 of 10" in html
    assert "How progress is measured" in html
