"""Events for tests: by default a published café next week at a real venue in the Southern
district, organised by officer_south, registration open with room for `capacity`."""

import datetime
import secrets
from typing import Any

from django.utils import timezone

from luotsi.events.models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Venue,
)
from luotsi.testing.personas import Personas


def venue(district_code: str = "101") -> Venue:
    """A real venue of the city's list in that district."""
    found = Venue.objects.filter(district__code=district_code).order_by("source_id").first()
    if found is None:
        raise LookupError(f"no venue in district {district_code}")
    return found


def event(
    p: Personas,
    *,
    district_code: str = "101",
    start: datetime.datetime | None = None,
    hours: int = 2,
    organiser: Any = None,
    **fields: Any,
) -> Event:
    start = start or timezone.now() + datetime.timedelta(days=7)
    place = venue(district_code)
    values: dict[str, Any] = {
        "kind": EventKind.CAFE,
        "title": "Asukaskahvila",
        "title_fi": "Asukaskahvila",
        "title_sv": "Invånarkafé",
        "title_en": "Residents' café",
        "venue": place,
        "start": start,
        "end": start + datetime.timedelta(hours=hours),
        "languages": "fi,sv",
        "capacity": 10,
        "registration_enabled": True,
        "status": EventStatus.PUBLISHED,
        "published_at": timezone.now(),
        "created_by": organiser or p.officer_south,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "district_id": place.district_id,
        "sub_district_id": place.sub_district_id,
    }
    values.update(fields)
    created = Event.objects.create(**values)
    created.organisers.set([organiser or p.officer_south])
    return created


def registration(event: Event, email: str = "resident@example.org", **fields: Any) -> Registration:
    values: dict[str, Any] = {
        "event": event,
        "name": "Rita Registrant",
        "email": email,
        "language": "fi",
        "consented_at": timezone.now(),
        "status": RegistrationStatus.CONFIRMED,
        "token": secrets.token_urlsafe(32),
    }
    values.update(fields)
    return Registration.objects.create(**values)
