"""Reads: what a resident can take part in, near them, now and soon — Luotsi's own
opportunities merged with its public events (and campaigns) at read time, so nothing is
copied and nothing goes stale.

The contract other apps rely on (subscriptions' digest, the ways-to-take-part page):
`items_for(...)` returns `Item`s, nearest deadline first.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from luotsi.areas.models import District
from luotsi.events.codes import split_codes
from luotsi.events.models import Event, EventStatus
from luotsi.events.selectors import EventFilter, public_events
from luotsi.opportunities.models import Opportunity, OpportunityKind


@dataclass(frozen=True)
class Item:
    """One way to take part, whatever it comes from."""

    key: str  # "opportunity:12", "event:34": stable, for "new since" and de-duplication
    kind: str  # an OpportunityKind value
    kind_label: str
    title: str
    summary: str
    url: str  # where to take part (absolute or site-relative)
    opens_at: datetime.datetime | None
    deadline: datetime.datetime | None  # for events: the start
    place: str = ""
    languages: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # topic slugs
    created_at: datetime.datetime | None = None
    formats: str = ""  # the materials' formats (print, audio, …)
    officer: str = ""  # the officer to ask, by name

    def is_open(self, now: datetime.datetime) -> bool:
        return self.opens_at is None or self.opens_at <= now


def _opportunities(districts: QuerySet[District] | None) -> QuerySet[Opportunity]:
    rows = Opportunity.objects.filter(is_published=True)
    if districts is not None:
        rows = rows.filter(
            Q(city_wide=True)
            | Q(districts__in=districts)
            | Q(major_districts__in=districts.values("major_district"))
        ).distinct()
    return rows.prefetch_related("topics").select_related("contact_officer")


def _languages_match(languages: list[str], language: str) -> bool:
    # Nothing listed: the materials are in Finnish, the city's default language.
    return language in (languages or ["fi"])


def _from_opportunity(row: Opportunity) -> Item:
    officer = row.contact_officer
    return Item(
        key=f"opportunity:{row.pk}",
        kind=row.kind,
        kind_label=str(row.get_kind_display()),
        title=str(row.title),
        summary=str(row.summary or ""),
        url=row.link,
        opens_at=row.opens_at,
        deadline=row.deadline,
        place=row.place,
        languages=split_codes(row.material_languages),
        topics=sorted(t.slug for t in row.topics.all()),
        created_at=row.created_at,
        formats=row.material_formats,
        officer=(officer.get_full_name() or officer.email) if officer is not None else "",
    )


def _from_event(event: Event) -> Item:
    place = event.venue.name if event.venue is not None else ""
    if event.location_details:
        place = f"{place}, {event.location_details}" if place else event.location_details
    return Item(
        key=f"event:{event.pk}",
        kind=OpportunityKind.EVENT,
        kind_label=str(OpportunityKind.EVENT.label),
        title=str(event.title),
        summary=str(event.description or ""),
        url=reverse("events:detail", args=[event.pk]),
        opens_at=None,
        deadline=event.start,
        place=place,
        languages=list(
            dict.fromkeys(split_codes(event.languages) + split_codes(event.interpretation))
        ),
        topics=sorted(t.slug for t in event.topics.all()),
        created_at=event.created_at,
    )


def _events(
    districts: QuerySet[District] | None,
    topics: list[str],
    language: str,
    now: datetime.datetime,
    until: datetime.datetime,
) -> QuerySet[Event]:
    events = public_events(
        EventFilter(districts=districts, language=language, start=now, end=until)
    ).filter(status=EventStatus.PUBLISHED)
    if topics:
        events = events.filter(topics__slug__in=topics).distinct()
    return events.prefetch_related("topics")


def items_for(
    *,
    districts: QuerySet[District] | None = None,
    topics: Iterable[str] = (),
    language: str = "",
    now: datetime.datetime | None = None,
    horizon_days: int = 60,
) -> list[Item]:
    """Open now or opening within `horizon_days`, in the given districts (None: everywhere),
    about any of `topics` (slugs; empty: all), with materials or events in `language`
    (empty: any); nearest deadline first."""
    now = now or timezone.now()
    until = now + datetime.timedelta(days=horizon_days)
    wanted = [t for t in topics if t]
    language = language.strip().lower()
    rows = (
        _opportunities(districts)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=now))
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=until))
    )
    if wanted:
        rows = rows.filter(topics__slug__in=wanted).distinct()
    items = [_from_opportunity(row) for row in rows]
    if language:
        items = [i for i in items if _languages_match(i.languages, language)]
    # Events are read from the calendar each time, never copied: they cannot go stale.
    items += [_from_event(e) for e in _events(districts, wanted, language, now, until)]
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    items.sort(key=lambda i: (i.deadline is None, i.deadline or far, i.key))
    return items
