"""No N+1: a list page runs as many queries with 2N records as with N.

Each case builds N records of what the page lists (each with the related rows the page shows:
registrations, organisers, affiliations, ballots, targets …), requests the page once to warm
per-process caches, counts its queries, then builds N more and counts again. A page whose
count grows with its rows makes one query per row somewhere (a missing `select_related` or
`prefetch_related`); the scale benchmark (`benchmarks/scale_pages.py`) measures the rest.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from luotsi.budgeting.models import ImplementationStatus, Phase, PlanStatus, StatusUpdate
from luotsi.budgeting.services.results import cycle_count, cycle_publish_results
from luotsi.materials.models import VariantStatus
from luotsi.network.models import Affiliation
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as pbr
from luotsi.testing import campaigns as cmp
from luotsi.testing import concerns as cn
from luotsi.testing import events as ev
from luotsi.testing import materials as mat
from luotsi.testing import network as net
from luotsi.testing.opportunities import opportunity
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db

N = 3  # below every page size, so that 2N rows are all on the page


def _events(p: Personas, n: int) -> str:
    start = timezone.now() + datetime.timedelta(days=3)
    for number in range(n):
        made = ev.event(p, start=start + datetime.timedelta(hours=number * 3))
        made.organisers.add(p.officer_east)
        for person in range(2):
            ev.registration(made, email=f"r{number}-{person}@example.org")
    return "/events/"


def _contacts(p: Personas, n: int) -> str:
    for number in range(n):
        person = net.contact(p, name=f"Paula {number} Person")
        organisation = net.organisation(p, name=f"Yhdistys {person.pk}")
        Affiliation.objects.create(contact=person, organisation=organisation, role="chair")
        met = net.interaction(p)
        met.contacts.add(person)
        met.organisations.add(organisation)
    return "/network/contacts/"


def _organisations(p: Personas, n: int) -> str:
    _contacts(p, n)
    return "/network/organisations/"


def _network_home(p: Personas, n: int) -> str:
    _contacts(p, n)
    for _ in range(n):
        net.commitment(p)
        net.note(p)
    return "/network/"


def _commitments(p: Personas, n: int) -> str:
    for _ in range(n):
        net.commitment(p)
    return "/network/commitments/"


def _notes(p: Personas, n: int) -> str:
    for _ in range(n):
        net.note(p)
    return "/network/notes/"


def _queue(p: Personas, n: int) -> str:
    for number in range(n):
        cn.message(description=f"The playground fence is broken ({number}).")
    return "/concerns/queue/"


def _proposals(p: Personas, n: int) -> str:
    cycle = pb.cycle(p, phase=Phase.PROPOSALS)
    for number in range(n):
        pb.proposal(p, cycle, title=f"Penkkejä {number}", major_district=pb.major(1 + number % 7))
    return f"/budgeting/{cycle.slug}/proposals/"


def _plans(p: Personas, n: int) -> str:
    cycle = pb.cycle(p, phase=Phase.VOTING)
    for number in range(n):
        plan = pb.plan(p, cycle, major_number=1 + number % 7)
        pb.proposal(p, cycle, plan=plan, major_district=plan.major_district)
    return f"/budgeting/{cycle.slug}/plans/"


def _counted_cycle(p: Personas, n: int, phase: Phase = Phase.COUNTING) -> Any:
    cycle = pbr.manual_cycle(p, phase=phase, budgets={1: 10_000_000, 2: 10_000_000})
    for number in range(n):
        plans = [pb.plan(p, cycle, major_number=major) for major in (1, 2)]
        for plan in plans:
            pbr.ballots(cycle, [plan], 1 + number)
    cycle_count(cycle=cycle, by=p.coordinator)
    cycle_publish_results(cycle=cycle, by=p.coordinator)
    cycle.refresh_from_db()
    return cycle


def _results(p: Personas, n: int) -> str:
    return f"/budgeting/{_counted_cycle(p, n).slug}/results/"


def _results_area(p: Personas, n: int) -> str:
    return f"/budgeting/{_counted_cycle(p, n).slug}/results/{pb.major(1).code}/"


def _tracker(p: Personas, n: int) -> str:
    cycle = _counted_cycle(p, n)
    for plan in cycle.plans.filter(status=PlanStatus.APPROVED):
        for progress in (10, 40):
            StatusUpdate.objects.create(
                plan=plan,
                status=ImplementationStatus.IN_PROGRESS,
                progress=progress,
                text="Work has started.",
                posted_by=p.officer_south,
            )
    return f"/budgeting/{cycle.slug}/tracker/"


def _campaigns(p: Personas, n: int) -> str:
    for number in range(n):
        made = cmp.campaign(p, title=f"Kampanja {number}", title_fi=f"Kampanja {number}")
        made.officers.add(p.officer_south)
        for target in range(2):
            shop = cmp.business(p, f"Kauppa {number}-{target}")
            cmp.target(made, shop)
    return "/campaigns/"


def _opportunities(p: Personas, n: int) -> str:
    for number in range(n):
        opportunity(title=f"Kuuleminen {number}", district_codes=("101", "102"))
    return "/take-part/101/"


def _materials(p: Personas, n: int) -> str:
    for number in range(n):
        item = mat.item(p, title=f"Ohje {number}", title_fi=f"Ohje {number}")
        mat.variant(item, language="fi", status=VariantStatus.READY)
    return "/materials/manage/"


def _programme_calendar(p: Personas, n: int) -> str:
    start = timezone.now() + datetime.timedelta(days=3)
    for number in range(n):
        made = ev.event(p, start=start + datetime.timedelta(hours=number * 3))
        made.organisers.add(p.officer_east)
    return "/programme/calendar/"


def _api_events(p: Personas, n: int) -> str:
    _events(p, n)
    return "/api/v1/events/"


def _api_contacts(p: Personas, n: int) -> str:
    _contacts(p, n)
    return "/api/v1/network/contacts"


@dataclass(frozen=True)
class Case:
    build: Callable[[Personas, int], str]
    who: str | None  # a persona's attribute, or anonymous


CASES = {
    "events list": Case(_events, None),
    "network contacts": Case(_contacts, "officer_south"),
    "network organisations": Case(_organisations, "officer_south"),
    "network home": Case(_network_home, "officer_south"),
    "commitments": Case(_commitments, "officer_south"),
    "knowledge notes": Case(_notes, "officer_south"),
    "concerns queue": Case(_queue, "officer_south"),
    "PB proposals": Case(_proposals, None),
    "PB plans": Case(_plans, None),
    "PB results": Case(_results, None),
    "PB results of an area": Case(_results_area, None),
    "PB tracker": Case(_tracker, None),
    "campaigns": Case(_campaigns, "coordinator"),
    "take part": Case(_opportunities, None),
    "materials": Case(_materials, "officer_south"),
    "programme calendar": Case(_programme_calendar, "coordinator"),
    "API events": Case(_api_events, None),
    "API contacts": Case(_api_contacts, "officer_south"),
}


def _count(client: Client, url: str) -> tuple[int, list[str], int]:
    """The page's queries (how many, and their SQL) and its length."""
    client.get(url)  # warm per-process caches (lookups, translations)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), [q["sql"] for q in queries.captured_queries], len(response.content)


@pytest.mark.parametrize("name", list(CASES))
def test_list_page_queries_do_not_grow_with_rows(name: str, personas: Personas) -> None:
    case = CASES[name]
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    if case.who:
        client.force_login(getattr(personas, case.who))
    small_url = case.build(personas, N)
    small, _, small_length = _count(client, small_url)
    large_url = case.build(personas, 2 * N)
    large, sql, large_length = _count(client, large_url)
    # The page does list the records: more of them make a longer page.
    assert large_length > small_length, f"{name}: the page did not grow with its records"
    assert large == small, (
        f"{name}: {small} queries with {N} records, {large} with more: one query per row?\n"
        + "\n".join(sql)
    )
