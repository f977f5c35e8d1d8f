"""Work plans: each goal's progress equals a hand-computed value on a small fixture, the
met / on track / behind rule, the summaries the dashboard shows (a few queries for all
officers), and the services (own plans only, own activities only, copying last year)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from luotsi.campaigns.models import CampaignStatus, TargetStatus
from luotsi.concerns.models import Message, MessageStep, StepKind
from luotsi.events.models import AttendanceCount, EventStatus
from luotsi.insights import services_workplans as services
from luotsi.insights.models import GoalIndicator, WorkPlan, WorkPlanGoal
from luotsi.insights.selectors_workplans import plan_summaries
from luotsi.insights.workplan_progress import Standing, elapsed_share, progress_of, standing_of
from luotsi.network.models import Interaction
from luotsi.privacy.models import AuditEvent
from luotsi.testing import campaigns as camp
from luotsi.testing import concerns as con
from luotsi.testing import events as ev
from luotsi.testing import network as net
from luotsi.testing.personas import Personas

YEAR = 2025
# 2 July 2025 (end of day): 183 of 365 days have passed.
NOW = timezone.make_aware(datetime.datetime(2025, 7, 2, 23, 0))
TODAY = datetime.date(2025, 7, 2)


def at(month: int, day: int, year: int = YEAR) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


# --- the rule -------------------------------------------------------------------------------


def test_share_of_the_year_elapsed():
    assert elapsed_share(2025, datetime.date(2024, 12, 31)) == 0.0
    assert elapsed_share(2025, datetime.date(2025, 1, 1)) == pytest.approx(1 / 365)
    assert elapsed_share(2025, datetime.date(2025, 7, 2)) == pytest.approx(183 / 365)
    assert elapsed_share(2024, datetime.date(2024, 7, 2)) == pytest.approx(184 / 366)
    assert elapsed_share(2025, datetime.date(2025, 12, 31)) == 1.0
    assert elapsed_share(2025, datetime.date(2026, 3, 1)) == 1.0


def test_met_on_track_and_behind():
    share = 183 / 365  # 0.50137
    assert standing_of(4, 4, share) == (Standing.MET, 3)
    assert standing_of(9, 4, share) == (Standing.MET, 3)
    assert standing_of(3, 4, share) == (Standing.ON_TRACK, 3)  # 4 × 0.501 = 2.005 → 3
    assert standing_of(2, 4, share) == (Standing.BEHIND, 3)
    assert standing_of(0, 10, 0.0) == (Standing.ON_TRACK, 0)  # a plan for next year
    assert standing_of(9, 10, 1.0) == (Standing.BEHIND, 10)  # a past year not reached
    assert standing_of(5, 10, 0.5) == (Standing.ON_TRACK, 5)


# --- a small fixture --------------------------------------------------------------------------


@pytest.fixture
def work(personas: Personas) -> dict[str, object]:
    """officer_south's year 2025 (see the hand computations in each test)."""
    south, east = personas.officer_south, personas.officer_east
    # Events held: A and B. A: 3 registrants came + 2 walk-ins (5) vs ages 4 → 5 heads.
    # B: no registrants, ages 6 + 4 → 10 heads. Not counted: C cancelled, D draft,
    # E after "now", F in 2024, G officer_east's.
    a = ev.event(personas, start=at(3, 10), status=EventStatus.COMPLETED, walk_ins=2)
    for n in range(3):
        ev.registration(a, email=f"a{n}@example.org", attended=True)
    ev.registration(a, email="no-show@example.org", attended=False)
    AttendanceCount.objects.create(event=a, dimension="age", code="15_64", count=4)
    b = ev.event(personas, start=at(5, 1))
    AttendanceCount.objects.create(event=b, dimension="age", code="0_14", count=6)
    AttendanceCount.objects.create(event=b, dimension="age", code="15_64", count=4)
    c = ev.event(personas, start=at(4, 1), status=EventStatus.CANCELLED, walk_ins=7)
    ev.event(personas, start=at(2, 1), status=EventStatus.DRAFT, walk_ins=7)
    ev.event(personas, start=at(9, 1), walk_ins=7)
    ev.event(personas, start=at(12, 15, 2024), status=EventStatus.COMPLETED, walk_ins=20)
    ev.event(personas, start=at(3, 1), organiser=east, district_code="704", walk_ins=8)

    # Interactions: I1 (orgs O1, O2; contact C1), I2 (org O1; contacts C1, C2) → 2
    # interactions, 2 organisations, 2 contacts. Not counted: 2024, officer_east's.
    o1, o2, o3 = (net.organisation(personas, name=f"Yhdistys {n}") for n in (1, 2, 3))
    c1, c2 = net.contact(personas, name="Aino"), net.contact(personas, name="Bertil")
    i1 = net.interaction(personas)
    i2 = net.interaction(personas)
    i3 = net.interaction(personas)
    Interaction.objects.filter(pk=i1.pk).update(occurred_on=datetime.date(2025, 2, 1))
    Interaction.objects.filter(pk=i2.pk).update(occurred_on=datetime.date(2025, 3, 1))
    Interaction.objects.filter(pk=i3.pk).update(occurred_on=datetime.date(2024, 12, 31))
    i1.organisations.set([o1, o2])
    i1.contacts.set([c1])
    i2.organisations.set([o1])
    i2.contacts.set([c1, c2])
    i3.organisations.set([o3])
    i4 = net.interaction(personas, code="704")
    Interaction.objects.filter(pk=i4.pk).update(occurred_on=datetime.date(2025, 2, 1))

    # Messages answered: M1 and M2 (two replies, once) → 2. Not counted: M3 (a duplicate of
    # M1), M4 (answered by officer_east), M5 (answered in 2024).
    m1, m2, m3, m4, m5 = (con.message() for _ in range(5))
    Message.objects.filter(pk=m3.pk).update(duplicate_of=m1)
    for message, by, when in (
        (m1, south, at(4, 1)),
        (m2, south, at(4, 2)),
        (m2, south, at(4, 3)),
        (m3, south, at(4, 1)),
        (m4, east, at(4, 1)),
        (m5, south, at(12, 1, 2024)),
    ):
        MessageStep.objects.create(
            message=message, kind=StepKind.REPLY, text="Vastaus", by=by, at=when
        )
    MessageStep.objects.create(message=m5, kind=StepKind.NOTE, text="x", by=south, at=at(4, 1))

    # Campaigns of officer_south with deadlines in 2025: K1 2 of 4 targets reached, K2 2 of 3
    # → 4 of 7 = 57 %. Not counted: K3 a draft.
    def campaign(title: str, deadline: datetime.datetime, statuses: list[str], **fields):
        made = camp.campaign(personas, title=title, feedback_deadline=deadline, created_by=south)
        for n, status in enumerate(statuses):
            org = net.organisation(personas, name=f"{title} {n}")
            camp.target(made, org, status=status)
        for name, value in fields.items():
            setattr(made, name, value)
        made.save()
        return made

    k1 = campaign(
        "K1",
        at(6, 1),
        [
            TargetStatus.INFORMED,
            TargetStatus.FEEDBACK,
            TargetStatus.NOT_CONTACTED,
            TargetStatus.UNREACHABLE,
        ],
    )
    k2 = campaign(
        "K2",
        at(8, 1),
        [TargetStatus.DECLINED, TargetStatus.INFORMED, TargetStatus.NOT_CONTACTED],
    )
    campaign("K3", at(8, 1), [TargetStatus.INFORMED] * 3, status=CampaignStatus.DRAFT)
    return {"a": a, "b": b, "c": c, "k1": k1, "k2": k2}


def _goal(plan: WorkPlan, indicator: str, target: int, **fields: object) -> WorkPlanGoal:
    links = {name: fields.pop(name) for name in ("events", "campaigns") if name in fields}
    goal = WorkPlanGoal.objects.create(
        plan=plan, title=f"{indicator} {target}", indicator=indicator, target=target, **fields
    )
    for name, items in links.items():
        getattr(goal, name).set(items)
    return goal


def test_each_goal_equals_the_hand_computed_value(personas, work):
    plan = WorkPlan.objects.create(officer=personas.officer_south, year=YEAR)
    expected = {
        # indicator, target, links → value, standing (183/365 of the year has passed)
        _goal(plan, GoalIndicator.EVENTS_HELD, 4): (2, Standing.BEHIND),  # on track needs 3
        # 5 + 10 = 15 over all her events; on track needs ceil(30 × 0.50137) = 16.
        _goal(plan, GoalIndicator.EVENT_ATTENDANCE, 30): (15, Standing.BEHIND),
        _goal(plan, GoalIndicator.EVENT_ATTENDANCE, 18, events=[work["b"], work["c"]]): (
            10,  # B held (10 heads), C cancelled; on track needs ceil(9.02) = 10
            Standing.ON_TRACK,
        ),
        _goal(plan, GoalIndicator.EVENTS_HELD, 1, events=[work["a"]]): (1, Standing.MET),
        _goal(plan, GoalIndicator.INTERACTIONS, 4): (2, Standing.BEHIND),
        _goal(plan, GoalIndicator.ORGANISATIONS_REACHED, 2): (2, Standing.MET),
        _goal(plan, GoalIndicator.CONTACTS_REACHED, 3): (2, Standing.ON_TRACK),  # needs 2
        _goal(plan, GoalIndicator.CONCERNS_ANSWERED, 2): (2, Standing.MET),
        _goal(plan, GoalIndicator.CAMPAIGN_COVERAGE, 80): (57, Standing.ON_TRACK),  # needs 41
        _goal(plan, GoalIndicator.CAMPAIGN_COVERAGE, 60, campaigns=[work["k2"]]): (
            67,  # 2 of 3
            Standing.MET,
        ),
        _goal(plan, GoalIndicator.MANUAL, 10, manual_value=4): (4, Standing.BEHIND),  # needs 6
        _goal(plan, GoalIndicator.MANUAL, 5): (0, Standing.BEHIND),
    }
    goals = list(plan.goals.select_related("plan"))
    progress = progress_of(goals, today=TODAY, now=NOW)
    got = {goal: (progress[goal.pk].value, progress[goal.pk].standing) for goal in goals}
    assert got == expected
    linked = [g for g in goals if g.events.exists() or g.campaigns.exists()]
    assert all(progress[g.pk].over_linked for g in linked)
    assert progress[goals[0].pk].expected == 3
    assert progress[goals[0].pk].percent == 50


def test_summaries_for_all_officers_in_a_few_queries(personas, work, django_assert_max_num_queries):
    """For a past year the whole year has passed: not reached is behind."""
    south, east, business = (
        personas.officer_south,
        personas.officer_east,
        personas.business_officer,
    )
    plan = WorkPlan.objects.create(officer=south, year=YEAR)
    _goal(plan, GoalIndicator.EVENTS_HELD, 2)  # 2: met
    _goal(plan, GoalIndicator.INTERACTIONS, 3)  # 2: behind
    _goal(plan, GoalIndicator.EVENT_ATTENDANCE, 5, events=[work["a"]])  # 5: met
    _goal(plan, GoalIndicator.CAMPAIGN_COVERAGE, 50, campaigns=[work["k1"]])  # 50: met
    east_plan = WorkPlan.objects.create(officer=east, year=YEAR)
    _goal(east_plan, GoalIndicator.EVENTS_HELD, 1)  # G: met
    _goal(east_plan, GoalIndicator.INTERACTIONS, 1)  # met
    _goal(east_plan, GoalIndicator.CONCERNS_ANSWERED, 2)  # M4 only: behind
    WorkPlan.objects.create(officer=south, year=YEAR - 1)
    with django_assert_max_num_queries(16):
        summaries = plan_summaries(year=YEAR, officers=[south, east, business])
    assert set(summaries) == {south.pk, east.pk}
    mine = summaries[south.pk]
    assert (mine.goals, mine.met, mine.on_track, mine.behind) == (4, 3, 0, 1)
    assert mine.url == f"/programme/work-plans/{plan.pk}/"
    theirs = summaries[east.pk]
    assert (theirs.goals, theirs.met, theirs.on_track, theirs.behind) == (3, 2, 0, 1)
    assert plan_summaries(year=YEAR, officers=[]) == {}


# --- services -------------------------------------------------------------------------------


def test_an_officer_creates_a_plan_and_copies_last_years_goals(personas, work):
    south = personas.officer_south
    old = WorkPlan.objects.create(officer=south, year=YEAR - 1, initiatives="Old")
    _goal(old, GoalIndicator.EVENTS_HELD, 12, events=[work["a"]])
    _goal(old, GoalIndicator.MANUAL, 3, manual_value=2)
    plan = services.work_plan_create(officer=south, year=YEAR, by=south, copy_goals_from=old)
    copied = list(plan.goals.order_by("pk"))
    assert [(g.indicator, g.target, g.manual_value) for g in copied] == [
        (GoalIndicator.EVENTS_HELD, 12, None),
        (GoalIndicator.MANUAL, 3, None),
    ]
    assert not copied[0].events.exists()
    assert AuditEvent.objects.filter(
        object_type="insights.workplan", object_id=str(plan.pk)
    ).exists()
    with pytest.raises(ValidationError) as error:
        services.work_plan_create(officer=south, year=YEAR, by=south)
    assert "year" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.work_plan_create(officer=south, year=YEAR + 1, by=personas.coordinator)
    with pytest.raises(PermissionDenied):
        services.work_plan_create(
            officer=personas.officer_east, year=YEAR, by=personas.officer_east, copy_goals_from=old
        )
    with pytest.raises(PermissionDenied):
        services.work_plan_create(officer=personas.coordinator, year=YEAR, by=personas.coordinator)


def test_goals_link_only_the_officers_own_activities(personas):
    south, east = personas.officer_south, personas.officer_east
    this_year = timezone.localdate().year
    plan = WorkPlan.objects.create(officer=south, year=this_year)
    mine = ev.event(personas, start=timezone.now() + datetime.timedelta(days=1))
    theirs = ev.event(
        personas,
        start=timezone.now() + datetime.timedelta(days=1),
        organiser=east,
        district_code="704",
    )
    with pytest.raises(ValidationError) as error:
        services.work_plan_goal_add(
            plan=plan,
            by=south,
            title="Kahvilat",
            indicator=GoalIndicator.EVENTS_HELD,
            target=10,
            events=[mine, theirs],
        )
    assert set(error.value.message_dict) == {"events"}
    assert not plan.goals.exists()
    goal = services.work_plan_goal_add(
        plan=plan,
        by=south,
        title=" Kahvilat ",
        indicator=GoalIndicator.EVENTS_HELD,
        target=10,
        manual_value=4,  # ignored: only for goals recorded by hand
        events=[mine],
    )
    assert (goal.title, goal.manual_value, list(goal.events.all())) == ("Kahvilat", None, [mine])
    with pytest.raises(PermissionDenied):
        services.work_plan_goal_update(
            goal=goal, by=east, title="x", indicator=GoalIndicator.MANUAL, target=1
        )
    with pytest.raises(PermissionDenied):
        services.work_plan_goal_delete(goal=goal, by=personas.coordinator)
    with pytest.raises(ValidationError) as error:
        services.work_plan_goal_update(
            goal=goal, by=south, title="", indicator=GoalIndicator.CAMPAIGN_COVERAGE, target=150
        )
    assert set(error.value.message_dict) == {"title", "target"}
    goal_pk = goal.pk
    services.work_plan_goal_delete(goal=goal, by=south)
    assert not plan.goals.exists()
    assert AuditEvent.objects.filter(
        object_type="insights.workplangoal", object_id=str(goal_pk), action="delete"
    ).exists()
