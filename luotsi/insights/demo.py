"""Demo participation for `make seed`: well-attended past events in a few districts, with
the organisers' age-band and interpretation counts, so that the inclusion pages show clear
gaps next to well-covered neighbourhoods (the other demo seeds spread activity evenly).

Run after seed_events_demo (it uses the officers and venues) and before
refresh_participation. Everything is labelled: titles end in MARK.
"""

import datetime
import random
import secrets

from django.db import transaction
from django.utils import timezone

from luotsi.accounts.demo import DEMO_DOMAIN
from luotsi.accounts.models import AssignmentKind, OfficerAssignment, User
from luotsi.events.models import (
    AttendanceCount,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Venue,
)

MARK = " (demo, inclusion)"
# district code → (title fi, sv, en, audiences, languages, interpretation, age shares,
# attendance range, languages of contact of those who registered (fi, sv, en shares))
PROFILES = {
    "101": ("Seniorikahvila", "Seniorkafé", "Seniors' café", "seniors", "fi,sv", "",
            (0.0, 0.3, 0.7), (40, 70), (0.75, 0.25, 0.0)),
    "704": ("Kielikahvila", "Språkkafé", "Language café", "immigrants,families", "fi,en,so,ar",
            "so,ar", (0.25, 0.65, 0.1), (50, 90), (0.3, 0.0, 0.7)),
    "302": ("Perhepäivä", "Familjedag", "Family day", "families,children", "fi,sv", "",
            (0.45, 0.5, 0.05), (50, 80), (0.6, 0.3, 0.1)),
    "403": ("Asukasilta", "Invånarkväll", "Residents' evening", "everyone", "fi,sv,en", "ru",
            (0.05, 0.6, 0.35), (40, 70), (0.85, 0.05, 0.1)),
    "601": ("Puistotalkoot", "Parktalko", "Park clean-up", "everyone,families", "fi", "",
            (0.2, 0.6, 0.2), (45, 75), (0.9, 0.1, 0.0)),
}  # fmt: skip
EVENTS_PER_DISTRICT = 3
REGISTERED_SHARE = 0.4


def _officer_for(major_number: int) -> User | None:
    assignment = (
        OfficerAssignment.objects.current()
        .filter(kind=AssignmentKind.DISTRICT, major_districts__number=major_number)
        .select_related("officer")
        .first()
    )
    return assignment.officer if assignment else None


@transaction.atomic
def seed_inclusion(seed: int = 2026) -> dict[str, int]:
    """Idempotent: does nothing when the inclusion demo events exist already."""
    if Event.objects.filter(title__endswith=MARK).exists():
        return {}
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data
    now = timezone.now()
    counts = {"events": 0, "attendees": 0, "registrations": 0}
    for code, profile in PROFILES.items():
        title_fi, title_sv, title_en, audiences, languages, interpretation = profile[:6]
        ages, size, contact_languages = profile[6:]
        venue = (
            Venue.objects.filter(district__code=code, is_active=True, latitude__isnull=False)
            .select_related("district__major_district")
            .order_by("source_id", "pk")
            .first()
        )
        if venue is None or venue.district is None:
            continue
        officer = _officer_for(venue.district.major_district.number)
        if officer is None:
            raise ValueError("Create the demo accounts first (seed_demo).")
        for index in range(EVENTS_PER_DISTRICT):
            day = timezone.localtime(now) - datetime.timedelta(days=20 + 25 * index)
            start = day.replace(hour=17, minute=0, second=0, microsecond=0)
            came = rng.randint(*size)
            registered = round(came * REGISTERED_SHARE)
            event = Event(
                kind=EventKind.CAFE,
                title=f"{title_fi}: {venue.district.name_fi or venue.district.name}{MARK}",
                title_fi=f"{title_fi}: {venue.district.name_fi or venue.district.name}{MARK}",
                title_sv=f"{title_sv}: {venue.district.name_sv or venue.district.name}{MARK}",
                title_en=f"{title_en}: {venue.district.name_en or venue.district.name}{MARK}",
                venue=venue,
                start=start,
                end=start + datetime.timedelta(hours=2),
                languages=languages,
                interpretation=interpretation,
                audiences=audiences,
                status=EventStatus.COMPLETED,
                published_at=start - datetime.timedelta(days=21),
                walk_ins=came - registered,
                created_by=officer,
            )
            event.place(lat=venue.latitude, lon=venue.longitude)
            event.save()
            event.organisers.set([officer])
            for number in range(registered):
                counts["registrations"] += 1
                Registration.objects.create(
                    event=event,
                    name=f"Demo {counts['registrations']}",
                    email=f"inclusion{counts['registrations']}@{DEMO_DOMAIN}",
                    language=rng.choices(("fi", "sv", "en"), weights=contact_languages)[0],
                    consented_at=start - datetime.timedelta(days=3),
                    created_at=start - datetime.timedelta(days=3, minutes=number),
                    status=RegistrationStatus.CONFIRMED,
                    attended=True,
                    token=secrets.token_urlsafe(32),
                )
            bands = dict(zip(("0_14", "15_64", "65_plus"), ages, strict=True))
            for band, share in bands.items():
                if round(came * share):
                    AttendanceCount.objects.create(
                        event=event, dimension="age", code=band, count=round(came * share)
                    )
            languages_used = [c for c in interpretation.split(",") if c]
            for language in languages_used:
                AttendanceCount.objects.create(
                    event=event,
                    dimension="language",
                    code=language,
                    count=round(came * 0.5 / len(languages_used)),
                )
            counts["events"] += 1
            counts["attendees"] += came
    return counts
