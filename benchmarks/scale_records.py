"""The scale generator's network, events, messages and campaigns (see scale.py).

Every function draws from its own random stream of the context and writes with bulk_create in
batches of BATCH rows (no save(), no signals), inside the transaction scale.generate holds.
"""

import datetime
import random
from itertools import accumulate
from typing import Any

from django.conf import settings
from django.db import connection, models
from tqdm import tqdm

from benchmarks.scale_context import Context, batches
from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.campaigns.models import (
    AreaKind,
    Campaign,
    CampaignStatus,
    Target,
    TargetStatus,
)
from luotsi.concerns.models import (
    DONE_STATUSES,
    Message,
    MessageKind,
    MessageStatus,
    Queue,
    Service,
)
from luotsi.events.accounting import ANONYMISED_NAME
from luotsi.events.models import Audience, Event, EventKind, EventStatus, Registration
from luotsi.events.models import RegistrationStatus as Reg
from luotsi.network.models import (
    Channel,
    ConsentSource,
    Contact,
    Interaction,
    LawfulBasis,
    Organisation,
    OrganisationKind,
    Visibility,
)

FIRST_NAMES = (
    "Aino", "Eino", "Helmi", "Väinö", "Sofia", "Oliver", "Emilia", "Leo", "Aada", "Elias",
    "Linnea", "Onni", "Ella", "Mikael", "Hanna", "Juho", "Fatima", "Ahmed", "Olga", "Ivan",
    "Amina", "Hamza", "Anna", "Johan", "Saga", "Kristian", "Maria", "Mohamed", "Liisa", "Pekka",
)  # fmt: skip
LAST_NAMES = (
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lindholm", "Nyström", "Ali", "Hassan", "Ivanova",
    "Tamm", "Lindqvist", "Salonen", "Turunen", "Karjalainen", "Ahonen", "Saarinen", "Rantanen",
)  # fmt: skip
ORGANISATION_KINDS = (
    (OrganisationKind.ASSOCIATION, 40, "asukasyhdistys ry"),
    (OrganisationKind.BUSINESS, 25, "Oy"),
    (OrganisationKind.HOUSING_COMPANY, 15, "As Oy"),
    (OrganisationKind.SCHOOL, 8, "koulu"),
    (OrganisationKind.INTEREST_GROUP, 5, "seura ry"),
    (OrganisationKind.RELIGIOUS, 3, "seurakunta"),
    (OrganisationKind.OTHER, 4, "verkosto"),
)
SUMMARIES = (
    "Keskustelu puiston kunnostuksesta",
    "Asukasyhdistyksen kokous: liikenneturvallisuus koulun lähellä",
    "Puhelu kerhotilan vuokrauksesta",
    "Sovittiin yhteisestä asukasillasta syksyllä",
    "Palaute katutöiden aikataulusta",
    "Nuorisotalon kävijöiden toiveita kesätoiminnasta",
    "Kirjaston kanssa tiedotteen käännökset",
)
MESSAGE_TEXTS = (
    "Puistossa on rikkinäinen penkki ja roskia.",
    "Katuvalo ei toimi kävelytien kohdalla iltaisin.",
    "Toivomme lisää istumapaikkoja ikääntyneille.",
    "Milloin asukasilta järjestetään seuraavan kerran?",
    "Skolvägen är farlig på morgnarna, bilarna kör för fort.",
    "The playground fence is broken and children can reach the street.",
    "Ehdotan yhteistä siivoustalkoota keväällä.",
    "Rakennustyömaan melu alkaa jo kuudelta aamulla.",
)
EVENT_TITLES = {
    EventKind.CAFE: ("Asukaskahvila", "Invånarkafé"),
    EventKind.PUBLIC_MEETING: ("Asukasilta", "Invånarkväll"),
    EventKind.SCHOOL_SESSION: ("Vaikuta omaan alueeseesi -oppitunti", "Lektion om påverkan"),
    EventKind.WORKSHOP: ("Työpaja", "Verkstad"),
    EventKind.INFO_STAND: ("Infopiste", "Infopunkt"),
    EventKind.PB_WORKSHOP: ("OmaStadi-työpaja", "OmaStadi-verkstad"),
}
STREETS = (
    "Mannerheimintie", "Hämeentie", "Mäkelänkatu", "Bulevardi", "Itäväylä", "Kaivokatu",
    "Tuusulanväylä", "Vihdintie", "Kustaa Vaasan tie", "Mechelininkatu", "Sturenkatu",
    "Vuotie", "Kehä I", "Lauttasaarentie", "Aleksanterinkatu", "Helsinginkatu",
)  # fmt: skip
# The choices' values once (an enum's .values builds a new list on every access).
BASES = LawfulBasis.values
BASE_WEIGHTS = list(accumulate((6, 3, 1)))
CHANNELS = Channel.values
CHANNEL_WEIGHTS = list(accumulate((8, 5, 6, 3, 2, 1, 1)))
AUDIENCES = Audience.values
EVENT_KINDS = EventKind.values
MESSAGE_STATUSES = MessageStatus.values
MESSAGE_KINDS = MessageKind.values
TARGET_STATUSES = TargetStatus.values
TO_ASCII = str.maketrans("äöåÄÖÅ", "aoaAOA")


def district_pk(record: Organisation | Contact) -> int:
    assert record.district_id is not None  # noqa: S101 - the generator sets every district
    return record.district_id


def _local(name: str) -> str:
    return name.lower().translate(TO_ASCII).replace(" ", "")


def organisations(ctx: Context, total: int) -> list[tuple[int, int]]:
    """Organisations in districts by population; returns (pk, district pk) in creation order."""
    rng = ctx.rng("organisations")
    kinds, weights, suffixes = zip(*ORGANISATION_KINDS, strict=True)
    made: list[tuple[int, int]] = []
    with ctx.bar("organisations", total) as bar:
        for numbers in batches(total):
            rows = []
            for number, district in zip(
                numbers, ctx.territory.pick_districts(rng, len(numbers)), strict=True
            ):
                index = rng.choices(range(len(kinds)), weights=weights)[0]
                spot = ctx.territory.spot(rng, district)
                name = f"{district.name} {suffixes[index]} {number + 1}"
                rows.append(
                    Organisation(
                        name=name,
                        name_fi=name,
                        kind=kinds[index],
                        email=f"info{number + 1}@org.example.org",
                        languages=ctx.territory.language(rng, district),
                        latitude=spot.latitude,
                        longitude=spot.longitude,
                        district_id=district.pk,
                        sub_district_id=spot.sub_district_id,
                        visibility=Visibility.SHARED,
                        created_by=ctx.officer(district),
                    )
                )
            made += [(o.pk, district_pk(o)) for o in Organisation.objects.bulk_create(rows)]
            bar.update(len(rows))
    return made


def contacts(ctx: Context, total: int) -> list[tuple[int, int]]:
    """People of the officers' network, with the lawful basis every contact must have;
    returns (pk, district pk) in creation order."""
    rng = ctx.rng("contacts")
    made: list[tuple[int, int]] = []
    with ctx.bar("contacts", total) as bar:
        for numbers in batches(total):
            rows = []
            for number, district in zip(
                numbers, ctx.territory.pick_districts(rng, len(numbers)), strict=True
            ):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                basis = rng.choices(BASES, cum_weights=BASE_WEIGHTS)[0]
                rows.append(
                    Contact(
                        full_name=f"{first} {last}",
                        email=f"{_local(first)}.{_local(last)}.{number + 1}@example.org",
                        preferred_language=ctx.territory.language(rng, district),
                        district_id=district.pk,
                        visibility=Visibility.SHARED if rng.random() < 0.1 else Visibility.PRIVATE,
                        lawful_basis=basis,
                        consent_purpose="Yhteydenpito asukas- ja järjestötoiminnassa",
                        consent_source=(
                            ConsentSource.PUBLIC_ROLE
                            if basis == LawfulBasis.PUBLIC_TASK
                            else rng.choice((ConsentSource.IN_PERSON, ConsentSource.FORM))
                        ),
                        consent_date=ctx.day(rng),
                        created_by=ctx.officer(district),
                    )
                )
            made += [(c.pk, district_pk(c)) for c in Contact.objects.bulk_create(rows)]
            bar.update(len(rows))
    return made


def _link_insert(through: type[models.Model], left: str, right: str) -> str:
    """An INSERT of (left id, right id) rows into a many-to-many table. The table has no
    columns, defaults or signals of its own, so a plain executemany writes what bulk_create
    would, several times faster (this is the largest table of the data set)."""
    quote = connection.ops.quote_name
    columns = []
    for name in (left, right):
        field = through._meta.get_field(name)
        assert isinstance(field, models.Field)  # noqa: S101 - a foreign key of the table
        columns.append(quote(field.column))
    table = quote(through._meta.db_table)
    # Names come from the model's metadata, quoted; the values are parameters.
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES (%s, %s)"  # noqa: S608


def interactions(ctx: Context, total: int, people: list[tuple[int, int]]) -> int:
    """Logged interactions, each with one or two people of its district (or of anywhere when
    the district has nobody yet). Returns how many people links were written."""
    rng = ctx.rng("interactions")
    by_district: dict[int, list[int]] = {}
    for pk, district_pk in people:
        by_district.setdefault(district_pk, []).append(pk)
    everyone = [pk for pk, _district in people]
    insert_links = _link_insert(Interaction.contacts.through, "interaction", "contact")
    links = 0
    with ctx.bar("interactions", total) as bar:
        for numbers in batches(total):
            rows: list[Interaction] = []
            chosen: list[list[int]] = []
            for district in ctx.territory.pick_districts(rng, len(numbers)):
                spot = ctx.territory.spot(rng, district)
                rows.append(
                    Interaction(
                        occurred_on=ctx.day(rng),
                        channel=rng.choices(CHANNELS, cum_weights=CHANNEL_WEIGHTS)[0],
                        summary=rng.choice(SUMMARIES),
                        district_id=district.pk,
                        sub_district_id=spot.sub_district_id,
                        officer=ctx.officer(district),
                    )
                )
                pool = by_district.get(district.pk) or everyone
                count = min(len(pool), 1 if rng.random() < 0.7 else 2)
                chosen.append(rng.sample(pool, count))
            created = Interaction.objects.bulk_create(rows)
            pairs = [
                (row.pk, contact)
                for row, contact_pks in zip(created, chosen, strict=True)
                for contact in contact_pks
            ]
            with connection.cursor() as cursor:
                cursor.executemany(insert_links, pairs)
            links += len(pairs)
            bar.update(len(rows))
    return links


def events(ctx: Context, total: int, registrations_total: int) -> int:
    """Events over the past two years and the next two months, organised by the district's
    officer, and registrations spread over them at random. Registrations for events that
    ended over EVENTS_ANONYMISE_AFTER_DAYS ago are already anonymised, as the daily job would
    have left them. Returns how many registrations were written."""
    rng = ctx.rng("events")
    made: list[Event] = []
    with ctx.bar("events", total) as bar:
        for numbers in batches(total):
            rows = []
            for district in ctx.territory.pick_districts(rng, len(numbers)):
                kind = rng.choice(EVENT_KINDS)
                fi, sv = EVENT_TITLES[EventKind(kind)]
                start = ctx.at(ctx.day(rng, first=-700, last=60), rng.randint(9, 18))
                end = start + datetime.timedelta(hours=2)
                spot = ctx.territory.spot(rng, district)
                rows.append(
                    Event(
                        kind=kind,
                        title=f"{fi}: {district.name}",
                        title_fi=f"{fi}: {district.name}",
                        title_sv=f"{sv}: {district.name_sv or district.name}",
                        latitude=spot.latitude,
                        longitude=spot.longitude,
                        district_id=district.pk,
                        sub_district_id=spot.sub_district_id,
                        start=start,
                        end=end,
                        languages=rng.choice(("fi", "fi,sv", "fi,en", "fi,sv,en", "fi,so,ar")),
                        audiences=",".join(rng.sample(AUDIENCES, 2)),
                        capacity=60,
                        registration_enabled=True,
                        status=EventStatus.PUBLISHED if end > ctx.now else EventStatus.COMPLETED,
                        published_at=start - datetime.timedelta(days=21),
                        walk_ins=rng.randint(0, 15) if end < ctx.now else 0,
                        created_by=ctx.officer(district),
                    )
                )
            created = Event.objects.bulk_create(rows)
            Event.organisers.through.objects.bulk_create(
                Event.organisers.through(event_id=event.pk, user_id=event.created_by_id)
                for event in created
            )
            made += created
            bar.update(len(rows))
    return _registrations(ctx, made, registrations_total)


def _registrations(ctx: Context, made: list[Event], total: int) -> int:
    rng = ctx.rng("registrations")
    keep = datetime.timedelta(days=settings.EVENTS_ANONYMISE_AFTER_DAYS)
    with ctx.bar("registrations", total) as bar:
        for numbers in batches(total):
            rows = []
            for number, event in zip(numbers, rng.choices(made, k=len(numbers)), strict=True):
                registered = event.start - datetime.timedelta(hours=rng.randint(2, 24 * 20))
                anonymised = event.end + keep if event.end + keep < ctx.now else None
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                rows.append(
                    Registration(
                        event_id=event.pk,
                        name=ANONYMISED_NAME if anonymised else name,
                        email="" if anonymised else f"osallistuja{number + 1}@example.org",
                        language=rng.choices(("fi", "sv", "en"), weights=(8, 1, 1))[0],
                        consented_at=registered,
                        status=Reg.CONFIRMED,
                        attended=(rng.random() < 0.8) if event.end < ctx.now else None,
                        token=ctx.token("registration", number),
                        created_at=registered,
                        anonymised_at=anonymised,
                    )
                )
            Registration.objects.bulk_create(rows)
            bar.update(len(rows))
    return total


def messages(ctx: Context, total: int) -> None:
    """Residents' messages over two years: district categories go to the district's officer,
    business ones to the business officers' queue. Older ones are answered or closed."""
    rng = ctx.rng("messages")
    services = list(Service.objects.filter(is_active=True).order_by("order", "code"))
    district_services = [s for s in services if not s.is_business] or services
    business_services = [s for s in services if s.is_business] or services
    with ctx.bar("messages", total) as bar:
        for numbers in batches(total):
            rows = []
            for number, district in zip(
                numbers, ctx.territory.pick_districts(rng, len(numbers)), strict=True
            ):
                rows.append(
                    _message(ctx, rng, number, district, district_services, business_services)
                )
            Message.objects.bulk_create(rows)
            bar.update(len(rows))


def _message(
    ctx: Context,
    rng: random.Random,
    number: int,
    district: District,
    district_services: list[Service],
    business_services: list[Service],
) -> Message:
    service = rng.choice(business_services if rng.random() < 0.1 else district_services)
    sent = ctx.at(ctx.day(rng), rng.randint(7, 22), rng.randint(0, 59))
    age = (ctx.now - sent).days
    if age > 30:
        status: str = rng.choices(DONE_STATUSES, weights=(5, 2, 3))[0]
    else:
        status = rng.choice(MESSAGE_STATUSES)
    answered = (
        sent + datetime.timedelta(days=rng.randint(1, 14)) if status in DONE_STATUSES else None
    )
    if answered is not None and answered > ctx.now:
        answered = ctx.now
    with_contact = rng.random() < 0.6
    public = rng.random() < 0.2
    spot = ctx.territory.spot(rng, district) if rng.random() < 0.8 else None
    text = rng.choice(MESSAGE_TEXTS)
    return Message(
        reference=f"{sent.year}-S{number + 1:06d}",
        token=ctx.token("message", number),
        kind=rng.choice(MESSAGE_KINDS),
        service=service,
        description=text,
        language=rng.choices(("fi", "sv", "en"), weights=(8, 1, 1))[0],
        contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if with_contact else "",
        contact_email=f"asukas{number + 1}@example.org" if with_contact else "",
        consented_at=sent if with_contact else None,
        latitude=spot.latitude if spot else None,
        longitude=spot.longitude if spot else None,
        district_id=district.pk,
        sub_district_id=spot.sub_district_id if spot else None,
        status=status,
        queue=Queue.BUSINESS if service.is_business else Queue.DISTRICT,
        assigned_to=None if service.is_business else ctx.officer(district),
        due_on=sent.date() + datetime.timedelta(days=14),
        is_public=public,
        public_text=text if public else "",
        created_at=sent,
        answered_at=answered,
        closed_at=answered if status == MessageStatus.CLOSED else None,
    )


def campaigns(ctx: Context, total: int, per_campaign: int, orgs: list[tuple[int, int]]) -> int:
    """Street campaigns of the business officers, their deadlines spread over two years, each
    over one major district's districts; targets are that major district's organisations
    first, then others (a Helsinki-scale campaign is bigger than one district's register).
    Returns how many targets were written."""
    rng = ctx.rng("campaigns")
    territory = ctx.territory
    major_of = {d.pk: d.major_district_id for d in territory.districts}
    per_campaign = min(per_campaign, len(orgs))
    written = 0
    with ctx.bar("campaign targets", total * per_campaign) as bar:
        for number in range(total):
            major = territory.majors[number % len(territory.majors)]
            officer = ctx.staff.business[number % len(ctx.staff.business)]
            deadline_day = ctx.today + datetime.timedelta(days=-700 + number * 760 // total)
            street = STREETS[number % len(STREETS)]
            title = f"Katutyöt: {street} {number + 1}"
            campaign = Campaign.objects.create(
                title=title,
                title_fi=title,
                title_sv=f"Gatuarbeten: {street} {number + 1}",
                city_project=f"{street} peruskorjaus",
                department="Kaupunkiympäristön toimiala",
                information_starts_on=deadline_day - datetime.timedelta(days=40),
                feedback_deadline=ctx.at(deadline_day, 16),
                works_start_on=deadline_day + datetime.timedelta(days=60),
                works_end_on=deadline_day + datetime.timedelta(days=400),
                area_kind=AreaKind.STREET,
                street=street,
                target_kinds="business,housing_company,association",
                status=(
                    CampaignStatus.CLOSED
                    if ctx.at(deadline_day, 16) < ctx.now
                    else CampaignStatus.ACTIVE
                ),
                created_by=officer,
            )
            campaign.officers.add(officer, ctx.staff.officers[major.pk])
            campaign.districts.add(
                *[d for d in territory.districts if d.major_district_id == major.pk]
            )
            near = [pk for pk, district_pk in orgs if major_of[district_pk] == major.pk]
            far = [pk for pk, district_pk in orgs if major_of[district_pk] != major.pk]
            rng.shuffle(near)
            rng.shuffle(far)
            chosen = (near + far)[:per_campaign]
            written += _targets(ctx, rng, campaign, officer, deadline_day, chosen, number, bar)
    return written


def _targets(
    ctx: Context,
    rng: random.Random,
    campaign: Campaign,
    officer: User,
    deadline_day: datetime.date,
    chosen: list[int],
    campaign_number: int,
    bar: "tqdm[Any]",
) -> int:
    started = deadline_day - datetime.timedelta(days=40)
    last = min(deadline_day, ctx.today)
    for numbers in batches(len(chosen)):
        rows = []
        for index in numbers:
            status = rng.choices(TARGET_STATUSES, weights=(3, 4, 3, 1, 1))[0]
            reached = status != TargetStatus.NOT_CONTACTED and last >= started
            rows.append(
                Target(
                    campaign=campaign,
                    organisation_id=chosen[index],
                    status=status if reached else TargetStatus.NOT_CONTACTED,
                    channel=rng.choice((Channel.VISIT, Channel.EMAIL, Channel.CALL))
                    if reached
                    else "",
                    contacted_on=started
                    + datetime.timedelta(days=rng.randint(0, (last - started).days))
                    if reached
                    else None,
                    contacted_by=officer if reached else None,
                    house_number=rng.randint(1, 120),
                    language=rng.choices(("fi", "sv", "en"), weights=(8, 1, 1))[0],
                    token=ctx.token(f"target-{campaign_number}", index),
                )
            )
        Target.objects.bulk_create(rows)
        bar.update(len(rows))
    return len(chosen)
