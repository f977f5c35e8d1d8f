"""iCalendar (RFC 5545) feeds: one per event, one per district or major district. Calendar
apps subscribe to the area feed; cancelled events stay in it, marked CANCELLED, so
subscribers' copies update instead of silently vanishing."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from luotsi.events import permissions, selectors
from luotsi.events.forms import areas_for
from luotsi.events.models import Event, EventStatus

# How far back an area feed reaches, so recent past events stay in subscribers' calendars.
FEED_HISTORY = datetime.timedelta(days=30)
FEED_LIMIT = 500
FEED_CACHE_SECONDS = 60 * 60
STATUS = {
    EventStatus.PUBLISHED: "CONFIRMED",
    EventStatus.COMPLETED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.DRAFT: "TENTATIVE",
}


def _calendar(name: str, events: Iterable[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Luotsi//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    host = settings.SITE_URL.split("://", 1)[-1]
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", event.updated_at)
        entry.add("last-modified", event.updated_at)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end)
        entry.add("summary", event.title)
        entry.add("description", event.description)
        entry.add("status", STATUS[EventStatus(event.status)])
        entry.add("url", settings.SITE_URL + reverse("events:detail", args=[event.pk]))
        if event.venue is not None:
            place = ", ".join(p for p in (event.venue.name, event.venue.street_address) if p)
            entry.add("location", place)
        if event.latitude is not None and event.longitude is not None:
            entry.add("geo", (event.latitude, event.longitude))
        entry.add("categories", [event.get_kind_display()])
        calendar.add_component(entry)
    return calendar.to_ical()


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def event_ical(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.access_event(request.user, pk)
    return _ics(_calendar(event.title, [event]), f"event-{event.pk}.ics")


def _area_events(code: str) -> tuple[QuerySet[Event], str]:
    """Upcoming and recent public events of a major district (its number), a district (its
    code) or "all" for the whole city, and the feed's name."""
    if code == "all":
        districts, name = None, _("All events")
    else:
        districts = areas_for(code)
        area = districts.first() if districts is not None else None
        if area is None:
            raise Http404
        name = area.major_district.name if len(code) <= 2 else area.name
    # The window starts at midnight so that the feed (and its ETag) changes at most daily.
    since = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() - FEED_HISTORY, datetime.time.min)
    )
    filters = selectors.EventFilter(districts=districts, start=since)
    return selectors.public_events(filters), name


def _area_version(request: HttpRequest, code: str) -> str:
    """Changes whenever an event in the feed is added, changed or drops out of its window."""
    events, _name = _area_events(code)
    summary = events.aggregate(n=Count("pk"), last=Max("updated_at"))
    last = summary["last"].timestamp() if summary["last"] else 0
    return f"{code}-{get_language()}-{timezone.localdate()}-{summary['n']}-{last}"


@require_safe
@condition(etag_func=_area_version)
def area_ical(request: HttpRequest, code: str) -> HttpResponse:
    """Calendar apps poll feeds: an unchanged feed answers 304 to a conditional request and
    is otherwise served from the cache (building 500 entries takes a quarter of a second)."""
    key = "events-ical:" + _area_version(request, code)
    body = cache.get(key)
    events, name = _area_events(code)
    if body is None:
        body = _calendar(f"{name} – Luotsi", events[:FEED_LIMIT])
        cache.set(key, body, FEED_CACHE_SECONDS)
    return _ics(body, f"events-{code}.ics")
