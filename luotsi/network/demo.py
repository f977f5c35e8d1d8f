"""A realistic demo network for `make seed`: fictional organisations, people, two years of
interactions, commitments and notes in every district, and one officer who has left with
her handover done. Everything is labelled: organisations end in "(demo)", e-mail addresses
are @demo.luotsi.example, notes start with "Demo:"."""

import datetime
import random

from django.db import transaction

from luotsi.accounts import services as account_services
from luotsi.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
from luotsi.areas.models import District
from luotsi.network import services
from luotsi.network.models import (
    Channel,
    Commitment,
    ConsentSource,
    Contact,
    Interaction,
    KnowledgeNote,
    LawfulBasis,
    Organisation,
    OrganisationKind,
    Topic,
    Visibility,
)

FIRST = [
    "Aino",
    "Eero",
    "Liisa",
    "Matti",
    "Sanna",
    "Juha",
    "Noora",
    "Ahmed",
    "Fatima",
    "Olga",
    "Mikael",
    "Hanna",
    "Ville",
    "Aisha",
    "Pekka",
    "Sofia",
    "Karim",
    "Emma",
    "Timo",
    "Leila",
]
LAST = [
    "Virtanen",
    "Korhonen",
    "Nieminen",
    "Mäkinen",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lindqvist",
    "Ali",
    "Hassan",
    "Ivanova",
    "Nguyen",
    "Berg",
]
ORGANISATIONS = [
    ("{d}n asukasyhdistys (demo)", OrganisationKind.ASSOCIATION),
    ("{d}n ala-aste (demo)", OrganisationKind.SCHOOL),
    ("Asunto Oy {d}n Helmi (demo)", OrganisationKind.HOUSING_COMPANY),
    ("{d}n kahvila ja kauppa (demo)", OrganisationKind.BUSINESS),
    ("{d}n seurakunta (demo)", OrganisationKind.RELIGIOUS),
    ("{d}n omaishoitajat (demo)", OrganisationKind.INTEREST_GROUP),
    ("{d}n urheiluseura (demo)", OrganisationKind.ASSOCIATION),
    ("{d}n nuorisotalo (demo)", OrganisationKind.CITY_DEPARTMENT),
]
TOPICS = [
    ("parks", "Puistot ja viheralueet", "Parker och grönområden", "Parks and green spaces"),
    ("traffic", "Liikenne", "Trafik", "Traffic"),
    ("youth", "Nuoret", "Unga", "Young people"),
    ("elderly", "Ikäihmiset", "Äldre", "Older people"),
    ("building", "Rakentaminen ja kaavoitus", "Byggande och planering", "Building and planning"),
    ("culture", "Kulttuuri", "Kultur", "Culture"),
]
SUMMARIES = [
    "Neighbourhood café: residents asked about the playground renovation.",
    "Call about the new bus route and the stop that moves.",
    "Visited the school's parents' evening to present participatory budgeting.",
    "The association wants to use the school gym on weekday evenings.",
    "Housing company board worried about the building site noise.",
    "Met the youth workers: ideas for a summer event in the park.",
]
TODAY = datetime.date(2026, 11, 1)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


@transaction.atomic
def seed_network(seed: int = 2026) -> dict[str, int]:
    """Idempotent: does nothing when demo organisations exist already."""
    if Organisation.objects.filter(name__endswith="(demo)").exists():
        return {}
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not security
    topics = [
        Topic.objects.get_or_create(
            slug=slug, defaults={"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en}
        )[0]
        for slug, fi, sv, en in TOPICS
    ]
    officers = {
        a.major_districts.first().pk: a.officer  # type: ignore[union-attr]
        for a in OfficerAssignment.objects.current()
        .filter(kind=AssignmentKind.DISTRICT)
        .prefetch_related("major_districts")
        for _ in [0]
    }
    counts = {"organisations": 0, "contacts": 0, "interactions": 0, "commitments": 0, "notes": 0}
    for district in District.objects.select_related("major_district").order_by("code"):
        officer = (
            officers.get(district.major_district_id)
            or User.objects.filter(role=Role.COORDINATOR).first()
        )
        if officer is None:
            raise ValueError("Create the demo accounts first (seed_demo).")
        stem = district.name_fi or district.name
        organisations = []
        for pattern, kind in ORGANISATIONS:
            name = pattern.format(d=stem)
            organisations.append(
                Organisation(
                    name=name,
                    name_fi=name,
                    kind=kind,
                    district=district,
                    created_by=officer,
                    visibility=Visibility.SHARED
                    if kind == OrganisationKind.CITY_DEPARTMENT
                    else Visibility.PRIVATE,
                )
            )
        Organisation.objects.bulk_create(organisations)
        contacts = [
            Contact(
                full_name=_name(rng),
                title=rng.choice(["puheenjohtaja", "rehtori", "sihteeri", "yrittäjä", ""]),
                email=f"person{district.code}{i}@{DEMO_DOMAIN}",
                district=district,
                created_by=officer,
                lawful_basis=LawfulBasis.CONSENT,
                consent_purpose="Stadiluotsin yhteistyö / liaison work (demo)",
                consent_source=ConsentSource.IN_PERSON,
                consent_date=datetime.date(2025, 1, 15),
                consent_wording_version="demo-1",
            )
            for i in range(10)
        ]
        Contact.objects.bulk_create(contacts)
        for index, contact in enumerate(contacts):
            contact.affiliations.create(
                organisation=organisations[index % len(organisations)], role=contact.title
            )
        interactions = []
        for _ in range(90):
            day = TODAY - datetime.timedelta(days=rng.randint(0, 730))
            interactions.append(
                Interaction(
                    occurred_on=day,
                    channel=rng.choice(Channel.values),
                    summary=rng.choice(SUMMARIES),
                    district=district,
                    officer=officer,
                )
            )
        Interaction.objects.bulk_create(interactions)
        through_contacts = Interaction.contacts.through
        through_orgs = Interaction.organisations.through
        through_contacts.objects.bulk_create(
            through_contacts(interaction_id=i.pk, contact_id=rng.choice(contacts).pk)
            for i in interactions
        )
        through_orgs.objects.bulk_create(
            through_orgs(interaction_id=i.pk, organisation_id=rng.choice(organisations).pk)
            for i in interactions
        )
        for interaction in interactions[:3]:
            interaction.topics.add(rng.choice(topics))
        Commitment.objects.bulk_create(
            Commitment(
                description=rng.choice(
                    [
                        "Send the minutes",
                        "Ask the parks department",
                        "Book the school gym",
                        "Invite them to the café",
                    ]
                ),
                owner=officer,
                due_on=TODAY + datetime.timedelta(days=rng.randint(-40, 60)),
                interaction=interactions[i],
                contact=rng.choice(contacts),
                district=district,
                created_by=officer,
            )
            for i in range(6)
        )
        KnowledgeNote.objects.create(
            title=f"Demo: {stem} – who is active",
            body=f"The residents' association of {stem} (demo) organises the spring clean-up; "
            "the school is keen on participatory budgeting.",
            district=district,
            created_by=officer,
        )
        counts["organisations"] += len(organisations)
        counts["contacts"] += len(contacts)
        counts["interactions"] += len(interactions)
        counts["commitments"] += 6
        counts["notes"] += 1
    _former_officer_with_handover(rng)
    return counts


def _former_officer_with_handover(rng: random.Random) -> None:
    """Leena was the Eastern officer in 2023–2024; Ilkka took over and got her open work."""
    eastern = OfficerAssignment.objects.current().filter(major_districts__number=7).first()
    if eastern is None:
        return
    former = account_services.user_create(
        email=f"former.east@{DEMO_DOMAIN}",
        password=DEMO_PASSWORD,
        full_name="Leena Lähtenyt (left 2024)",
        role=Role.DISTRICT_OFFICER,
    )
    account_services.assignment_start(
        officer=former,
        kind=AssignmentKind.DISTRICT,
        major_districts=list(eastern.major_districts.all()),
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    district = District.objects.filter(major_district__number=7).first()
    if district is None:
        return
    # Her past work is history, written directly (services only record current work).
    for index in range(3):
        interaction = Interaction.objects.create(
            occurred_on=datetime.date(2024, 10, 1 + index),
            channel=Channel.MEETING,
            summary="Handover meeting preparations (demo).",
            district=district,
            officer=former,
        )
        Commitment.objects.create(
            description="Follow up the Vuosaari harbour noise concern (demo)",
            owner=former,
            due_on=datetime.date(2025, 2, 1),
            interaction=interaction,
            district=district,
            created_by=former,
        )
    coordinator = User.objects.filter(role=Role.COORDINATOR).first() or former
    services.handover_reassign(outgoing=former, successor=eastern.officer, by=coordinator)
    User.objects.filter(pk=former.pk).update(is_active=False)
