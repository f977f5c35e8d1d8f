"""Demo messages for `make seed`: two years of residents' messages across the city, with
clusters where something is going on (a construction site, street works, a troubled shopping
centre), answered, forwarded or still open as their age suggests, a few overdue and some
published. Everything is labelled: descriptions start with "Demo:", e-mail addresses are
@demo.luotsi.example. Run after seed_demo (it needs the officers and the coordinator)."""

import datetime
import math
import random

from django.db import transaction
from django.utils import timezone

from luotsi.accounts.demo import DEMO_DOMAIN
from luotsi.accounts.models import Role, User
from luotsi.concerns import services, workflow
from luotsi.concerns.models import Message, MessageStatus, MessageStep, Service
from luotsi.events.models import Venue

MARK = "Demo: "
# Where concern clusters: (lat, lon, radius in metres, category, what residents write).
CLUSTERS = [
    (60.1870, 24.9780, 350, "urban-planning", "Kalasatama tower blocks block our evening sun."),
    (60.2095, 25.1440, 400, "streets", "Street works at Vuosaari harbour road: no safe crossing."),
    (60.2510, 25.0430, 500, "urban-planning", "What will be built on the Malmi airfield?"),
    (
        60.2365,
        25.0825,
        250,
        "safety",
        "Kontula shopping centre feels unsafe at night.",
    ),
    (60.1845, 24.9500, 250, "parks", "The Kallio park lawn is worn out after the summer events."),
    (60.1990, 24.9330, 300, "streets", "Pasila: the detour for cyclists is confusing."),
    (60.1660, 24.9420, 200, "business-area", "Street works on Bulevardi keep customers away."),
]
OTHERS = ["parks", "streets", "safety", "services", "participation", "community", "other"]
REPLIES = {
    "fi": "Kiitos viestistä. Välitimme asian vastuutaholle ja kerromme, kun tiedämme lisää.",
    "sv": "Tack för ditt meddelande. Vi har fört saken vidare och hör av oss när vi vet mer.",
    "en": "Thank you for your message. We have passed it on and will tell you when we know more.",
}
PUBLIC = "Residents have raised this in the area; the liaison officer is following it up."
DEPARTMENTS = ["Urban Environment Division", "Culture and Leisure Division", "Education Division"]


def _near(rng: random.Random, lat: float, lon: float, metres: float) -> tuple[float, float]:
    angle, distance = rng.uniform(0, 2 * math.pi), metres * math.sqrt(rng.random())
    return (
        lat + distance * math.cos(angle) / 111_320,
        lon + distance * math.sin(angle) / (111_320 * math.cos(math.radians(lat))),
    )


def _handle(rng: random.Random, message: Message, age_days: int, officer: User) -> None:
    """Move an older message along as an officer would have."""
    if age_days < 2:
        return
    workflow.message_set_status(message=message, by=officer, status=MessageStatus.ACKNOWLEDGED)
    if age_days < 40 and rng.random() < 0.35:
        if rng.random() < 0.5:
            workflow.message_set_status(
                message=message, by=officer, status=MessageStatus.IN_PROGRESS
            )
        return  # still being worked on: the older of these are overdue
    roll = rng.random()
    if roll < 0.15:
        workflow.message_set_status(
            message=message,
            by=officer,
            status=MessageStatus.FORWARDED,
            department=rng.choice(DEPARTMENTS),
        )
    else:
        workflow.message_set_status(
            message=message,
            by=officer,
            status=MessageStatus.ANSWERED,
            text=REPLIES[message.language],
        )
        if age_days > 60 and rng.random() < 0.7:
            workflow.message_set_status(message=message, by=officer, status=MessageStatus.CLOSED)
    if rng.random() < 0.12 and message.district_id:
        workflow.message_publish(message=message, by=officer, public_text=PUBLIC)


def _backdate(message: Message, sent: datetime.datetime, age: int) -> None:
    """The workflow stamped its steps with today's time; spread them over the message's age."""
    steps = list(message.steps.order_by("pk"))
    span = min(age, 14)
    for index, step in enumerate(steps):
        step.at = sent + datetime.timedelta(days=span * index / max(len(steps) - 1, 1))
    MessageStep.objects.bulk_update(steps, ["at"])
    done = steps[-1].at if steps else sent
    Message.objects.filter(pk=message.pk, answered_at__isnull=False).update(answered_at=done)
    Message.objects.filter(pk=message.pk, closed_at__isnull=False).update(closed_at=done)


def seed_messages(seed: int = 2026, count: int = 700) -> dict[str, int]:
    if Message.objects.filter(description__startswith=MARK).exists():
        return {}
    coordinator = User.objects.filter(role=Role.COORDINATOR, email__endswith=DEMO_DOMAIN).first()
    if coordinator is None:
        raise RuntimeError("Run seed_demo first: the demo coordinator is missing.")
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    services_by_code = {s.code: s for s in Service.objects.filter(is_active=True)}
    points = [
        (v.latitude, v.longitude)
        for v in Venue.objects.filter(district__isnull=False)
        if v.latitude is not None and v.longitude is not None
    ]
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for number in range(count):
            age = int(730 * rng.random() ** 1.3)  # more of them recently
            sent = now - datetime.timedelta(days=age, minutes=rng.randint(0, 600))
            point: tuple[float, float] | None
            if rng.random() < 0.6:
                centre_lat, centre_lon, radius, code, text = rng.choice(CLUSTERS)
                point = _near(rng, centre_lat, centre_lon, radius)
            else:
                code, text = rng.choice(OTHERS), "A question about the neighbourhood."
                venue_lat, venue_lon = rng.choice(points)
                # One in ten says nowhere in particular: the coordinator reads those.
                point = _near(rng, venue_lat, venue_lon, 150) if rng.random() < 0.9 else None
            lat, lon = point if point else (None, None)
            message = services.message_submit(
                service=services_by_code[code],
                kind=rng.choice(["question", "concern", "concern", "idea", "feedback"]),
                description=f"{MARK}{text} (#{number})",
                language=rng.choice(["fi", "fi", "fi", "sv", "en"]),
                lat=lat,
                lon=lon,
                now=sent,
            )
            _handle(rng, message, age, message.assigned_to or coordinator)
            _backdate(message, sent, age)
            if rng.random() < 0.4:
                # Contact details added afterwards, so that the demo sends no e-mail.
                Message.objects.filter(pk=message.pk).update(
                    contact_email=f"resident{number}@{DEMO_DOMAIN}", consented_at=sent
                )
            created += 1
    return {"messages": created, "public": Message.objects.public().count()}


# Two conflicts the demo officers follow: (title, point, district officer's district code,
# summary, steps as (days ago, text)).
CASES = [
    (
        "Kalasatama: tower block next to the park (demo)",
        (60.1870, 24.9780),
        "Residents oppose a 30-storey block beside the only park; the developer and the city "
        "planners argue the area needs homes. Demo case.",
        [
            (200, "Draft local plan published; the first residents' messages arrive."),
            (150, "Residents' evening with the city planners (about 80 people)."),
            (90, "Residents' association collects 1,200 names against the tower."),
            (30, "Planners present an alternative with a lower block by the park."),
        ],
    ),
    (
        "Kontula: safety around the shopping centre (demo)",
        (60.2365, 25.0825),
        "Shopkeepers and residents disagree about evening opening hours, lighting and a "
        "guard; the youth centre worries about young people being pushed out. Demo case.",
        [
            (120, "Messages about feeling unsafe cluster around the shopping centre."),
            (75, "Walk-around with the police, the shopping centre and the youth centre."),
            (20, "Better lighting agreed; guard and opening hours still open."),
        ],
    ),
]
POSITIONS = ["opposes", "supports", "neutral", "unknown"]


def seed_cases(seed: int = 2026) -> int:
    """Two conflict cases with stakeholders from the demo network, linked messages and a
    timeline; run after seed_network_demo and seed_messages."""
    from luotsi.concerns import cases
    from luotsi.concerns.models import ConflictCase
    from luotsi.network.models import Organisation

    if ConflictCase.objects.filter(title__endswith="(demo)").exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    made = 0
    with transaction.atomic():
        for title, (lat, lon), summary, steps in CASES:
            case = ConflictCase(title=title, summary=summary)
            case.place(lat=lat, lon=lon)
            officer = services.route_for(
                service=Service.objects.get(code="urban-planning"),
                district=case.district,
                day=timezone.localdate(),
            ).officer
            district = case.district
            if officer is None or district is None:
                continue
            case.owner = officer
            case = cases.case_save(case=case, by=officer, lat=lat, lon=lon)
            organisations = Organisation.objects.filter(
                name__endswith="(demo)", district__major_district=district.major_district
            ).order_by("pk")[:5]
            for index, organisation in enumerate(organisations):
                cases.stakeholder_add(
                    case=case,
                    by=officer,
                    organisation=organisation,
                    position=POSITIONS[index % len(POSITIONS)],
                    interest=rng.randint(2, 5),
                    influence=rng.randint(1, 5),
                )
            for days, text in steps:
                cases.case_step_add(
                    case=case,
                    by=officer,
                    happened_on=timezone.localdate() - datetime.timedelta(days=days),
                    text=text,
                )
            nearby = Message.objects.filter(
                description__startswith=MARK, district=district
            ).order_by("-created_at")[:4]
            for message in nearby:
                cases.case_link_message(case=case, by=officer, message=message)
            made += 1
    return made
