"""The dashboard's counting: a handful of grouped queries over the whole programme for a
period, each record attributed at once to the team, to its major district and district (by the
record's own area) and to its officer (by the officer field on the record). Rows the user may
not see are cut away afterwards (selectors_dashboard), so every row is counted the same way.

How each figure is counted is in FIGURE_DEFINITIONS, which the page shows word for word.
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.areas.models import District
from luotsi.budgeting.models import ImplementationStatus, Workspace
from luotsi.campaigns.models import REACHED, Campaign, CampaignStatus, Target
from luotsi.concerns.models import Message
from luotsi.events.models import Event, EventStatus
from luotsi.events.selectors import attendance_by_event as event_attendance
from luotsi.insights.periods import Period
from luotsi.materials.models import Variant, VariantStatus
from luotsi.network.models import Commitment, Interaction

HELD_STATUSES = (EventStatus.PUBLISHED, EventStatus.COMPLETED)

Key = tuple[str, int]  # ("team", 0), ("major", pk), ("district", pk), ("officer", pk)
TEAM: Key = ("team", 0)

# (figure, label, how it is counted): the page's "How these are counted" box.
FIGURE_DEFINITIONS = [
    (
        "interactions",
        _("Interactions"),
        _(
            "Entries in the interaction log dated in the period. An officer's are the ones "
            "they recorded; an area's are the ones in its districts."
        ),
    ),
    (
        "organisations",
        _("Organisations reached"),
        _(
            "Different organisations named in those interactions; an organisation met several "
            "times counts once per row (and once in the team's total)."
        ),
    ),
    (
        "contacts",
        _("People reached"),
        _("Different contact persons named in those interactions, each once per row."),
    ),
    (
        "events_held",
        _("Events held"),
        _(
            "Published or completed events (not drafts, not cancelled) that started in the "
            "period and before now, in the event's district; an event with several organisers "
            "counts for each of them and once in the team's total."
        ),
    ),
    (
        "attendance",
        _("Attendance"),
        _(
            "For each of those events the larger of (registered people marked as having come "
            "+ walk-ins) and the sum of the age-group head counts, added up."
        ),
    ),
    (
        "concerns_received",
        _("Messages received"),
        _(
            "Questions, concerns, ideas and feedback sent in the period (merged duplicates "
            "left out), in the message's district and for the officer handling it."
        ),
    ),
    (
        "concerns_answered",
        _("Messages answered"),
        _("Of those, the ones that have had their first answer by now."),
    ),
    (
        "median_answer_days",
        _("Median answer time"),
        _(
            "The middle value of the time from sending to the first answer over the answered "
            "messages, in days (half were answered faster, half slower; with an even number, "
            "the mean of the two middle values)."
        ),
    ),
    (
        "overdue_commitments",
        _("Overdue commitments"),
        _(
            "Promises due in the period, before today, that are still open today, for their "
            "owner and in their district."
        ),
    ),
    (
        "campaign_coverage",
        _("Campaign coverage"),
        _(
            "Campaigns (not drafts) running in the period (from the start of their information "
            "phase to their feedback deadline): the share of their target organisations "
            "reached so far (informed, gave feedback or declined). An area's are the targets "
            "located in it; an officer's, the campaigns they run."
        ),
    ),
    (
        "coproduction",
        _("PB co-production"),
        _(
            "Co-production workspaces of selected PB plans opened by the end of the period "
            "(cancelled plans left out): how many, how many are implemented, and their mean "
            "implementation progress today. An area's are its plans; an officer's, the ones "
            "they facilitate."
        ),
    ),
    (
        "materials_gaps",
        _("Materials gaps"),
        _(
            "Language versions of information materials declared needed and not ready today, "
            "in the material's district and for its owner (city-wide materials only in the "
            "team's total)."
        ),
    ),
]


@dataclass
class Tally:
    """The running totals of one row while counting."""

    interactions: int = 0
    organisations: set[int] = field(default_factory=set)
    contacts: set[int] = field(default_factory=set)
    events: set[int] = field(default_factory=set)
    attendance: int = 0
    concerns_received: int = 0
    answer_days: list[float] = field(default_factory=list)
    overdue_commitments: int = 0
    campaigns: set[int] = field(default_factory=set)
    campaign_targets: int = 0
    campaign_reached: int = 0
    coproduction: set[int] = field(default_factory=set)
    coproduction_done: int = 0
    coproduction_progress: list[int] = field(default_factory=list)
    materials_gaps: int = 0


@dataclass
class Counts:
    """Every row's tally, the team's monthly series and each district's major district."""

    tallies: dict[Key, Tally]
    months: list[datetime.date]
    monthly: dict[str, dict[Key, dict[datetime.date, int]]]
    major_of: dict[int, int]

    def tally(self, key: Key) -> Tally:
        return self.tallies.get(key) or Tally()


class _Attributor:
    """Which rows a record counts in: the team, its district and that district's major
    district (when it has an area), and its officer (when it has one)."""

    def __init__(self, major_of: dict[int, int]) -> None:
        self.major_of = major_of
        self.tallies: dict[Key, Tally] = defaultdict(Tally)

    def keys(
        self, district: int | None, officers: Iterable[int | None] = (), major: int | None = None
    ) -> Iterator[Key]:
        yield TEAM
        if district is not None:
            yield ("district", district)
            major = self.major_of.get(district, major)
        if major is not None:
            yield ("major", major)
        for officer in {o for o in officers if o is not None}:
            yield ("officer", officer)

    def rows(
        self, district: int | None, officers: Iterable[int | None] = (), major: int | None = None
    ) -> Iterator[Tally]:
        for key in self.keys(district, officers, major):
            yield self.tallies[key]


def count_programme(period: Period, *, today: datetime.date | None = None) -> Counts:
    """Count every figure of the period for every row at once (about a dozen queries)."""
    today = today or timezone.localdate()
    now = timezone.now()
    major_of = dict(District.objects.values_list("pk", "major_district_id"))
    att = _Attributor(major_of)
    months = period.months()
    monthly: dict[str, dict[Key, dict[datetime.date, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    _interactions(att, period, monthly["interactions"])
    _events(att, period, now, monthly)
    _messages(att, period, monthly["concerns_received"])
    _commitments(att, period, today)
    _campaigns(att, period)
    _coproduction(att, period)
    _materials(att)
    return Counts(tallies=dict(att.tallies), months=months, monthly=monthly, major_of=major_of)


def _add_month(
    series: dict[Key, dict[datetime.date, int]], keys: Iterable[Key], month: datetime.date, n: int
) -> None:
    for key in keys:
        if key[0] != "district":  # months are kept for the team, major districts, officers
            series[key][month] += n


def _interactions(
    att: _Attributor, period: Period, series: dict[Key, dict[datetime.date, int]]
) -> None:
    logged = Interaction.objects.filter(occurred_on__range=(period.start, period.end))
    for district, officer, month, n in (
        logged.annotate(month=TruncMonth("occurred_on"))
        .values("district_id", "officer_id", "month")
        .annotate(n=Count("pk"))
        .values_list("district_id", "officer_id", "month", "n")
        .order_by()
    ):
        keys = list(att.keys(district, [officer]))
        for key in keys:
            att.tallies[key].interactions += n
        _add_month(series, keys, month, n)
    for through, attribute, target in (
        (Interaction.contacts.through, "contacts", "contact_id"),
        (Interaction.organisations.through, "organisations", "organisation_id"),
    ):
        for district, officer, pk in (
            through.objects.filter(interaction__occurred_on__range=(period.start, period.end))
            .values_list("interaction__district_id", "interaction__officer_id", target)
            .distinct()
            .order_by()
        ):
            for tally in att.rows(district, [officer]):
                getattr(tally, attribute).add(pk)


def _events(
    att: _Attributor,
    period: Period,
    now: datetime.datetime,
    monthly: dict[str, dict[Key, dict[datetime.date, int]]],
) -> None:
    held = Event.objects.filter(
        status__in=HELD_STATUSES,
        start__gte=period.start_datetime(),
        start__lt=min(period.end_datetime(), now),
    )
    organisers: dict[int, list[int]] = defaultdict(list)
    for event, user in Event.organisers.through.objects.filter(event__in=held).values_list(
        "event_id", "user_id"
    ):
        organisers[event].append(user)
    events = list(held.values_list("pk", "district_id", "start").order_by())
    heads = event_attendance(pk for pk, _d, _s in events)
    for pk, district, start in events:
        keys = list(att.keys(district, organisers.get(pk, [])))
        for key in keys:
            att.tallies[key].events.add(pk)
            att.tallies[key].attendance += heads.get(pk, 0)
        month = timezone.localtime(start).date().replace(day=1)
        _add_month(monthly["events_held"], keys, month, 1)
        _add_month(monthly["attendance"], keys, month, heads.get(pk, 0))


def _messages(
    att: _Attributor, period: Period, series: dict[Key, dict[datetime.date, int]]
) -> None:
    received = Message.objects.filter(
        created_at__gte=period.start_datetime(),
        created_at__lt=period.end_datetime(),
        duplicate_of__isnull=True,
    )
    for district, officer, month, n in (
        received.annotate(month=TruncMonth("created_at"))
        .values("district_id", "assigned_to_id", "month")
        .annotate(n=Count("pk"))
        .values_list("district_id", "assigned_to_id", "month", "n")
        .order_by()
    ):
        keys = list(att.keys(district, [officer]))
        for key in keys:
            att.tallies[key].concerns_received += n
        month_day = month.date() if isinstance(month, datetime.datetime) else month
        _add_month(series, keys, month_day, n)
    for district, officer, sent, answered in received.filter(answered_at__isnull=False).values_list(
        "district_id", "assigned_to_id", "created_at", "answered_at"
    ):
        days = (answered - sent).total_seconds() / 86400 if answered else 0.0
        for tally in att.rows(district, [officer]):
            tally.answer_days.append(days)


def _commitments(att: _Attributor, period: Period, today: datetime.date) -> None:
    last_day = min(period.end, today - datetime.timedelta(days=1))
    for district, owner, n in (
        Commitment.objects.open()
        .filter(due_on__gte=period.start, due_on__lte=last_day)
        .values("district_id", "owner_id")
        .annotate(n=Count("pk"))
        .values_list("district_id", "owner_id", "n")
        .order_by()
    ):
        for tally in att.rows(district, [owner]):
            tally.overdue_commitments += n


def _campaigns(att: _Attributor, period: Period) -> None:
    # Running in the period: a campaign without an information start date began when it was
    # made. A campaign still running at the end of the period counts with its reach so far.
    campaigns = (
        Campaign.objects.exclude(status=CampaignStatus.DRAFT)
        .filter(feedback_deadline__gte=period.start_datetime())
        .filter(
            Q(information_starts_on__lte=period.end)
            | Q(information_starts_on__isnull=True, created_at__lt=period.end_datetime())
        )
    )
    officers: dict[int, list[int]] = defaultdict(list)
    for campaign, user in Campaign.officers.through.objects.filter(
        campaign__in=campaigns
    ).values_list("campaign_id", "user_id"):
        officers[campaign].append(user)
    for campaign, district, total, reached in (
        Target.objects.filter(campaign__in=campaigns)
        .values("campaign_id", "organisation__district_id")
        .annotate(total=Count("pk"), reached=Count("pk", filter=Q(status__in=REACHED)))
        .values_list("campaign_id", "organisation__district_id", "total", "reached")
        .order_by()
    ):
        for tally in att.rows(district, officers.get(campaign, [])):
            tally.campaigns.add(campaign)
            tally.campaign_targets += total
            tally.campaign_reached += reached


def _coproduction(att: _Attributor, period: Period) -> None:
    for pk, facilitator, major, status, progress in (
        Workspace.objects.filter(created_at__lt=period.end_datetime())
        .exclude(plan__implementation_status=ImplementationStatus.CANCELLED)
        .values_list(
            "pk",
            "facilitator_id",
            "plan__major_district_id",
            "plan__implementation_status",
            "plan__implementation_progress",
        )
        .order_by()
    ):
        for tally in att.rows(None, [facilitator], major=major):
            tally.coproduction.add(pk)
            tally.coproduction_done += status == ImplementationStatus.DONE
            tally.coproduction_progress.append(progress)


def _materials(att: _Attributor) -> None:
    """The rule of materials.selectors.gaps_by_district (versions declared needed and not
    ready), grouped by district and owner in one query."""
    for district, owner, n in (
        Variant.objects.exclude(status=VariantStatus.READY)
        .values("item__district_id", "item__owner_id")
        .annotate(n=Count("pk"))
        .values_list("item__district_id", "item__owner_id", "n")
        .order_by()
    ):
        for tally in att.rows(district, [owner]):
            tally.materials_gaps += n


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
