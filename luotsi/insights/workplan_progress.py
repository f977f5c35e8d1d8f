"""A work-plan goal's progress, computed from its indicator.

How a goal is measured (the rule the pages state):

- events held, event attendance: over the goal's linked events when it has any, otherwise over
  every event the officer organised that started in the plan's year. An event is held when it
  is published or completed (not a draft, not cancelled) and has started. Attendance of an
  event is the larger of (attended registrations + walk-ins) and the sum of the age-group head
  counts: the same rule as the participation figures.
- campaign coverage: the share of targets reached (informed, gave feedback or declined) in the
  linked campaigns, or in the officer's campaigns (not drafts) whose feedback deadline falls in
  the plan's year, as a percentage of all their targets.
- interactions, organisations and contacts reached, messages answered: always over the
  officer's own work in the plan's year (interaction log entries they recorded; distinct
  organisations and contacts in them; messages they replied to). Linked activities show what
  the goal is about but do not narrow these counts.
- recorded by hand: the value the officer enters.

A goal is *met* when its value reaches the target. Otherwise it is *on track* when the value is
at least the target times the share of the year elapsed (all of it for a past year, none of it
for a future year), and *behind* when it is less.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from luotsi.campaigns.coverage import percent
from luotsi.campaigns.models import REACHED, Campaign, CampaignStatus, Target
from luotsi.concerns.models import MessageStep, StepKind
from luotsi.events.models import (
    Event,
    EventStatus,
)
from luotsi.events.selectors import attendance_by_event
from luotsi.insights.models import GoalIndicator, WorkPlanGoal
from luotsi.network.models import Interaction

HELD_STATUSES = (EventStatus.PUBLISHED, EventStatus.COMPLETED)

# Indicators counted over linked events / linked campaigns when the goal has any.
EVENT_INDICATORS = frozenset({GoalIndicator.EVENTS_HELD, GoalIndicator.EVENT_ATTENDANCE})
CAMPAIGN_INDICATORS = frozenset({GoalIndicator.CAMPAIGN_COVERAGE})


class Standing:
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"


STANDING_LABELS: dict[str, Promise] = {
    Standing.MET: _("Met"),
    Standing.ON_TRACK: _("On track"),
    Standing.BEHIND: _("Behind"),
}


@dataclass(frozen=True)
class GoalProgress:
    goal_id: int
    indicator: str
    value: int
    target: int
    expected: int  # the value that would be on track today (target × share of year elapsed)
    standing: str  # Standing.*
    over_linked: bool  # counted over the goal's linked activities

    @property
    def percent(self) -> int:
        """Value as a percentage of the target, capped at 100 (for the progress bar)."""
        return min(100, percent(self.value, self.target))

    @property
    def standing_label(self) -> str:
        return str(STANDING_LABELS[self.standing])

    @property
    def is_percentage(self) -> bool:
        return self.indicator == GoalIndicator.CAMPAIGN_COVERAGE


# --- the year -------------------------------------------------------------------------------


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year + 1, 1, 1))
    return start, end


def elapsed_share(year: int, today: datetime.date | None = None) -> float:
    """The share of the year that has passed by the end of `today` (0 before it starts, 1
    after it ends)."""
    today = today or timezone.localdate()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if today < first:
        return 0.0
    if today >= last:
        return 1.0
    return ((today - first).days + 1) / ((last - first).days + 1)


def standing_of(value: int, target: int, share: float) -> tuple[str, int]:
    """(standing, expected value today) for a value against a target with `share` of the year
    elapsed. Expected is rounded up: being on track means reaching at least that."""
    expected = -(-target * round(share * 1_000_000) // 1_000_000)  # ceil without float drift
    if value >= target:
        return Standing.MET, expected
    if value >= expected:
        return Standing.ON_TRACK, expected
    return Standing.BEHIND, expected


# --- counting -------------------------------------------------------------------------------


def _held(now: datetime.datetime) -> Q:
    return Q(status__in=HELD_STATUSES, start__lt=now)


class _Counter:
    """Counts for many goals at once: a handful of grouped queries whatever the number of
    goals or officers."""

    def __init__(self, goals: Sequence[WorkPlanGoal], now: datetime.datetime) -> None:
        self.goals = goals
        self.now = now
        ids = [g.pk for g in goals]
        self.linked_events: dict[int, set[int]] = defaultdict(set)
        self.linked_campaigns: dict[int, set[int]] = defaultdict(set)
        if any(g.indicator in EVENT_INDICATORS for g in goals):
            for goal_id, event_id in WorkPlanGoal.events.through.objects.filter(
                workplangoal_id__in=ids
            ).values_list("workplangoal_id", "event_id"):
                self.linked_events[goal_id].add(event_id)
        if any(g.indicator in CAMPAIGN_INDICATORS for g in goals):
            for goal_id, campaign_id in WorkPlanGoal.campaigns.through.objects.filter(
                workplangoal_id__in=ids
            ).values_list("workplangoal_id", "campaign_id"):
                self.linked_campaigns[goal_id].add(campaign_id)

    def values(self) -> dict[int, tuple[int, bool]]:
        """goal pk → (value, counted over linked activities)."""
        # (indicator, officer, year) needed for the officer-wide figures.
        wide: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for goal in self.goals:
            if goal.indicator == GoalIndicator.MANUAL:
                continue
            if goal.indicator in EVENT_INDICATORS and self.linked_events.get(goal.pk):
                continue
            if goal.indicator in CAMPAIGN_INDICATORS and self.linked_campaigns.get(goal.pk):
                continue
            wide[goal.indicator].add((goal.plan.officer_id, goal.plan.year))
        officer_wide = self._officer_wide(wide)
        linked = self._linked()
        result: dict[int, tuple[int, bool]] = {}
        for goal in self.goals:
            if goal.indicator == GoalIndicator.MANUAL:
                result[goal.pk] = (goal.manual_value or 0, False)
            elif goal.pk in linked:
                result[goal.pk] = (linked[goal.pk], True)
            else:
                key = (goal.plan.officer_id, goal.plan.year)
                result[goal.pk] = (officer_wide[goal.indicator].get(key, 0), False)
        return result

    # Linked activities.

    def _linked(self) -> dict[int, int]:
        result: dict[int, int] = {}
        event_goals = {
            g.pk: self.linked_events[g.pk]
            for g in self.goals
            if g.indicator in EVENT_INDICATORS and self.linked_events.get(g.pk)
        }
        if event_goals:
            all_ids = set().union(*event_goals.values())
            held = set(
                Event.objects.filter(_held(self.now), pk__in=all_ids).values_list("pk", flat=True)
            )
            needs_heads = any(
                g.indicator == GoalIndicator.EVENT_ATTENDANCE
                for g in self.goals
                if g.pk in event_goals
            )
            heads = attendance_by_event(held) if needs_heads else {}
            for goal in self.goals:
                if goal.pk not in event_goals:
                    continue
                mine = event_goals[goal.pk] & held
                if goal.indicator == GoalIndicator.EVENTS_HELD:
                    result[goal.pk] = len(mine)
                else:
                    result[goal.pk] = sum(heads.get(pk, 0) for pk in mine)
        campaign_goals = {
            g.pk: self.linked_campaigns[g.pk]
            for g in self.goals
            if g.indicator in CAMPAIGN_INDICATORS and self.linked_campaigns.get(g.pk)
        }
        if campaign_goals:
            counts = _target_counts(set().union(*campaign_goals.values()))
            for goal_id, campaigns in campaign_goals.items():
                reached = sum(counts.get(c, (0, 0))[0] for c in campaigns)
                total = sum(counts.get(c, (0, 0))[1] for c in campaigns)
                result[goal_id] = percent(reached, total)
        return result

    # Officer-wide figures per (officer, year).

    def _officer_wide(
        self, wide: dict[str, set[tuple[int, int]]]
    ) -> dict[str, dict[tuple[int, int], int]]:
        result: dict[str, dict[tuple[int, int], int]] = defaultdict(dict)
        for indicator, keys in wide.items():
            officers = {officer for officer, _year in keys}
            years = {year for _officer, year in keys}
            for year in years:
                start, end = year_bounds(year)
                figures = self._figure(indicator, officers, start, min(end, self.now), year)
                for officer in officers:
                    if (officer, year) in keys:
                        result[indicator][(officer, year)] = figures.get(officer, 0)
        return result

    def _figure(
        self,
        indicator: str,
        officers: set[int],
        start: datetime.datetime,
        end: datetime.datetime,
        year: int,
    ) -> dict[int, int]:
        if indicator in EVENT_INDICATORS:
            through = Event.organisers.through.objects.filter(
                user_id__in=officers,
                event__status__in=HELD_STATUSES,
                event__start__gte=start,
                event__start__lt=end,
            )
            pairs = list(through.values_list("user_id", "event_id").distinct())
            if indicator == GoalIndicator.EVENTS_HELD:
                held: dict[int, int] = defaultdict(int)
                for user, _event in pairs:
                    held[user] += 1
                return dict(held)
            heads = attendance_by_event(event for _user, event in pairs)
            totals: dict[int, int] = defaultdict(int)
            for user, event in pairs:
                totals[user] += heads.get(event, 0)
            return dict(totals)
        if indicator in (
            GoalIndicator.INTERACTIONS,
            GoalIndicator.ORGANISATIONS_REACHED,
            GoalIndicator.CONTACTS_REACHED,
        ):
            interactions = Interaction.objects.filter(
                officer_id__in=officers,
                occurred_on__gte=datetime.date(year, 1, 1),
                occurred_on__lte=min(datetime.date(year, 12, 31), timezone.localdate(self.now)),
            )
            field = {
                GoalIndicator.INTERACTIONS: "pk",
                GoalIndicator.ORGANISATIONS_REACHED: "organisations",
                GoalIndicator.CONTACTS_REACHED: "contacts",
            }[GoalIndicator(indicator)]
            return dict(
                interactions.values("officer_id")
                .annotate(n=Count(field, distinct=True))
                .values_list("officer_id", "n")
            )
        if indicator == GoalIndicator.CONCERNS_ANSWERED:
            return dict(
                MessageStep.objects.filter(
                    kind=StepKind.REPLY,
                    by_id__in=officers,
                    at__gte=start,
                    at__lt=end,
                    message__duplicate_of__isnull=True,
                )
                .values("by_id")
                .annotate(n=Count("message_id", distinct=True))
                .values_list("by_id", "n")
            )
        if indicator == GoalIndicator.CAMPAIGN_COVERAGE:
            start_y, end_y = year_bounds(year)
            pairs = list(
                Campaign.officers.through.objects.filter(
                    user_id__in=officers,
                    campaign__feedback_deadline__gte=start_y,
                    campaign__feedback_deadline__lt=end_y,
                )
                .exclude(campaign__status=CampaignStatus.DRAFT)
                .values_list("user_id", "campaign_id")
            )
            counts = _target_counts({campaign for _user, campaign in pairs})
            reached: dict[int, int] = defaultdict(int)
            total: dict[int, int] = defaultdict(int)
            for user, campaign in pairs:
                r, t = counts.get(campaign, (0, 0))
                reached[user] += r
                total[user] += t
            return {user: percent(reached[user], total[user]) for user in total}
        return {}


def _target_counts(campaign_ids: set[int]) -> dict[int, tuple[int, int]]:
    """campaign pk → (targets reached, all targets)."""
    if not campaign_ids:
        return {}
    rows = (
        Target.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(total=Count("pk"), reached=Count("pk", filter=Q(status__in=REACHED)))
        .values_list("campaign_id", "reached", "total")
    )
    return {campaign: (reached, total) for campaign, reached, total in rows}


def progress_of(
    goals: Sequence[WorkPlanGoal],
    *,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> dict[int, GoalProgress]:
    """goal pk → progress, for goals of any plans (each goal's `plan` should be selected)."""
    if not goals:
        return {}
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    values = _Counter(goals, now).values()
    result = {}
    for goal in goals:
        value, over_linked = values[goal.pk]
        standing, expected = standing_of(value, goal.target, elapsed_share(goal.plan.year, today))
        result[goal.pk] = GoalProgress(
            goal_id=goal.pk,
            indicator=goal.indicator,
            value=value,
            target=goal.target,
            expected=expected,
            standing=standing,
            over_linked=over_linked,
        )
    return result


def goal_progress(goal: WorkPlanGoal) -> GoalProgress:
    return progress_of([goal])[goal.pk]
