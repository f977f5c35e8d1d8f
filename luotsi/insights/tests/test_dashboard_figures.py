"""Every figure of the dashboard equals a value computed by hand on a small fixture: two
officers (officer_south: Southern major district 1; officer_east: Eastern 7), two major
districts, a handful of records in the year 2025, and some outside it or elsewhere.

The fixture, record by record (S = officer_south, E = officer_east):

interactions  I1 2025-03-10 101 S contacts c1,c2 orgs o1
              I2 2025-03-20 102 S contacts c1    orgs o1,o2
              I3 2025-07-01 704 E contacts c3
              I4 2024-12-31 101 S contacts c4            (before the period)
              I5 2025-05-05 101 E contacts c2            (E recorded in the South)
events        E1 2025-04-10 101 S published, 5 walk-ins + 2 attended registrations -> 7
              E2 2025-09-01 704 E+S completed, age counts 4 + 6 -> 10
              E3 2025-06-01 101 S cancelled; E4 2026-01-05 101 S (after)
messages      M1 101 S sent 2025-02-01 10:00 answered 2025-02-03 10:00 -> 2 days
              M2 101 S sent 2025-02-10 10:00 answered 2025-02-11 22:00 -> 1.5 days
              M3 101 S sent 2025-03-01 unanswered; M4 704 E sent 2025-05-01 10:00
              answered 2025-05-05 10:00 -> 4 days; M5 101 S sent 2024-12-15 (before);
              M6 101 S 2025-02-02 duplicate of M1 (left out)
commitments   C1 101 S due 2025-06-01 open; C2 101 S due 2025-06-01 done;
              C3 101 S due 2024-12-01 open (before); C4 704 E due 2025-10-01 open;
              C5 102 E due 2025-11-01 open
campaigns     K1 (S) deadline 2025-05-31: targets o1 (101) informed, o2 (102) not contacted,
              o3 (704) feedback; K2 deadline 2026-03-01 (after); K3 draft in 2025
co-production W1 major 1, S, in progress 40 %; W2 major 1, S, done 100 %;
              W3 major 7, E, cancelled; W4 major 7, E, opened 2026-02-01 (after)
materials     A 101 owner S: fi ready, sv needed, en in translation -> 2 gaps;
              B 704 owner E: so needed -> 1; C city-wide owner S: en needed -> 1
"""

import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import ImplementationStatus, Workspace
from luotsi.campaigns.models import CampaignStatus
from luotsi.concerns.models import Message, MessageStatus
from luotsi.events.models import AttendanceCount, CountDimension, EventStatus
from luotsi.insights.periods import year_period
from luotsi.insights.selectors_dashboard import (
    Figures,
    district_rows,
    major_district_figures,
    programme_dashboard,
)
from luotsi.materials.models import VariantStatus
from luotsi.network.models import Commitment, CommitmentStatus
from luotsi.testing import budgeting as pb
from luotsi.testing import campaigns as camp
from luotsi.testing import concerns as conc
from luotsi.testing import events as ev
from luotsi.testing import materials as mat
from luotsi.testing import network as net
from luotsi.testing.personas import Personas

HKI = ZoneInfo("Europe/Helsinki")
PERIOD = year_period(2025)


def at(day: str, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=HKI
    )


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    cache.clear()  # the pages keep a period's counts for a few minutes
    with translation.override("en"):
        yield


def _interactions(p: Personas) -> None:
    c1, c2 = net.contact(p, "101", "C One"), net.contact(p, "101", "C Two")
    c3, c4 = net.contact(p, "704", "C Three"), net.contact(p, "101", "C Four")
    o1 = net.organisation(p, "101", "O One")
    o2 = net.organisation(p, "102", "O Two")
    rows = [
        ("2025-03-10", "101", p.officer_south, [c1, c2], [o1]),
        ("2025-03-20", "102", p.officer_south, [c1], [o1, o2]),
        ("2025-07-01", "704", p.officer_east, [c3], []),
        ("2024-12-31", "101", p.officer_south, [c4], []),
        ("2025-05-05", "101", p.officer_east, [c2], []),
    ]
    for day, code, officer, contacts, organisations in rows:
        made = net.interaction(p, code)
        made.occurred_on = datetime.date.fromisoformat(day)
        made.officer = officer
        made.save()
        made.contacts.set(contacts)
        made.organisations.set(organisations)


def _events(p: Personas) -> None:
    e1 = ev.event(p, district_code="101", start=at("2025-04-10"), walk_ins=5)
    ev.registration(e1, "a@example.org", attended=True)
    ev.registration(e1, "b@example.org", attended=True)
    ev.registration(e1, "c@example.org", attended=False)
    e2 = ev.event(
        p,
        district_code="704",
        start=at("2025-09-01"),
        organiser=p.officer_east,
        status=EventStatus.COMPLETED,
    )
    e2.organisers.add(p.officer_south)
    AttendanceCount.objects.create(event=e2, dimension=CountDimension.AGE, code="0_14", count=4)
    AttendanceCount.objects.create(event=e2, dimension=CountDimension.AGE, code="15_64", count=6)
    ev.event(p, district_code="101", start=at("2025-06-01"), status=EventStatus.CANCELLED)
    ev.event(p, district_code="101", start=at("2026-01-05"))


def _messages(p: Personas) -> None:
    def sent(point, officer, created, answered=None, **extra) -> Message:
        message = conc.message(point)
        Message.objects.filter(pk=message.pk).update(
            assigned_to=officer,
            created_at=created,
            answered_at=answered,
            status=MessageStatus.ANSWERED if answered else MessageStatus.NEW,
            **extra,
        )
        return message

    south, east = p.officer_south, p.officer_east
    m1 = sent(conc.SOUTH, south, at("2025-02-01", 10), at("2025-02-03", 10))
    sent(conc.SOUTH, south, at("2025-02-10", 10), at("2025-02-11", 22))
    sent(conc.SOUTH, south, at("2025-03-01"))
    sent(conc.EAST, east, at("2025-05-01", 10), at("2025-05-05", 10))
    sent(conc.SOUTH, south, at("2024-12-15"))
    sent(conc.SOUTH, south, at("2025-02-02"), duplicate_of=m1)


def _commitments(p: Personas) -> None:
    def promise(code: str, owner, due: str, done: bool = False) -> None:
        made = net.commitment(p, code, datetime.date.fromisoformat(due))
        Commitment.objects.filter(pk=made.pk).update(
            owner=owner,
            status=CommitmentStatus.DONE if done else CommitmentStatus.OPEN,
            closed_at=timezone.now() if done else None,
        )

    promise("101", p.officer_south, "2025-06-01")
    promise("101", p.officer_south, "2025-06-01", done=True)
    promise("101", p.officer_south, "2024-12-01")
    promise("704", p.officer_east, "2025-10-01")
    promise("102", p.officer_east, "2025-11-01")


def _campaigns(p: Personas) -> None:
    o1 = net.organisation(p, "101", "Target One")
    o2 = net.organisation(p, "102", "Target Two")
    o3 = net.organisation(p, "704", "Target Three")
    k1 = camp.campaign(
        p,
        information_starts_on=datetime.date(2025, 4, 1),
        feedback_deadline=at("2025-05-31"),
        created_by=p.officer_south,
    )
    camp.target(k1, o1, status="informed")
    camp.target(k1, o2)
    camp.target(k1, o3, status="feedback")
    k2 = camp.campaign(  # runs in 2026 only
        p,
        information_starts_on=datetime.date(2026, 1, 15),
        feedback_deadline=at("2026-03-01"),
        created_by=p.officer_south,
    )
    camp.target(k2, o1, status="informed")
    k3 = camp.campaign(
        p,
        feedback_deadline=at("2025-05-01"),
        created_by=p.officer_south,
        status=CampaignStatus.DRAFT,
    )
    camp.target(k3, o1, status="informed")


def _coproduction(p: Personas) -> None:
    cycle = pb.cycle(p)
    rows = [
        (1, p.officer_south, ImplementationStatus.IN_PROGRESS, 40, "2025-03-01"),
        (1, p.officer_south, ImplementationStatus.DONE, 100, "2025-04-01"),
        (7, p.officer_east, ImplementationStatus.CANCELLED, 0, "2025-04-01"),
        (7, p.officer_east, ImplementationStatus.IN_PROGRESS, 10, "2026-02-01"),
    ]
    for number, officer, status, progress, opened in rows:
        plan = pb.plan(
            p,
            cycle,
            major_number=number,
            implementation_status=status,
            implementation_progress=progress,
        )
        workspace = Workspace.objects.create(plan=plan, facilitator=officer)
        Workspace.objects.filter(pk=workspace.pk).update(created_at=at(opened))


def _materials(p: Personas) -> None:
    a = mat.item(p, district_code="101", owner=p.officer_south)
    mat.variant(a, "fi")
    mat.variant(a, "sv", status=VariantStatus.NEEDED)
    mat.variant(a, "en", status=VariantStatus.IN_TRANSLATION)
    b = mat.item(p, district_code="704", owner=p.officer_east)
    mat.variant(b, "so", status=VariantStatus.NEEDED)
    c = mat.item(p, district_code=None, owner=p.officer_south)
    mat.variant(c, "en", status=VariantStatus.NEEDED)


def build_fixture(personas: Personas) -> Personas:
    """The records of the module docstring (also used by the browser test)."""
    _interactions(personas)
    _events(personas)
    _messages(personas)
    _commitments(personas)
    _campaigns(personas)
    _coproduction(personas)
    _materials(personas)
    return personas


@pytest.fixture
def fixture(personas: Personas) -> Personas:
    return build_fixture(personas)


# Worked out by hand from the table in the module docstring.
SOUTH = Figures(
    interactions=3,  # I1, I2, I5 (I4 is before the period)
    organisations=2,  # o1, o2
    contacts=2,  # c1, c2
    events_held=1,  # E1 (E3 cancelled, E4 after)
    attendance=7,  # 5 walk-ins + 2 attended
    concerns_received=3,  # M1, M2, M3 (M5 before, M6 a duplicate)
    concerns_answered=2,  # M1, M2
    median_answer_days=1.75,  # (2 + 1.5) / 2
    overdue_commitments=2,  # C1 and C5 (in 102; owned by E)
    campaigns=1,
    campaign_targets=2,  # o1, o2 of K1
    campaign_reached=1,  # o1 informed
    coproduction_projects=2,  # W1, W2
    coproduction_done=1,  # W2
    coproduction_progress=70.0,  # (40 + 100) / 2
    materials_gaps=2,  # item A: sv, en
)
EAST = Figures(
    interactions=1,  # I3
    organisations=0,
    contacts=1,  # c3
    events_held=1,  # E2
    attendance=10,  # 4 + 6
    concerns_received=1,  # M4
    concerns_answered=1,
    median_answer_days=4.0,
    overdue_commitments=1,  # C4
    campaigns=1,
    campaign_targets=1,  # o3
    campaign_reached=1,  # feedback
    coproduction_projects=0,  # W3 cancelled, W4 after
    coproduction_done=0,
    coproduction_progress=None,
    materials_gaps=1,  # item B
)
OFFICER_SOUTH = Figures(
    interactions=2,  # I1, I2
    organisations=2,
    contacts=2,  # c1, c2
    events_held=2,  # E1, E2 (co-organiser)
    attendance=17,  # 7 + 10
    concerns_received=3,
    concerns_answered=2,
    median_answer_days=1.75,
    overdue_commitments=1,  # C1
    campaigns=1,  # K1 runs by S
    campaign_targets=3,
    campaign_reached=2,
    coproduction_projects=2,
    coproduction_done=1,
    coproduction_progress=70.0,
    materials_gaps=3,  # A: 2, C: 1
)
OFFICER_EAST = Figures(
    interactions=2,  # I3, I5
    organisations=0,
    contacts=2,  # c3, c2
    events_held=1,  # E2
    attendance=10,
    concerns_received=1,
    concerns_answered=1,
    median_answer_days=4.0,
    overdue_commitments=2,  # C4, C5
    campaigns=0,
    campaign_targets=0,
    campaign_reached=0,
    coproduction_projects=0,
    coproduction_done=0,
    coproduction_progress=None,
    materials_gaps=1,
)
TEAM = Figures(
    interactions=4,  # I1, I2, I3, I5
    organisations=2,  # o1, o2
    contacts=3,  # c1, c2, c3
    events_held=2,  # E1, E2 once each
    attendance=17,
    concerns_received=4,
    concerns_answered=3,
    median_answer_days=2.0,  # middle of 1.5, 2, 4
    overdue_commitments=3,  # C1, C4, C5
    campaigns=1,
    campaign_targets=3,
    campaign_reached=2,
    coproduction_projects=2,
    coproduction_done=1,
    coproduction_progress=70.0,
    materials_gaps=4,  # A 2, B 1, C 1 (city-wide, only in the total)
)
# Districts 101 and 102 of the South: 101 has I1, I5 (c1, c2; o1), E1, M1-M3, C1, K1's o1,
# item A; 102 has I2 (c1; o1, o2), C5, K1's o2.
D101 = Figures(
    interactions=2,
    organisations=1,
    contacts=2,
    events_held=1,
    attendance=7,
    concerns_received=3,
    concerns_answered=2,
    median_answer_days=1.75,
    overdue_commitments=1,
    campaigns=1,
    campaign_targets=1,
    campaign_reached=1,
    materials_gaps=2,
)
D102 = Figures(
    interactions=1,
    organisations=2,
    contacts=1,
    overdue_commitments=1,
    campaigns=1,
    campaign_targets=1,
    campaign_reached=0,
)


def _major(number: int) -> MajorDistrict:
    return MajorDistrict.objects.get(city__slug="helsinki", number=number)


def test_every_figure_of_every_row_matches_the_hand_count(fixture: Personas) -> None:
    data = programme_dashboard(user=fixture.coordinator, period=PERIOD)
    assert data.team.figures == TEAM
    majors = {row.key: row.figures for row in data.majors}
    assert majors[_major(1).code] == SOUTH
    assert majors[_major(7).code] == EAST
    assert majors[_major(8).code] == Figures()
    officers = {row.key: row.figures for row in data.officers}
    assert officers[str(fixture.officer_south.pk)] == OFFICER_SOUTH
    assert officers[str(fixture.officer_east.pk)] == OFFICER_EAST
    assert officers[str(fixture.business_officer.pk)] == Figures()


def test_the_major_district_and_its_districts_match_the_hand_count(fixture: Personas) -> None:
    assert major_district_figures(major=_major(1), period=PERIOD) == SOUTH
    rows = {row.key: row.figures for row in district_rows(major=_major(1), period=PERIOD)}
    assert rows["101"] == D101
    assert rows["102"] == D102
    assert rows["103"] == Figures()


def test_the_monthly_trends_match_the_hand_count(fixture: Personas) -> None:
    data = programme_dashboard(user=fixture.coordinator, period=PERIOD)
    trends = {t.name: dict(zip(t.months, t.values, strict=True)) for t in data.trends}
    month = {m: datetime.date(2025, m, 1) for m in range(1, 13)}
    assert len(trends["interactions"]) == 12
    assert {m: n for m, n in trends["interactions"].items() if n} == {
        month[3]: 2,  # I1, I2
        month[5]: 1,  # I5
        month[7]: 1,  # I3
    }
    assert {m: n for m, n in trends["events_held"].items() if n} == {month[4]: 1, month[9]: 1}
    assert {m: n for m, n in trends["attendance"].items() if n} == {month[4]: 7, month[9]: 10}
    assert {m: n for m, n in trends["concerns_received"].items() if n} == {
        month[2]: 2,  # M1, M2
        month[3]: 1,  # M3
        month[5]: 1,  # M4
    }


def test_the_page_shows_the_hand_counted_figures(fixture: Personas) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(fixture.coordinator)
    html = client.get("/programme/?year=2025").content.decode()
    assert 'data-row="team-team"' in html
    assert '<dd data-figure="interactions">4</dd>' in html
    assert '<dd data-figure="median_answer_days">2.0</dd>' in html
    assert "How these are counted" in html
    assert "Median answer time" in html
    page = client.get(f"/programme/districts/{_major(1).code}/?year=2025").content.decode()
    assert '<dd data-figure="attendance">7</dd>' in page
    assert "/network/districts/101/" in page
    assert "/concerns/queue/?status=all&amp;district=101" in page


def test_a_campaign_running_over_the_year_end_counts_in_both_years(personas: Personas) -> None:
    target = net.organisation(personas, "101", "Target")
    running = camp.campaign(
        personas,
        information_starts_on=datetime.date(2025, 11, 1),
        feedback_deadline=at("2026-01-31"),
        created_by=personas.officer_south,
    )
    camp.target(running, target, status="informed")
    for year in (2025, 2026):
        team = programme_dashboard(user=personas.coordinator, period=year_period(year)).team
        assert (team.figures.campaigns, team.figures.campaign_reached) == (1, 1), year
    later = programme_dashboard(user=personas.coordinator, period=year_period(2024)).team
    assert later.figures.campaigns == 0
