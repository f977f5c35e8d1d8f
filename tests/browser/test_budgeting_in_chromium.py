"""Participatory budgeting in Debian's Chromium, one cycle from proposal to implementation: a
resident proposes, the district officer publishes the proposal and merges it into a plan, a
city official costs the plan, the officer puts it on the ballot; a voter identifies through
the development identity provider and votes in Finnish by keyboard alone, then changes the
vote; the coordinator counts and publishes the results; the officer runs the plan's
workspace and the public tracker shows its progress. Every page visited, public and staff,
passes axe-core in Finnish and then again in English."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from luotsi.accounts.models import User
from luotsi.budgeting.models import (
    Ballot,
    Cycle,
    Phase,
    Plan,
    PlanStatus,
    Proposal,
    ProposalStatus,
    StatusUpdate,
    WorkspaceTask,
)
from luotsi.testing import budgeting as pb
from luotsi.testing import voting as v
from luotsi.testing.personas import Personas
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Visits:
    """Signs people in by session cookie (as `Client.force_login` does) and remembers every
    page checked with the session it was seen in, so that the same pages can be checked again
    in another language."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.seen: dict[tuple[str, str], str | None] = {}
        self.who = "visitor"
        self.in_english: set[str] = set()

    def _set_session(self, value: str | None) -> None:
        self.page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
        if value is not None:
            self.page.context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": self.base_url}]
            )

    def become(self, user: User | None) -> None:
        """Sign in as `user`; None: a visitor with no session (a voter before identifying)."""
        self.who = user.email if user else "visitor"
        if user is None:
            self._set_session(None)
            return
        client = Client()
        client.force_login(user)
        self._set_session(client.cookies[settings.SESSION_COOKIE_NAME].value)

    def _session(self) -> str | None:
        for cookie in self.page.context.cookies():
            if cookie.get("name") == settings.SESSION_COOKIE_NAME:
                return cookie.get("value")
        return None

    def _language(self, code: str) -> None:
        self.page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": self.base_url}]
        )

    def check(self, *, english_now: bool = False) -> None:
        """axe-core on the page shown now. Remembered for the sweep in English; a page that
        only exists until the next step (a form whose work is then done) is checked in
        English at once, then shown in Finnish again."""
        assert_no_axe_violations(self.page)
        path = re.sub(r"^https?://[^/]+", "", self.page.url).split("#")[0]
        if english_now:
            self._language("en")
            self.page.goto(path)
            expect(self.page.locator("html")).to_have_attribute("lang", "en")
            assert_no_axe_violations(self.page)
            self._language("fi")
            self.page.goto(path)
            expect(self.page.locator("html")).to_have_attribute("lang", "fi")
            self.in_english.add(path)
        self.seen.setdefault((self.who, path), self._session())

    def open(self, path: str, *, english_now: bool = False) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status == 200, path
        self.check(english_now=english_now)

    def sweep(self) -> int:
        """Every remembered page not yet checked in English again, in the session it was seen
        in; the number of pages checked."""
        checked = 0
        for (_who, path), session in list(self.seen.items()):
            if path in self.in_english:
                continue
            self._set_session(session)
            response = self.page.goto(path)
            assert response is not None and response.status == 200, path
            expect(self.page.locator("html")).to_have_attribute("lang", "en")
            assert_no_axe_violations(self.page)
            checked += 1
        return checked


def _move_voting(cycle: Cycle, *, starts: datetime.timedelta, ends: datetime.timedelta) -> None:
    """Move the cycle in time (tests may): voting opens `starts` and closes `ends` from now."""
    now = timezone.now()
    Cycle.objects.filter(pk=cycle.pk).update(
        voting_starts_at=now + starts, voting_ends_at=now + ends
    )


def _tab_to(page: Page, target: Locator, most: int = 10) -> None:
    """Press Tab until `target` has the focus (at most `most` times)."""
    for _ in range(most):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    expect(target).to_be_focused()


def _propose(visits: Visits, personas: Personas, cycle: Cycle) -> Proposal:
    page = visits.page
    visits.become(personas.resident)
    visits.open("/budgeting/")
    page.locator("main").get_by_role("link", name="OmaStadi").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("OmaStadi")
    visits.check()
    page.locator(f"main a[href='/budgeting/{cycle.slug}/proposals/new/']").click()
    visits.check(english_now=True)
    page.locator("#id_title").fill("Kuntoportaat Kaivopuistoon")
    page.locator("#id_description").fill("Ulkokuntosali rannan lähelle kaikenikäisille.")
    page.locator("#id_language").fill("fi")
    page.locator("#id_area").select_option("1")
    page.locator("main form button[type=submit]").click()
    proposal = Proposal.objects.get(title="Kuntoportaat Kaivopuistoon")
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.major_district == pb.major(1)
    visits.check()
    visits.open(f"/budgeting/{cycle.slug}/proposals/mine/")
    return proposal


def _build_plan(visits: Visits, personas: Personas, cycle: Cycle, proposal: Proposal) -> Plan:
    page = visits.page
    slug = cycle.slug
    visits.become(personas.officer_south)
    visits.open(f"/budgeting/{slug}/manage/")
    page.locator(f"main a[href='/budgeting/{slug}/proposals/{proposal.pk}/']").click()
    visits.check(english_now=True)
    page.locator("#id_action_0").check()  # publish
    page.locator("main form[action$='/moderate/'] button[type=submit]").click()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED
    visits.check()

    visits.open(f"/budgeting/{slug}/plans/new/", english_now=True)
    page.locator("#id_major_district").select_option("1")
    page.locator("#id_title_fi").fill("Kuntoportaat")
    page.locator("#id_title_en").fill("Outdoor gym steps")
    page.locator("#id_description_fi").fill("Ulkokuntosali Kaivopuiston rantaan.")
    page.locator("main").get_by_label(re.compile("Kuntoportaat Kaivopuistoon")).check()
    page.locator("main form button[type=submit]").click()
    plan = Plan.objects.get(cycle=cycle, title_fi="Kuntoportaat")
    expect(page).to_have_url(re.compile(rf"/budgeting/{slug}/plans/{plan.pk}/$"))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.MERGED and proposal.plan_id == plan.pk
    visits.check()
    page.locator(f"form[action$='/plans/{plan.pk}/costing/'] button").click()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COSTING
    visits.check()

    visits.become(personas.official)
    visits.open(f"/budgeting/{slug}/manage/")
    page.locator(f"main a[href='/budgeting/{slug}/plans/{plan.pk}/cost/']").click()
    visits.check(english_now=True)
    page.locator("#id_feasible_0").check()  # yes
    page.locator("#id_cost_estimate").fill("150000")
    page.locator("#id_feasibility_note").fill("Kaksi laitetta ja asennus.")
    page.locator("main form button[type=submit]").click()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.COSTED and plan.cost_estimate == 150_000
    visits.check()

    visits.become(personas.officer_south)
    visits.open(f"/budgeting/{slug}/plans/{plan.pk}/")
    page.locator(f"main a[href='/budgeting/{slug}/plans/{plan.pk}/approve/']").click()
    visits.check(english_now=True)
    page.locator("#id_code").fill("E7")
    page.locator("main form button[type=submit]").click()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.code == "E7"
    visits.check()
    visits.open(f"/budgeting/{slug}/plans/")
    return plan


def _vote_by_keyboard(visits: Visits, cycle: Cycle, plan: Plan, other: Plan) -> None:
    """The voter: no account, identified by the development provider; keyboard only."""
    page = visits.page
    keys = page.keyboard
    visits.become(None)
    visits.open(f"/budgeting/{cycle.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    page.locator(f"main a[href='/budgeting/{cycle.slug}/vote/']").focus()
    keys.press("Enter")
    expect(page).to_have_url(re.compile(r"/budgeting/identify/start/\?next="))
    visits.check(english_now=True)
    page.locator("main a[href^='/budgeting/identify/oidc/']").focus()
    keys.press("Enter")
    expect(page).to_have_url(re.compile(r"/budgeting/identify/dev/authorize/"))
    visits.check(english_now=True)
    page.locator("#id_person_id").focus()
    keys.type(v.ADULT)
    # The birth date is left empty (read from the identity code): Tab moves through its day,
    # month and year to the municipality, 091 (Helsinki) already there.
    _tab_to(page, page.locator("#id_municipality"))
    keys.press("Enter")

    # Back on the ballot: first the major district (radio buttons: arrows move the choice).
    expect(page).to_have_url(re.compile(rf"/budgeting/{cycle.slug}/vote/"))
    visits.check(english_now=True)
    page.locator("#id_district_0").focus()
    keys.press("Space")
    expect(page.locator("#id_district_0")).to_be_checked()
    keys.press("Tab")
    keys.press("Enter")
    expect(page.locator("input[name=plans]")).to_have_count(2)
    visits.check(english_now=True)

    # First vote: the other plan.
    page.locator(f"input[name=plans][value='{other.pk}']").focus()
    keys.press("Space")
    submit = page.locator("main form[method=post] button[type=submit]").first
    _tab_to(page, submit)
    keys.press("Enter")
    expect(page.get_by_role("status")).to_be_visible()
    visits.check()
    ballot = Ballot.objects.get(cycle=cycle)
    assert [c.plan_id for c in ballot.choices.all()] == [other.pk]

    # Changed: the plan made from the resident's proposal instead.
    expect(page.locator(f"input[name=plans][value='{other.pk}']")).to_be_checked()
    page.locator(f"input[name=plans][value='{other.pk}']").focus()
    keys.press("Space")
    page.locator(f"input[name=plans][value='{plan.pk}']").focus()
    keys.press("Space")
    _tab_to(page, submit)
    keys.press("Enter")
    expect(page.locator(".result-card")).to_contain_text("E7")
    visits.check()
    assert Ballot.objects.filter(cycle=cycle).count() == 1
    ballot = Ballot.objects.get(cycle=cycle)
    assert [c.plan_id for c in ballot.choices.all()] == [plan.pk]


def _count_and_publish(visits: Visits, personas: Personas, cycle: Cycle, plan: Plan) -> None:
    page = visits.page
    slug = cycle.slug
    visits.become(personas.coordinator)
    visits.open(f"/budgeting/{slug}/manage/")
    page.locator(f"main a[href='/budgeting/{slug}/results/count/']").click()
    visits.check(english_now=True)
    page.locator("main button[name=action][value=count]").click()
    expect(page.locator("main button[name=action][value=publish]")).to_be_visible()
    visits.check()
    page.locator("main button[name=action][value=publish]").click()
    expect(page.locator("main a[href$='/results/']")).to_be_visible()
    visits.check()

    visits.become(None)
    visits.open(f"/budgeting/{slug}/")
    page.locator(f"main a[href='/budgeting/{slug}/results/']").click()
    visits.check()
    page.locator("main table a[href*='/results/']").first.click()
    row = page.locator("main table tbody tr", has_text="E7")
    expect(row).to_have_class(re.compile("selected"))
    visits.check()


def _run_workspace(visits: Visits, personas: Personas, cycle: Cycle, plan: Plan) -> None:
    page = visits.page
    slug = cycle.slug
    visits.become(personas.officer_south)
    visits.open(f"/budgeting/{slug}/plans/{plan.pk}/")
    page.locator(f"main a[href='/budgeting/{slug}/workspaces/open/{plan.pk}/']").click()
    visits.check(english_now=True)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/budgeting/{slug}/workspaces/\d+/"))
    visits.check()

    page.locator("#id_task-title").fill("Tilaa kuntoportaat")
    page.locator("main form[action$='/tasks/'] button[type=submit]").click()
    expect(page.locator("#tasks-heading + table")).to_contain_text("Tilaa kuntoportaat")
    assert WorkspaceTask.objects.filter(workspace__plan=plan).count() == 1
    visits.check()

    page.locator("#id_update-status").select_option("in_progress")
    page.locator("#id_update-progress").fill("40")
    page.locator("#id_update-text_fi").fill("Portaat on tilattu, asennus toukokuussa.")
    page.locator("main form[action$='/updates/'] button[type=submit]").click()
    expect(page.locator(".status-update")).to_contain_text("asennus toukokuussa")
    assert StatusUpdate.objects.filter(plan=plan, public=True).count() == 1
    visits.check()
    workspace_page = re.sub(r"^https?://[^/]+", "", page.url).split("#")[0]
    visits.open(f"{workspace_page}meetings/new/")
    visits.open(f"/budgeting/{slug}/workspaces/")
    visits.open(f"/budgeting/{slug}/manage/")

    visits.become(None)
    visits.open(f"/budgeting/{slug}/")
    page.locator(f"main a[href='/budgeting/{slug}/tracker/']").click()
    expect(page.locator("main table", has_text="E7")).to_contain_text("40")
    visits.check()
    page.locator(f"main a[href='/budgeting/{slug}/tracker/{plan.pk}/']").click()
    expect(page.locator(".status-history")).to_contain_text("asennus toukokuussa")
    visits.check()


def test_a_cycle_from_proposal_to_implementation_in_finnish_then_in_english(
    page: Page, personas: Personas, live_server
):
    cycle = pb.cycle(personas, phase=Phase.PROPOSALS)
    other = pb.plan(personas, cycle, cost=100_000, code="E1", title_fi="Penkit rantaan")
    visits = Visits(page, live_server.url)

    # Menu: the main menu leads to participatory budgeting, and marks it as the current page.
    visits.open("/")
    page.get_by_role("navigation").get_by_role("link", name="Osallistuva budjetointi").click()
    expect(page.get_by_role("navigation").locator("a[aria-current=page]")).to_have_attribute(
        "href", "/budgeting/"
    )

    proposal = _propose(visits, personas, cycle)
    plan = _build_plan(visits, personas, cycle, proposal)

    _move_voting(cycle, starts=-datetime.timedelta(hours=1), ends=datetime.timedelta(days=7))
    _vote_by_keyboard(visits, cycle, plan, other)

    _move_voting(cycle, starts=-datetime.timedelta(hours=2), ends=-datetime.timedelta(minutes=1))
    _count_and_publish(visits, personas, cycle, plan)
    _run_workspace(visits, personas, cycle, plan)

    # The same pages in English.
    visits.become(None)
    page.goto("/")
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert visits.sweep() > 15


def test_a_ballot_with_too_many_plans_and_an_empty_proposal_say_what_to_fix(
    page: Page, personas: Personas, live_server
):
    voting = pb.cycle(personas, phase=Phase.VOTING, max_choices=1)
    pb.plan(personas, voting, code="E1")
    pb.plan(personas, voting, code="E2")
    visits = Visits(page, live_server.url)
    page.goto("/")
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # A voter (identified, no account) chooses two plans where one is allowed, by keyboard.
    voter = v.voter_client()
    visits._set_session(voter.cookies[settings.SESSION_COOKIE_NAME].value)
    visits.open(f"/budgeting/{voting.slug}/vote/?district=1")
    page.locator("#id_plans_0").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.locator("main form[method=post] button[type=submit]").first).to_be_focused()
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Plans")
    assert not Ballot.objects.filter(cycle=voting).exists()
    visits.check()
    # The summary's link leads to the first plan's box, which says what is wrong.
    summary.get_by_role("link").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_plans_0")).to_be_focused()
    expect(page.locator("#id_plans_0")).to_have_attribute("aria-describedby", "id_plans_error")
    expect(page.locator("#id_plans_0")).to_be_checked()  # the choices are kept

    # An officer at a polling point forgets the identity code: the summary leads to it.
    visits.become(personas.officer_south)
    visits.open(f"/budgeting/{voting.slug}/paper-ballots/new/")
    page.locator("#id_polling_place").fill("Kallion kirjasto")
    page.locator("main form button[type=submit]").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("personal identity code")
    visits.check()
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_identity_code")).to_be_focused()

    # The staff pages not on the way of the story in the other test.
    visits.become(personas.coordinator)
    for path in [
        "/budgeting/manage/",
        "/budgeting/manage/new/",
        f"/budgeting/{voting.slug}/manage/",
        f"/budgeting/{voting.slug}/manage/edit/",
        f"/budgeting/{voting.slug}/paper-ballots/",
        f"/budgeting/{voting.slug}/paper-ballots/new/",
        f"/budgeting/{voting.slug}/results/count/",
        f"/budgeting/{voting.slug}/results/",
        f"/budgeting/{voting.slug}/proposals/",
    ]:
        visits.open(path)

    # A resident sends an empty proposal: every missing field is named and marked.
    proposals = pb.cycle(personas, phase=Phase.PROPOSALS)
    visits.become(personas.resident)
    visits.open(f"/budgeting/{proposals.slug}/proposals/new/")
    page.locator("#id_title").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Title")
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    visits.check()
    assert not Proposal.objects.filter(cycle=proposals).exists()
