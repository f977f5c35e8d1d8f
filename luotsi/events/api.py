"""The public events API, shaped like Helsinki's Linked Events (`/event/`) so that the same
clients can read it: translated texts as {fi, sv, en}, schema.org event statuses, `meta` +
`data` pages, and the `start`, `end`, `division`, `language` and `text` filters.
The field-by-field mapping is documented in the README."""

import datetime
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from luotsi.api.errors import responses
from luotsi.api.pagination import max_page
from luotsi.areas.models import District
from luotsi.events import permissions, selectors
from luotsi.events.codes import split_codes
from luotsi.events.models import Audience, Event, EventKind, EventStatus
from luotsi.web.languages import language_name

router = Router(tags=["events"])

LANGUAGES = [code for code, _name in settings.MESSAGE_LANGUAGES]
MAX_PAGE_SIZE = 100
EVENT_STATUS = {
    EventStatus.PUBLISHED: "EventScheduled",
    EventStatus.COMPLETED: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.DRAFT: "EventScheduled",
}


class Translated(Schema):
    fi: str | None = None
    sv: str | None = None
    en: str | None = None


class Position(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude], WGS84")


class Division(Schema):
    type: Literal["major_district", "district", "sub_district"]
    code: str
    name: Translated


class Accessibility(Schema):
    step_free: bool | None
    induction_loop: bool | None
    accessible_toilet: bool | None
    quiet_room: bool | None
    notes: Translated


class Location(Schema):
    id: str | None = Field(description="luotsi:venue:<id>, or null for a place without a venue")
    name: Translated
    street_address: Translated
    postal_code: str | None
    address_locality: Translated
    position: Position | None
    divisions: list[Division]
    accessibility: Accessibility | None


class Term(Schema):
    id: str
    name: Translated


class Offer(Schema):
    is_free: bool
    price: Translated | None
    info_url: Translated | None
    description: Translated | None


class EventOut(Schema):
    id: int
    at_id: str = Field(alias="@id")
    at_type: Literal["Event"] = Field(alias="@type")
    name: Translated
    description: Translated
    info_url: Translated
    start_time: datetime.datetime
    end_time: datetime.datetime
    event_status: Literal["EventScheduled", "EventCancelled"]
    location: Location
    in_language: list[Term]
    interpretation: list[Term] = Field(description="Luotsi extension: interpretation offered")
    audience: list[Term]
    keywords: list[Term]
    offers: list[Offer]
    maximum_attendee_capacity: int | None
    remaining_attendee_capacity: int | None
    enrolment_end_time: datetime.datetime | None
    date_published: datetime.datetime | None
    last_modified_time: datetime.datetime
    super_event: str | None = Field(description="luotsi:series:<id> for repeating events")


class Meta(Schema):
    count: int
    next: str | None
    previous: str | None


class EventPage(Schema):
    meta: Meta
    data: list[EventOut]


class EventQuery(Schema):
    start: str | None = Field(
        None, description="events ending at or after: a date, a date-time, 'today' or 'now'"
    )
    end: str | None = Field(None, description="events starting at or before (same forms)")
    division: str | None = Field(
        None,
        description="comma-separated areas: major district numbers, district codes or names, "
        "or OCD ids ending in ':<name>'",
    )
    language: str | None = Field(None, description="a language spoken or interpreted, e.g. sv")
    text: str | None = Field(None, max_length=100, description="words in the title or text")
    page: int = Field(1, ge=1, le=max_page(MAX_PAGE_SIZE))
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def _translated(obj: Any, field: str) -> dict[str, str | None]:
    return {code: getattr(obj, f"{field}_{code}", None) or None for code in LANGUAGES}


def _same_in_all(value: str) -> dict[str, str | None]:
    return dict.fromkeys(LANGUAGES, value or None)


def _in_each_language(label: Any) -> dict[str, str | None]:
    names: dict[str, str | None] = {}
    for code in LANGUAGES:
        with translation.override(code):
            names[code] = str(label)
    return names


def _language(code: str) -> dict[str, Any]:
    names: dict[str, str | None] = {}
    for language in LANGUAGES:
        with translation.override(language):
            names[language] = language_name(code)
    return {"id": code, "name": names}


def _moment(value: str | None, field: str, *, end_of_day: bool) -> datetime.datetime | None:
    if not value:
        return None
    now = timezone.now()
    if value == "now":
        return now
    if value == "today":
        day = timezone.localdate()
    else:
        moment = parse_datetime(value) if "T" in value or " " in value else None
        if moment is not None:
            return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise ValidationError(
                {field: _("Give a date (2026-05-01), a date-time, 'today' or 'now'.")}
            )
        day = parsed
    clock = datetime.time.max if end_of_day else datetime.time.min
    return timezone.make_aware(datetime.datetime.combine(day, clock))


def _divisions(value: str | None) -> QuerySet[District] | None:
    if not value:
        return None
    rule = Q()
    for raw in value.split(","):
        term = raw.strip().rsplit(":", 1)[-1].strip()
        if not term:
            continue
        if term.isdigit() and len(term) <= 2:
            rule |= Q(major_district__number=int(term))
        else:
            rule |= Q(code=term) | Q(name_fi__iexact=term) | Q(name_sv__iexact=term)
            rule |= Q(major_district__name_fi__iexact=term)
            rule |= Q(major_district__name_sv__iexact=term)
    return District.objects.filter(rule)


def _location(event: Event) -> dict[str, Any]:
    venue = event.venue
    divisions = []
    if event.district is not None:
        major = event.district.major_district
        divisions.append(
            {
                "type": "major_district",
                "code": str(major.number),
                "name": _translated(major, "name"),
            }
        )
        divisions.append(
            {
                "type": "district",
                "code": event.district.code,
                "name": _translated(event.district, "name"),
            }
        )
    if event.sub_district is not None:
        divisions.append(
            {
                "type": "sub_district",
                "code": event.sub_district.code,
                "name": _translated(event.sub_district, "name"),
            }
        )
    position = None
    if event.latitude is not None and event.longitude is not None:
        position = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    city = event.district.city if event.district is not None else None
    return {
        "id": f"luotsi:venue:{venue.pk}" if venue else None,
        "name": _translated(venue, "name") if venue else _same_in_all(event.location_details),
        "street_address": _same_in_all(venue.street_address if venue else ""),
        "postal_code": (venue.postal_code or None) if venue else None,
        "address_locality": _translated(city, "name") if city else _same_in_all(""),
        "position": position,
        "divisions": divisions,
        "accessibility": {
            "step_free": venue.step_free,
            "induction_loop": venue.induction_loop,
            "accessible_toilet": venue.accessible_toilet,
            "quiet_room": venue.quiet_room,
            "notes": _translated(venue, "accessibility_notes"),
        }
        if venue
        else None,
    }


def event_document(event: Event, *, confirmed: int | None = None) -> dict[str, Any]:
    page = settings.SITE_URL + reverse("events:detail", args=[event.pk])
    audiences = dict(Audience.choices)
    remaining = None
    if event.capacity is not None and confirmed is not None:
        remaining = max(event.capacity - confirmed, 0)
    return {
        "id": event.pk,
        "@id": settings.SITE_URL + reverse("api:event_read", args=[event.pk]),
        "@type": "Event",
        "name": _translated(event, "title"),
        "description": _translated(event, "description"),
        "info_url": _same_in_all(page),
        "start_time": event.start,
        "end_time": event.end,
        "event_status": EVENT_STATUS[EventStatus(event.status)],
        "location": _location(event),
        "in_language": [_language(code) for code in split_codes(event.languages)],
        "interpretation": [_language(code) for code in split_codes(event.interpretation)],
        "audience": [
            {"id": f"luotsi:audience:{code}", "name": _in_each_language(audiences[code])}
            for code in split_codes(event.audiences)
            if code in audiences
        ],
        "keywords": [
            {
                "id": f"luotsi:kind:{event.kind}",
                "name": _in_each_language(EventKind(event.kind).label),
            },
            *(
                {"id": f"luotsi:topic:{topic.slug}", "name": _translated(topic, "name")}
                for topic in event.topics.all()
            ),
        ],
        "offers": [
            {
                "is_free": event.is_free,
                "price": None if event.is_free or not event.price else _same_in_all(event.price),
                "info_url": None,
                "description": None,
            }
        ],
        "maximum_attendee_capacity": event.capacity,
        "remaining_attendee_capacity": remaining if event.registration_enabled else None,
        "enrolment_end_time": event.registration_deadline() if event.registration_enabled else None,
        "date_published": event.published_at,
        "last_modified_time": event.updated_at,
        "super_event": f"luotsi:series:{event.series_id}" if event.series_id else None,
    }


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return settings.SITE_URL + request.path + "?" + query.urlencode()


def _for_documents(events: QuerySet[Event]) -> QuerySet[Event]:
    return selectors.with_places(events).select_related("district__city").prefetch_related("topics")


def _documents(events: QuerySet[Event]) -> list[dict[str, Any]]:
    rows = list(events)
    confirmed = selectors.confirmed_counts([e.pk for e in rows])
    return [event_document(e, confirmed=confirmed.get(e.pk, 0)) for e in rows]


@router.get(
    "/events/", response=responses(EventPage, 422), auth=None, by_alias=True, url_name="events_list"
)
def events_list(request: HttpRequest, filters: Query[EventQuery]) -> dict[str, Any]:
    """Public events (published, cancelled and completed), soonest first. Without `start`,
    only events that have not ended yet."""
    language = (filters.language or "").strip().lower()
    if language and not (language.isalpha() and 2 <= len(language) <= 3):
        raise ValidationError({"language": _("Give a language code, e.g. sv, en, so.")})
    query = selectors.EventFilter(
        districts=_divisions(filters.division),
        language=language,
        start=_moment(filters.start, "start", end_of_day=False),
        end=_moment(filters.end, "end", end_of_day=True),
        text=(filters.text or "").strip(),
    )
    events = selectors.public_events(query)
    count = events.count()
    first = (filters.page - 1) * filters.page_size
    page = _documents(_for_documents(events)[first : first + filters.page_size])
    last_page = max((count - 1) // filters.page_size + 1, 1)
    return {
        "meta": {
            "count": count,
            "next": _page_url(request, filters.page + 1) if filters.page < last_page else None,
            "previous": _page_url(request, filters.page - 1) if filters.page > 1 else None,
        },
        "data": page,
    }


@router.get(
    "/events/{pk}",
    response=responses(EventOut, 404, 422),
    auth=None,
    by_alias=True,
    url_name="event_read",
)
def event_read(request: HttpRequest, pk: int) -> dict[str, Any]:
    """One public event (drafts are 404)."""
    event = permissions.access_event(AnonymousUser(), pk)
    (document,) = _documents(_for_documents(Event.objects.filter(pk=event.pk)))
    return document
