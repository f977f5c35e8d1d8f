"""The team's calendar on the programme pages: the events and meetings of the liaison officers
over the coming weeks or a chosen period, week by week.

An officer's own calendar is staff data, so it is scoped: the coordinator sees every event of
the team (drafts included); an officer sees the events they organise (drafts included) and
the team's public ones (published, completed or cancelled); nobody else uses the page.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.events.models import PUBLIC_STATUSES, Event, EventStatus
from luotsi.events.permissions import events_managed_by
from luotsi.insights.periods import Period
from luotsi.insights.permissions_programme import can_view_programme, sees_whole_programme

DEFAULT_WEEKS = 6
MOST_EVENTS = 500


@dataclass(frozen=True)
class CalendarEntry:
    start: datetime.datetime
    end: datetime.datetime
    title: str
    kind: str
    status: str
    status_label: str
    place: str
    organisers: str
    url: str
    own: bool


@dataclass
class CalendarWeek:
    monday: datetime.date
    entries: list[CalendarEntry] = field(default_factory=list)

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)


@dataclass(frozen=True)
class Calendar:
    period: Period
    weeks: list[CalendarWeek]
    total: int
    truncated: bool


def coming_weeks(today: datetime.date | None = None, weeks: int = DEFAULT_WEEKS) -> Period:
    today = today or timezone.localdate()
    return Period(today, today + datetime.timedelta(days=7 * weeks - 1))


def calendar_events(user: User | AnonymousUser, period: Period) -> Iterable[Event]:
    """The events of the period the user may see in the team's calendar."""
    if not isinstance(user, User) or not can_view_programme(user):
        return Event.objects.none()
    events = Event.objects.filter(start__lt=period.end_datetime(), end__gt=period.start_datetime())
    if not sees_whole_programme(user):
        events = events.filter(
            Q(pk__in=Event.objects.filter(organisers=user).values("pk"))
            | Q(status__in=PUBLIC_STATUSES)
        )
    return (
        events.select_related("district", "venue")
        .prefetch_related("organisers")
        .order_by("start", "pk")
    )


def team_calendar(*, user: User | AnonymousUser, period: Period) -> Calendar:
    events = list(calendar_events(user, period)[: MOST_EVENTS + 1])  # type: ignore[index]
    truncated = len(events) > MOST_EVENTS
    events = events[:MOST_EVENTS]
    managed = set(
        events_managed_by(user).filter(pk__in=[e.pk for e in events]).values_list("pk", flat=True)
    )
    weeks: dict[datetime.date, CalendarWeek] = {}
    for event in events:
        start = timezone.localtime(event.start)
        monday = start.date() - datetime.timedelta(days=start.weekday())
        organisers = list(event.organisers.all())
        if event.pk in managed:
            url = reverse("events:manage-detail", args=[event.pk])
        elif event.status in PUBLIC_STATUSES:
            url = reverse("events:detail", args=[event.pk])
        else:
            url = ""
        weeks.setdefault(monday, CalendarWeek(monday=monday)).entries.append(
            CalendarEntry(
                start=start,
                end=timezone.localtime(event.end),
                title=event.title,
                kind=event.get_kind_display(),
                status=event.status,
                status_label=str(EventStatus(event.status).label),
                place=", ".join(
                    part
                    for part in (
                        event.venue.name if event.venue else "",
                        event.district.name if event.district else "",
                    )
                    if part
                ),
                organisers=", ".join(o.get_full_name() or o.get_username() for o in organisers),
                url=url,
                own=isinstance(user, User) and any(o.pk == user.pk for o in organisers),
            )
        )
    return Calendar(
        period=period,
        weeks=[weeks[monday] for monday in sorted(weeks)],
        total=len(events),
        truncated=truncated,
    )
