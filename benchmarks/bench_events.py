"""Events at ten times Helsinki's scale: 30,000 events over three years with 300,000
registrations and 60,000 costs; the public calendar, the API, the feeds, an event page, the
budget page and registering, each as median and p95 over repeated requests through Django's
test client, against the 404-page baseline of the same run.

Helsinki's seven district officers run some hundreds of events a year; the tenfold volume is
headroom for a bigger city or a busier programme.
"""

import datetime
import gc
import random
import secrets
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from luotsi.events.models import (
    Audience,
    Event,
    EventCost,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Venue,
)
from luotsi.testing.personas import create_personas

EVENTS = 30_000
REGISTRATIONS_PER_EVENT = 10
COSTS_PER_EVENT = 2
LANGUAGES = ["fi", "fi,sv", "fi,en", "fi,so", "fi,ar", "sv", "fi,sv,en", "fi,ru"]


def _fill(officer_pk: int) -> int:
    rng = random.Random(5)  # noqa: S311 - reproducible test data, not secrets
    venues = list(Venue.objects.filter(district__isnull=False))
    now = timezone.now()
    audiences = list(Audience.values)
    batch: list[Event] = []
    for n in range(EVENTS):
        venue = rng.choice(venues)
        start = now + datetime.timedelta(hours=rng.randint(-24 * 730, 24 * 365))
        batch.append(
            Event(
                kind=rng.choice(EventKind.values),
                title=f"Tapahtuma {n}",
                title_fi=f"Tapahtuma {n}",
                title_sv=f"Evenemang {n}",
                venue=venue,
                latitude=venue.latitude,
                longitude=venue.longitude,
                district_id=venue.district_id,
                sub_district_id=venue.sub_district_id,
                start=start,
                end=start + datetime.timedelta(hours=2),
                languages=rng.choice(LANGUAGES),
                audiences=",".join(rng.sample(audiences, 2)),
                capacity=40,
                registration_enabled=True,
                status=EventStatus.PUBLISHED if start > now else EventStatus.COMPLETED,
                created_by_id=officer_pk,
            )
        )
    Event.objects.bulk_create(batch, batch_size=2000)
    ids = list(Event.objects.values_list("pk", flat=True))
    Registration.objects.bulk_create(
        (
            Registration(
                event_id=event_id,
                name=f"Person {event_id}-{i}",
                email=f"p{event_id}-{i}@example.org",
                language="fi",
                consented_at=now,
                status=RegistrationStatus.CONFIRMED,
                token=secrets.token_urlsafe(24),
            )
            for event_id in ids
            for i in range(REGISTRATIONS_PER_EVENT)
        ),
        batch_size=5000,
    )
    EventCost.objects.bulk_create(
        (
            EventCost(
                event_id=event_id,
                category="catering",
                amount=Decimal(rng.randint(20, 400)),
                status=rng.choice(["committed", "spent"]),
                recorded_by_id=officer_pk,
            )
            for event_id in ids
            for _ in range(COSTS_PER_EVENT)
        ),
        batch_size=5000,
    )
    return ids[len(ids) // 2]


def _latencies(action: Callable[[], object], repeat: int = 60) -> tuple[float, float]:
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _get(client: Client, url: str) -> Callable[[], object]:
    def action() -> object:
        response = client.get(url)
        if response.status_code not in (200, 404):
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    return action


def _uncached(action: Callable[[], object]) -> Callable[[], object]:
    def fresh() -> object:
        cache.clear()
        return action()

    return fresh


def run() -> list[str]:
    personas = create_personas()
    started = time.perf_counter()
    sample = _fill(personas.officer_south.pk)
    fill = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    gc.collect()
    gc.freeze()
    upcoming = Event.objects.filter(start__gt=timezone.now()).order_by("start").first()
    assert upcoming is not None  # noqa: S101 - the fill above made thousands
    public, coordinator = Client(), Client()
    coordinator.force_login(personas.coordinator)
    lines = [
        f"{connection.vendor}: {EVENTS:,} events, {EVENTS * REGISTRATIONS_PER_EVENT:,} "
        f"registrations, {EVENTS * COSTS_PER_EVENT:,} costs (filled in {fill:.0f} s)"
    ]
    base_median, base_p95 = _latencies(_get(public, "/no-such-page/"))
    lines.append(f"baseline 404 page: median {base_median:.1f} ms, p95 {base_p95:.1f} ms")
    counter = iter(range(10**9))

    def register() -> object:
        response = public.post(
            f"/events/{upcoming.pk}/register/",
            {
                "name": "Bench",
                "email": f"bench{next(counter)}@example.org",
                "language": "fi",
                "consent": "on",
            },
        )
        if response.status_code != 302:
            raise RuntimeError(f"registration answered {response.status_code}")
        return response

    for label, action in [
        ("public calendar", _get(public, "/events/")),
        (
            "filtered calendar",
            _get(public, "/events/?area=3&language=sv&audience=seniors&kind=cafe"),
        ),
        ("API page of 50", _get(public, "/api/v1/events/?page_size=50")),
        ("API, division + text", _get(public, "/api/v1/events/?division=kallio&text=Evenemang")),
        ("district iCal feed (cached)", _get(public, "/events/calendar/3.ics")),
        ("district iCal feed, built afresh", _uncached(_get(public, "/events/calendar/3.ics"))),
        ("event page", _get(public, f"/events/{sample}/")),
        ("budget page (coordinator)", _get(coordinator, "/events/budget/")),
        ("registering (a write)", register),
    ]:
        median, p95 = _latencies(action)
        verdict = "ok" if p95 < 100 else "OVER the 100 ms target"
        lines.append(
            f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms "
            f"({median / base_median:.1f}x baseline) {verdict}"
        )
    return lines
