"""Demo events for `make seed`: in every major district with an officer, two months of held
events (with attendance and paid costs) and two months of coming ones (published, drafts, a
weekly series, one cancellation, one full event with a waiting list), and budgets that are
partly spent. Everything is labelled: titles end in " (demo)", registrants' addresses are
@demo.luotsi.example. Run after seed_demo and seed_network_demo (it uses their officers and
organisations)."""

import datetime
import math
import random
import re
import secrets
from decimal import Decimal
from typing import cast

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from luotsi.accounts.demo import DEMO_DOMAIN
from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
from luotsi.areas.models import District, MajorDistrict
from luotsi.events import accounting, services
from luotsi.events.codes import split_codes
from luotsi.events.models import (
    CostCategory,
    CostStatus,
    Event,
    EventCost,
    EventKind,
    EventStatus,
    Frequency,
    Registration,
    RegistrationStatus,
    Venue,
)
from luotsi.network.models import Organisation, Topic

MARK = " (demo)"
# kind: (title fi, sv, en, description fi, sv, en); the district's name follows the title.
KINDS = {
    EventKind.CAFE: (
        "Asukaskahvila", "Invånarkafé", "Residents' café",
        "Tule juttelemaan alueen asioista stadiluotsin kanssa. Kahvitarjoilu.",
        "Kom och prata om områdets frågor med stadslotsen. Kaffeservering.",
        "Come and talk about the neighbourhood with your liaison officer. Coffee served.",
    ),
    EventKind.PUBLIC_MEETING: (
        "Asukasilta", "Invånarkväll", "Residents' evening",
        "Kaupungin asiantuntijat kertovat alueen suunnitelmista ja vastaavat kysymyksiin.",
        "Stadens experter berättar om planerna för området och svarar på frågor.",
        "City experts present the plans for the area and answer questions.",
    ),
    EventKind.SCHOOL_SESSION: (
        "Koulun vaikuttamistunti", "Påverkanslektion i skolan", "School session on having a say",
        "Oppilaat pohtivat, miten lähiympäristöä voisi parantaa.",
        "Eleverna funderar på hur närmiljön kunde bli bättre.",
        "Pupils think about how their surroundings could be improved.",
    ),
    EventKind.WORKSHOP: (
        "Puistotyöpaja", "Parkverkstad", "Park workshop",
        "Suunnitellaan yhdessä lähipuiston kunnostusta.",
        "Vi planerar tillsammans hur den närliggande parken ska rustas upp.",
        "Let's plan the renovation of the local park together.",
    ),
    EventKind.INFO_STAND: (
        "Stadiluotsi tavattavissa", "Träffa stadslotsen", "Meet your liaison officer",
        "Pysähdy kertomaan terveisesi kaupungille.",
        "Stanna och berätta vad du vill säga till staden.",
        "Stop by and tell the city what is on your mind.",
    ),
    EventKind.PB_WORKSHOP: (
        "OmaStadi-ideatyöpaja", "OmaStadi-idéverkstad", "OmaStadi ideas workshop",
        "Kehitetään yhdessä ideoita osallistuvaan budjetointiin.",
        "Vi utvecklar idéer för deltagande budgetering tillsammans.",
        "Let's develop ideas for participatory budgeting together.",
    ),
}  # fmt: skip
AUDIENCES = {
    EventKind.CAFE: "everyone,seniors",
    EventKind.PUBLIC_MEETING: "everyone,associations,businesses",
    EventKind.SCHOOL_SESSION: "children,youth",
    EventKind.WORKSHOP: "families,immigrants",
    EventKind.INFO_STAND: "everyone",
    EventKind.PB_WORKSHOP: "everyone,youth,associations",
}
HOURS = {EventKind.SCHOOL_SESSION: (10, 2), EventKind.INFO_STAND: (14, 3)}  # else 17:00, 2 h
LANGUAGES = ["fi,sv", "fi,en", "fi,en,so", "fi,ar", "fi,sv,en", "fi,ru,et"]
INTERPRETATION = ["", "", "fse", "", "ru", ""]
# Days from today: four events held, four coming.
OFFSETS = (-56, -41, -27, -12, 6, 17, 31, 50)
SERIES_AT, CANCELLED_AT, FULL_AT = (3, 4), (5, 5), (2, 4)  # (major district, event index)
# Community venues first: a café in a hotel lobby or an attraction would look wrong.
COMMUNITY = re.compile(r"kirjasto|talo\b|kulttuurikeskus|caisa|stoa|kappeli|koulu\b", re.I)
NOT_COMMUNITY = re.compile(r"eduskunta|kerrostalo|ratsastus|joogakoulu|eläintalo|pörssi", re.I)
FIRST = ["Aino", "Eero", "Liisa", "Matti", "Sanna", "Ahmed", "Fatima", "Olga", "Mikael"]
FIRST += ["Hanna", "Aisha", "Pekka", "Sofia", "Karim", "Emma", "Leila", "Johan", "Nora"]
LAST = ["Virtanen", "Korhonen", "Nieminen", "Laine", "Lindqvist", "Ali", "Hassan", "Ivanova"]
LAST += ["Nguyen", "Berg", "Koskinen", "Sjöberg", "Mohamed", "Järvinen"]
LANGUAGE_NEEDS = ["", "", "", "Viittomakielen tulkkaus", "Tolk till svenska", "Arabic, please"]
ACCESS_NEEDS = ["", "", "", "", "Pyörätuoli", "Induction loop", "Ledsagare följer med"]
OUTCOMES = [
    "Demo: residents asked about the playground renovation and the winter maintenance.",
    "Demo: many new faces; the association offered to help with the next event.",
    "Demo: ideas for OmaStadi collected, three groups will write proposals.",
    "Demo: concern about traffic near the school, to be passed to urban environment.",
]
COSTS = [
    (CostCategory.VENUE, "Tilavuokra"),
    (CostCategory.CATERING, "Kahvitarjoilu"),
    (CostCategory.INTERPRETATION, "Tulkkaus"),
    (CostCategory.MATERIALS, "Askartelutarvikkeet ja tulosteet"),
]


def _district_officers() -> dict[int, User]:
    """Major district number → the officer currently serving it."""
    officers: dict[int, User] = {}
    for assignment in (
        OfficerAssignment.objects.current()
        .filter(kind=AssignmentKind.DISTRICT)
        .select_related("officer")
        .prefetch_related("major_districts")
    ):
        for major in assignment.major_districts.all():
            officers.setdefault(major.number, assignment.officer)
    return officers


def _venues(major: MajorDistrict) -> list[Venue]:
    venues = list(
        Venue.objects.filter(district__major_district=major, is_active=True, latitude__isnull=False)
        .select_related("district")
        .order_by("source_id", "pk")
    )
    community = [v for v in venues if COMMUNITY.search(v.name) and not NOT_COMMUNITY.search(v.name)]
    # Thin districts (few venues in the list) borrow a couple of other places.
    return community if len(community) >= 4 else community + venues[:4]


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100 + 1, 50)) / 100


class _Seeder:
    def __init__(self, rng: random.Random, coordinator: User) -> None:
        self.rng, self.coordinator = rng, coordinator
        self.now = timezone.now()
        self.topics = list(Topic.objects.order_by("slug"))
        self.counts = {"events": 0, "registrations": 0, "costs": 0, "budgets": 0}
        self.serial = 0
        self.venues: list[Venue] = []
        self.partners: list[Organisation] = []

    def event(self, major: MajorDistrict, officer: User, index: int) -> None:
        rng, here = self.rng, (major.number, index)
        kind = EventKind.CAFE if here == SERIES_AT else list(KINDS)[(index + major.number) % 6]
        venue = rng.choice(self.venues)
        district = cast(District, venue.district)  # venues were chosen by their district
        names = [district.name_fi or district.name]
        names += [district.name_sv or names[0], district.name_en or names[0]]
        texts = KINDS[kind]
        titles = [f"{texts[i]}: {names[i]}{MARK}" for i in range(3)]
        hour, hours = HOURS.get(kind, (17, 2))
        days = OFFSETS[index] + rng.randint(-2, 2)
        day = timezone.localtime(self.now) + datetime.timedelta(days=days)
        start = day.replace(hour=hour, minute=0, second=0, microsecond=0)
        full = here == FULL_AT
        event = Event(
            kind=kind,
            title=titles[0],
            title_fi=titles[0],
            title_sv=titles[1],
            title_en=titles[2],
            description=texts[3],
            description_fi=texts[3],
            description_sv=texts[4],
            description_en=texts[5],
            venue=venue,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            languages=rng.choice(LANGUAGES),
            interpretation=rng.choice(INTERPRETATION),
            audiences=AUDIENCES[kind],
            capacity=15 if full else rng.choice([None, 15, 20, 25, 30, 40, 60]),
            registration_enabled=full or rng.random() < 0.8,
        )
        # event_save would place it too, but held events bypass it (see _held).
        event.place(lat=venue.latitude, lon=venue.longitude)
        chosen = rng.sample(self.partners, k=min(len(self.partners), rng.randint(0, 2)))
        topics = rng.sample(self.topics, k=min(len(self.topics), 1))
        if start < self.now:
            self._held(event, officer, chosen, topics)
            return
        event = services.event_save(event=event, by=officer, partners=chosen, topics=topics)
        events = [event]
        if here == SERIES_AT:
            events = services.event_series_create(
                event=event, by=officer, frequency=Frequency.WEEKLY, occurrences=4
            )
        self.counts["events"] += len(events)
        if index == len(OFFSETS) - 1 or (index == 6 and major.number % 2 == 0):
            return  # still a draft, being planned
        for number, occurrence in enumerate(events):
            occurrence = services.event_publish(event=occurrence, by=officer)
            if here == CANCELLED_AT:
                # Cancelled before anyone registered, so nobody needs an e-mail about it.
                services.event_cancel(event=occurrence, by=officer)
                continue
            if occurrence.registration_enabled:
                many = (occurrence.capacity or 0) + 3 if full else rng.randint(2, 8)
                self.register(occurrence, many)
            if number == 0 or rng.random() < 0.3:
                self.cost(occurrence, officer, CostStatus.COMMITTED)

    def _held(
        self, event: Event, officer: User, partners: list[Organisation], topics: list[Topic]
    ) -> None:
        """Past events are written directly (the services refuse a start in the past), then
        closed through the real attendance service, which logs them in the network."""
        event.status, event.created_by = EventStatus.PUBLISHED, officer
        event.published_at = event.start - datetime.timedelta(days=21)
        event.full_clean(exclude=["organisers"])
        event.save()
        event.organisers.set([officer])
        event.partners.set(partners)
        event.topics.set(topics)
        self.counts["events"] += 1
        came: list[int] = []
        if event.registration_enabled:
            registered = self.register(event, self.rng.randint(4, 12))
            came = [r.pk for r in registered if self.rng.random() < 0.8]
        counts = {
            ("audience", code): self.rng.randint(1, 12) for code in split_codes(event.audiences)
        }
        counts |= {
            ("language", c): self.rng.randint(1, 4) for c in split_codes(event.interpretation)
        }
        accounting.attendance_record(
            event=event,
            by=officer,
            attended=came,
            walk_ins=self.rng.randint(3, 25),
            counts=counts,
            notes=self.rng.choice(OUTCOMES),
        )
        for _ in range(self.rng.randint(1, 2)):
            self.cost(event, officer, CostStatus.SPENT)

    def register(self, event: Event, many: int) -> list[Registration]:
        """Direct rows, not registration_create: the demo must not e-mail anyone."""
        rng, created = self.rng, []
        at = min(self.now, event.start) - datetime.timedelta(days=rng.randint(1, 10))
        for number in range(many):
            self.serial += 1
            full = event.capacity is not None and number >= event.capacity
            created.append(
                Registration.objects.create(
                    event=event,
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    email=f"registrant{self.serial}@{DEMO_DOMAIN}",
                    language=rng.choice(["fi", "fi", "fi", "sv", "en"]),
                    language_needs=rng.choice(LANGUAGE_NEEDS),
                    accessibility_needs=rng.choice(ACCESS_NEEDS),
                    consented_at=at,
                    created_at=at + datetime.timedelta(minutes=number),
                    status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
                    token=secrets.token_urlsafe(32),
                )
            )
        self.counts["registrations"] += many
        return [r for r in created if r.status == RegistrationStatus.CONFIRMED]

    def cost(self, event: Event, officer: User, status: str) -> None:
        category, description = self.rng.choice(COSTS)
        amount = _cents(self.rng, 20, 400)
        accounting.cost_add(
            event=event,
            by=officer,
            category=category,
            amount=amount,
            status=status,
            description=f"{description}{MARK}",
        )
        self.counts["costs"] += 1

    def budgets(self) -> None:
        """Every major district gets a budget for each year the demo events fall in, always
        larger than what its events use, so the budget page shows money left."""
        years = {timezone.localtime(self.now).year}
        years |= {accounting.budget_year(e) for e in Event.objects.filter(title__endswith=MARK)}
        for year in sorted(years):
            for major in MajorDistrict.objects.order_by("city", "number"):
                used = EventCost.objects.filter(
                    event__district__major_district=major, event__start__year=year
                ).aggregate(total=Sum("amount"))["total"] or Decimal("0")
                floor = math.ceil(used * Decimal("1.3") / 500) * 500
                allocated = Decimal(max(self.rng.randrange(3000, 6001, 500), floor))
                accounting.budget_set(
                    major_district=major, year=year, allocated=allocated, by=self.coordinator
                )
                self.counts["budgets"] += 1


@transaction.atomic
def seed_events(seed: int = 2026) -> dict[str, int]:
    """Idempotent: does nothing when demo events exist already."""
    if Event.objects.filter(title__endswith=MARK).exists():
        return {}
    coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()
    officers = _district_officers()
    if coordinator is None or not officers:
        raise ValueError("Create the demo accounts first (seed_demo).")
    seeder = _Seeder(random.Random(seed), coordinator)  # noqa: S311 - reproducible demo data
    # Östersundom (8) has no venues of its own to speak of; its officer is the Eastern one.
    for major in MajorDistrict.objects.filter(number__in=range(1, 8)).order_by("number"):
        officer = officers.get(major.number)
        seeder.venues = _venues(major)
        if officer is None or not seeder.venues:
            continue
        seeder.partners = list(
            Organisation.objects.filter(
                name__endswith="(demo)", district__major_district=major
            ).order_by("pk")
        )
        for index in range(len(OFFSETS)):
            seeder.event(major, officer, index)
    seeder.budgets()
    return seeder.counts
