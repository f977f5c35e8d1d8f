"""Helsinki-scale data on a real territory: `manage.py generate_scale --residents 670000`.

At 670,000 residents (Helsinki) it writes about 50,000 network contacts, 10,000 organisations,
1,000,000 interactions, 5,000 events with 100,000 registrations, 100,000 residents' messages,
three participatory-budgeting cycles with 50,000 ballots each and 20 outreach campaigns with
5,000 targets each; every count scales linearly with the number of residents (at least one of
each). Records are spread over the districts in proportion to their population and their
dates over the two years before `today`.

The data depend only on the seed, the residents and `today` (independent random streams per
kind of record; tokens and voter keys are hashes of the seed and a number), never on the
database's primary keys, so two runs with the same arguments hold the same data.

Everything is written in one transaction: a run either completes or leaves nothing behind.
The cycles' slugs ("scale-…") mark a database that has scale data; a second run refuses.
"""

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from benchmarks import scale_budgeting, scale_records
from benchmarks.scale_context import Context, Staff, Territory, load_territory
from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
from luotsi.areas.models import City
from luotsi.budgeting.models import Cycle
from luotsi.concerns.catalogue import load_city_services
from luotsi.concerns.models import Service

HELSINKI_RESIDENTS = 670_000
# Counts at Helsinki's size; `planned_counts` scales them.
FULL_SCALE = {
    "organisations": 10_000,
    "contacts": 50_000,
    "interactions": 1_000_000,
    "events": 5_000,
    "registrations": 100_000,
    "messages": 100_000,
    "ballots per cycle": 50_000,
    "campaigns": 20,
    "targets per campaign": 5_000,
}
DOMAIN = "scale.luotsi.example"
BUSINESS_OFFICERS = 3


class ScaleError(Exception):
    """The database is not ready for scale data (no territory) or has it already."""


def planned_counts(residents: int) -> dict[str, int]:
    """How many of each record `residents` residents get: linear in the residents, at least
    one of each; a campaign never has more targets than there are organisations."""
    if residents < 1:
        raise ValueError("The number of residents must be a positive whole number.")
    counts = {
        kind: max(1, round(full * residents / HELSINKI_RESIDENTS))
        for kind, full in FULL_SCALE.items()
    }
    counts["targets per campaign"] = min(counts["targets per campaign"], counts["organisations"])
    return counts


def _scale_user(email: str, name: str, role: Role) -> User:
    # Made-up staff accounts nobody can sign in to (an unusable password).
    return User.objects.create(email=email, full_name=name, role=role, password=make_password(None))


def _staff(territory: Territory, today: datetime.date) -> Staff:
    """The people the records belong to: the installation's coordinator and current officers
    where there are any (e.g. the demo accounts), made-up "scale" accounts otherwise."""
    started = today - datetime.timedelta(days=730)
    coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()
    if coordinator is None:
        coordinator = _scale_user(f"coordinator@{DOMAIN}", "Scale Coordinator", Role.COORDINATOR)
    officers: dict[int, User] = {}
    for major in territory.majors:
        assignment = (
            OfficerAssignment.objects.active_on(today)
            .filter(kind=AssignmentKind.DISTRICT, major_districts=major, officer__is_active=True)
            .select_related("officer")
            .order_by("-starts_on", "-pk")
            .first()
        )
        if assignment is not None:
            officers[major.pk] = assignment.officer
            continue
        officer = _scale_user(
            f"officer-{major.number}@{DOMAIN}",
            f"Scale Officer {major.number}",
            Role.DISTRICT_OFFICER,
        )
        made = OfficerAssignment.objects.create(
            officer=officer, kind=AssignmentKind.DISTRICT, starts_on=started
        )
        made.major_districts.add(major)
        officers[major.pk] = officer
    business = [
        a.officer
        for a in OfficerAssignment.objects.active_on(today)
        .filter(kind=AssignmentKind.BUSINESS, officer__is_active=True)
        .select_related("officer")
        .order_by("pk")
    ]
    for number in range(1, BUSINESS_OFFICERS + 1 if not business else 1):
        officer = _scale_user(
            f"business-{number}@{DOMAIN}", f"Scale Business {number}", Role.BUSINESS_OFFICER
        )
        OfficerAssignment.objects.create(
            officer=officer, kind=AssignmentKind.BUSINESS, starts_on=started
        )
        business.append(officer)
    return Staff(coordinator=coordinator, officers=officers, business=business)


@contextmanager
def _sqlite_unsynchronised() -> Iterator[None]:
    """On SQLite, skip the fsyncs during the fill (a crash would lose the whole run anyway,
    since it is one transaction), and restore the setting afterwards. Only outside a
    transaction: SQLite refuses the change inside one (e.g. in a test)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA synchronous=OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={int(before)}")


def _check_ready(city_slug: str) -> City:
    city = City.objects.filter(slug=city_slug, districts__isnull=False).distinct().first()
    if city is None:
        raise ScaleError(
            f"There is no territory for the city “{city_slug}” in this database: "
            f"run `manage.py load_city {city_slug}` first."
        )
    existing = Cycle.objects.filter(slug__startswith=scale_budgeting.SLUG_PREFIX).first()
    if existing is not None:
        raise ScaleError(
            f"This database has scale data already (the PB cycle “{existing.slug}”). "
            "Generate into a fresh database (migrate, load_city, then generate_scale)."
        )
    if not Service.objects.filter(is_active=True).exists() and not load_city_services(city.slug):
        raise ScaleError(
            f"There are no message categories: run `manage.py load_services {city_slug}` first."
        )
    return city


def generate(
    *,
    residents: int,
    seed: int = 1,
    today: datetime.date | None = None,
    city_slug: str = "helsinki",
    progress: bool = False,
) -> dict[str, int]:
    """Write the scale data set; returns how many rows of each kind were written.

    Raises ValueError for a bad number of residents and ScaleError when the city's
    territory is missing or the database already has scale data."""
    counts = planned_counts(residents)
    today = today or timezone.localdate()
    with _sqlite_unsynchronised(), transaction.atomic():
        city = _check_ready(city_slug)
        territory = load_territory(city, _rng(seed, "territory"))
        ctx = Context(
            seed=seed,
            today=today,
            territory=territory,
            staff=_staff(territory, today),
            progress=progress,
        )
        orgs = scale_records.organisations(ctx, counts["organisations"])
        people = scale_records.contacts(ctx, counts["contacts"])
        links = scale_records.interactions(ctx, counts["interactions"], people)
        registrations = scale_records.events(ctx, counts["events"], counts["registrations"])
        scale_records.messages(ctx, counts["messages"])
        pb = scale_budgeting.cycles(
            ctx, counts["ballots per cycle"], residents / HELSINKI_RESIDENTS
        )
        targets = scale_records.campaigns(
            ctx, counts["campaigns"], counts["targets per campaign"], orgs
        )
    return {
        "organisations": len(orgs),
        "contacts": len(people),
        "interactions": counts["interactions"],
        "interaction contacts": links,
        "events": counts["events"],
        "registrations": registrations,
        "messages": counts["messages"],
        **pb,
        "campaigns": counts["campaigns"],
        "campaign targets": targets,
    }


def _rng(seed: int, part: str) -> random.Random:
    return random.Random(f"luotsi-scale:{seed}:{part}")  # noqa: S311 - test data
