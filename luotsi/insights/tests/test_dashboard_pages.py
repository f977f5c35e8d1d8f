"""The dashboard pages' permissions, the team's calendar scope, bad input and the nav link."""

import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from luotsi.accounts.models import Role
from luotsi.areas.models import MajorDistrict
from luotsi.events.models import EventStatus
from luotsi.insights.models import GoalIndicator
from luotsi.insights.periods import year_period
from luotsi.insights.selectors_dashboard import programme_dashboard
from luotsi.insights.services_workplans import work_plan_create, work_plan_goal_add
from luotsi.testing import events as ev
from luotsi.testing import network as net
from luotsi.testing.factories import UserFactory
from luotsi.testing.personas import Personas

HKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    cache.clear()
    with translation.override("en"):
        yield


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _code(number: int) -> str:
    return MajorDistrict.objects.get(city__slug="helsinki", number=number).code


def test_officer_east_sees_own_districts_and_own_row_and_the_team_totals(
    personas: Personas,
) -> None:
    made = net.interaction(personas, "101")  # Southern, by officer_south
    made.occurred_on = datetime.date(2025, 3, 1)
    made.save()
    data = programme_dashboard(user=personas.officer_east, period=year_period(2025))
    assert data.team.figures.interactions == 1  # the team's totals include the South
    assert {row.key for row in data.majors} == {_code(7), _code(8)}
    assert [row.key for row in data.officers] == [str(personas.officer_east.pk)]
    assert not data.sees_whole


def test_officer_east_gets_404_for_the_southern_drill_down_and_no_southern_row(
    personas: Personas,
) -> None:
    client = _client(personas.officer_east)
    assert client.get(f"/programme/districts/{_code(1)}/").status_code == 404
    assert client.get(f"/programme/districts/{_code(7)}/").status_code == 200
    html = client.get("/programme/?year=2025").content.decode()
    south = MajorDistrict.objects.get(city__slug="helsinki", number=1)
    assert f'data-row="major-{south.code}"' not in html
    assert f"/programme/districts/{south.code}/" not in html
    assert 'data-row="team-team"' in html
    assert personas.officer_south.get_full_name() not in html


def test_the_coordinator_sees_every_major_district_and_officer(personas: Personas) -> None:
    html = _client(personas.coordinator).get("/programme/?year=2025").content.decode()
    for major in MajorDistrict.objects.filter(city__slug="helsinki"):
        assert f'data-row="major-{major.code}"' in html
    assert personas.officer_south.get_full_name() in html
    assert personas.officer_east.get_full_name() in html


def test_the_business_officer_sees_the_team_and_own_row_only(personas: Personas) -> None:
    data = programme_dashboard(user=personas.business_officer, period=year_period(2025))
    assert data.majors == []
    assert [row.key for row in data.officers] == [str(personas.business_officer.pk)]


def test_a_bad_period_is_400_naming_the_field(personas: Personas) -> None:
    response = _client(personas.coordinator).get("/programme/?start=2025-03-01&end=2025-02-01")
    assert response.status_code == 400
    assert "The last day must not be before the first day." in response.content.decode()


def test_the_programme_link_is_in_the_menu_for_officers_only(personas: Personas) -> None:
    assert 'href="/programme/"' in _client(personas.officer_south).get("/").content.decode()
    assert 'href="/programme/"' not in _client(personas.resident).get("/").content.decode()


def test_the_calendar_shows_an_officer_own_drafts_and_the_team_public_events(
    personas: Personas,
) -> None:
    soon = timezone.now() + datetime.timedelta(days=3)
    ev.event(personas, start=soon, title_en="South draft", status=EventStatus.DRAFT)
    ev.event(personas, start=soon, title_en="South public")
    ev.event(
        personas,
        district_code="704",
        start=soon,
        organiser=personas.officer_east,
        title_en="East draft",
        status=EventStatus.DRAFT,
    )
    east = _client(personas.officer_east).get("/programme/calendar/").content.decode()
    assert "East draft" in east
    assert "South public" in east
    assert "South draft" not in east
    everything = _client(personas.coordinator).get("/programme/calendar/").content.decode()
    for title in ("East draft", "South public", "South draft"):
        assert title in everything


def test_the_calendar_takes_a_chosen_period(personas: Personas) -> None:
    ev.event(personas, start=datetime.datetime(2025, 2, 3, 12, tzinfo=HKI), title_en="Old café")
    client = _client(personas.coordinator)
    assert "Old café" not in client.get("/programme/calendar/").content.decode()
    html = client.get("/programme/calendar/?start=2025-02-01&end=2025-02-28").content.decode()
    assert "Old café" in html


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@override_settings(PROGRAMME_DASHBOARD_CACHE_SECONDS=0)
def test_the_dashboard_queries_do_not_grow_with_records_or_rows(personas: Personas) -> None:
    """Counted uncached: the same number of queries with more records, officers' rows and
    events (grouped queries, never one per row)."""

    def records(numbers: range) -> None:
        for number in numbers:
            made = net.interaction(personas, "101" if number % 2 else "704")
            made.occurred_on = datetime.date(2025, 3 + number, 1)
            made.save()
            made.contacts.add(net.contact(personas, "101", f"Person {number}"))
            ev.event(personas, start=datetime.datetime(2025, 4, 1 + number, 12, tzinfo=HKI))

    client = _client(personas.coordinator)
    records(range(1))
    client.get("/programme/?year=2025")  # warm per-process caches
    before = _queries(client, "/programme/?year=2025")
    records(range(1, 4))
    UserFactory.create(email="new.officer@example.org", role=Role.DISTRICT_OFFICER)
    after = _queries(client, "/programme/?year=2025")
    assert after == before
    assert before < 40


def test_the_coordinator_sees_each_officers_work_plan_progress_next_to_the_figures(
    personas: Personas,
) -> None:
    south = personas.officer_south
    plan = work_plan_create(officer=south, year=2025, by=south)
    work_plan_goal_add(  # 5 of 4 by hand: met
        plan=plan, by=south, title="Visits", indicator=GoalIndicator.MANUAL, target=4,
        manual_value=5,
    )  # fmt: skip
    work_plan_goal_add(  # nothing counted in a past year: behind
        plan=plan, by=south, title="Cafés", indicator=GoalIndicator.EVENTS_HELD, target=3
    )
    html = _client(personas.coordinator).get("/programme/?year=2025").content.decode()
    row = html.split(f'data-plan="{south.pk}"')[1].split("</tr>")[0]
    assert f'href="{reverse("programme:workplans_plan", args=[plan.pk])}"' in row
    cells = [cell.split("<")[0] for cell in row.split('<td class="num">')[1:]]
    assert cells == ["2", "1", "0", "1"]  # goals, met, on track, behind
    east_row = html.split(f'data-plan="{personas.officer_east.pk}"')[1].split("</tr>")[0]
    assert "No work plan for this year." in east_row

    east_html = _client(personas.officer_east).get("/programme/?year=2025").content.decode()
    assert f'data-plan="{south.pk}"' not in east_html  # only their own row
