"""Demo participatory budgeting for `make seed`: a past OmaStadi-style cycle with its ballots,
counted results and the co-production of selected plans under way, and the current cycle in its
proposals phase with proposals waiting for moderation, published, rejected with a reason and
merged into a draft plan. Titles end in " (demo)"; demo voters are keyed hashes of made-up
identifiers. Run after seed_demo, seed_network_demo and seed_events_demo."""

import datetime
import hashlib
import hmac
import random
import zoneinfo

from django.db import transaction
from django.utils import timezone

from luotsi.accounts.demo import DEMO_DOMAIN
from luotsi.accounts.models import AssignmentKind, OfficerAssignment, User
from luotsi.areas.models import City, MajorDistrict
from luotsi.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotFormat,
    Cycle,
    CycleBudget,
    ImplementationStatus,
    MemberRole,
    Plan,
    PlanStatus,
    Proposal,
    ProposalStatus,
)
from luotsi.budgeting.services.cycles import cycle_create
from luotsi.network.models import Organisation

MARK = " (demo)"
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
DEMO_BALLOTS = 2400
# Plan ideas (fi, sv, en, cost €): each major district gets five of them, in turn.
IDEAS = (
    (
        "Lisää penkkejä ja varjoa puistoon",
        "Fler bänkar och skugga i parken",
        "More benches and shade in the park",
        60_000,
    ),
    (
        "Ulkokuntosali kaikenikäisille",
        "Utegym för alla åldrar",
        "Outdoor gym for all ages",
        120_000,
    ),
    (
        "Nuorten kesätyöpaja kirjastossa",
        "Sommarverkstad för unga på biblioteket",
        "Summer workshop for young people at the library",
        45_000,
    ),
    (
        "Valaistus rantareitille",
        "Belysning längs strandleden",
        "Lighting along the shore path",
        180_000,
    ),
    (
        "Kaupunkiviljelypalstat koululle",
        "Odlingslotter vid skolan",
        "Urban gardening plots at the school",
        35_000,
    ),
    ("Uimaranta esteettömäksi", "Tillgänglig badstrand", "An accessible beach", 240_000),
    (
        "Liikuntapuiston pumptrack-rata",
        "Pumptrackbana i idrottsparken",
        "Pump track in the sports park",
        150_000,
    ),
    (
        "Monikielinen satutuokio perheille",
        "Flerspråkig sagostund för familjer",
        "Multilingual story time for families",
        25_000,
    ),
)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HELSINKI)


def _officers() -> dict[int, User]:
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


def _demo_voter_key(cycle: Cycle, number: int) -> str:
    return hmac.new(
        b"luotsi-demo", f"{cycle.pk}:voter-{number}".encode(), hashlib.sha256
    ).hexdigest()


def _past_cycle(city: City, coordinator: User, officers: dict[int, User]) -> Cycle:
    today = timezone.localdate()
    year = today.year - 1
    cycle = cycle_create(
        by=coordinator,
        city=city,
        slug=f"omastadi-{year - 1}-{year}-demo",
        title=f"OmaStadi {year - 1}–{year}{MARK}",
        title_fi=f"OmaStadi {year - 1}–{year}{MARK}",
        title_sv=f"OmaStadi {year - 1}–{year}{MARK}",
        title_en=f"OmaStadi {year - 1}–{year}{MARK}",
        description_fi="Edellinen osallistuvan budjetoinnin kierros: tulokset ja toteutus.",
        description_sv="Föregående omgång av deltagande budgetering: resultat och genomförande.",
        description_en="The previous participatory budgeting round: results and implementation.",
        published=True,
        total_budget=8_800_000,
        ballot_format=BallotFormat.DISTRICT_PICK,
        max_choices=5,
        proposals_start=datetime.date(year - 1, 10, 15),
        proposals_end=datetime.date(year - 1, 12, 31),
        cocreation_start=datetime.date(year, 1, 15),
        cocreation_end=datetime.date(year, 3, 31),
        costing_start=datetime.date(year, 4, 1),
        costing_end=datetime.date(year, 6, 15),
        voting_starts_at=_at(datetime.date(year, 9, 1)),
        voting_ends_at=_at(datetime.date(year, 9, 30), 20),
        implementation_start=datetime.date(year, 11, 1),
    )
    budgets = {b.major_district_id: b.amount for b in CycleBudget.objects.filter(cycle=cycle)}
    majors = list(MajorDistrict.objects.filter(city=city).order_by("number"))
    plans: dict[int, list[Plan]] = {}
    for index, major in enumerate(majors):
        officer = officers.get(major.number, coordinator)
        chosen = [IDEAS[(index + k) % len(IDEAS)] for k in range(5)]
        plans[major.pk] = []
        for number, (fi, sv, en, cost) in enumerate(chosen, start=1):
            cost = min(cost, budgets[major.pk] * cycle.max_project_share_percent // 100)
            plan = Plan.objects.create(
                cycle=cycle,
                major_district=major,
                title=f"{fi}{MARK}",
                title_fi=f"{fi}{MARK}",
                title_sv=f"{sv}{MARK}",
                title_en=f"{en}{MARK}",
                description_fi=f"{fi}: asukkaiden ehdotuksista yhdessä tehty suunnitelma.",
                description_en=f"{en}: a plan made together from residents' proposals.",
                status=PlanStatus.APPROVED,
                cost_estimate=cost,
                feasibility_note="Toteutettavissa (demo).",
                estimated_at=_at(datetime.date(year, 5, 20)),
                code=f"{major.number}-{number}",
                created_by=officer,
            )
            plans[major.pk].append(plan)
    rng = random.Random(2025)  # noqa: S311 - demo data, not security
    ballots = []
    for number in range(DEMO_BALLOTS):
        major = rng.choices(majors, weights=[1 + m.number % 4 for m in majors])[0]
        ballots.append(
            Ballot(
                cycle=cycle,
                voter_key=_demo_voter_key(cycle, number),
                major_district=major,
                channel=BallotChannel.PAPER if number % 12 == 0 else BallotChannel.ONLINE,
                entered_by=officers.get(major.number, coordinator) if number % 12 == 0 else None,
                polling_place="Kirjasto (demo)" if number % 12 == 0 else "",
            )
        )
    Ballot.objects.bulk_create(ballots, batch_size=1000)
    choices = []
    for ballot_pk, major_pk in Ballot.objects.filter(cycle=cycle).values_list(
        "pk", "major_district_id"
    ):
        options = plans[major_pk]
        weights = [5, 4, 3, 2, 1]
        picked = {rng.choices(options, weights=weights)[0] for _ in range(rng.randint(1, 5))}
        choices += [BallotChoice(ballot_id=ballot_pk, plan=plan) for plan in picked]
    BallotChoice.objects.bulk_create(choices, batch_size=2000)
    Cycle.objects.filter(pk=cycle.pk).update(rules_frozen_at=cycle.voting_starts_at)
    return cycle


def _count_and_publish(cycle: Cycle, coordinator: User) -> None:
    from luotsi.budgeting.services.results import cycle_count, cycle_publish_results

    cycle_count(cycle=cycle, by=coordinator)
    cycle.refresh_from_db()
    cycle_publish_results(cycle=cycle, by=coordinator)
    Cycle.objects.filter(pk=cycle.pk).update(
        counted_at=cycle.voting_ends_at + datetime.timedelta(days=3),
        results_published_at=cycle.voting_ends_at + datetime.timedelta(days=5),
    )


def _coproduction(cycle: Cycle, officers: dict[int, User], official: User | None) -> int:
    """Workspaces for the selected plans of the Southern and Eastern districts, run through
    the services (so the officer's interaction log has them too)."""
    from luotsi.budgeting.services import coproduction

    made = 0
    selected = (
        Plan.objects.filter(cycle=cycle, result__selected=True, major_district__number__in=[1, 7])
        .select_related("major_district")
        .order_by("code")
    )
    statuses = [
        (ImplementationStatus.PLANNING, 20, "Suunnittelu alkoi yhdessä hakijoiden kanssa."),
        (ImplementationStatus.IN_PROGRESS, 60, "Hankinnat tehty, rakentaminen käynnissä."),
        (ImplementationStatus.DONE, 100, "Valmis ja avattu asukkaiden käyttöön."),
    ]
    today = timezone.localdate()
    for index, plan in enumerate(selected):
        assert plan.major_district is not None  # noqa: S101 - selected above
        officer = officers.get(plan.major_district.number)
        if officer is None:
            continue
        workspace = coproduction.workspace_open(plan=plan, by=officer)
        if official is not None:
            coproduction.member_add(
                workspace=workspace, by=officer, role=MemberRole.OFFICIAL, user=official
            )
        for organisation in Organisation.objects.filter(
            district__major_district=plan.major_district
        ).order_by("pk")[:2]:
            coproduction.member_add(
                workspace=workspace,
                by=officer,
                role=MemberRole.STAKEHOLDER,
                organisation=organisation,
            )
        coproduction.task_add(
            workspace=workspace,
            by=officer,
            title="Kootaan tiedote suomeksi, ruotsiksi ja selkosuomeksi (demo)",
            owner=officer,
            due_on=today + datetime.timedelta(days=14),
        )
        coproduction.task_add(
            workspace=workspace,
            by=officer,
            title="Tarkistetaan sijainti kaupunkiympäristön toimialan kanssa (demo)",
            owner=official,
            due_on=today - datetime.timedelta(days=3),
        )
        for status, progress, text in statuses[: 1 + index % 3]:
            coproduction.status_update_post(
                workspace=workspace,
                by=officer,
                status=status,
                progress=progress,
                texts={"fi": f"{text} (demo)"},
            )
        made += 1
    return made


METRO_REASON = (
    "Metrolinjat eivät kuulu osallistuvan budjetoinnin piiriin: ne päätetään "
    "liikennesuunnittelussa. Kerromme ehdotuksesta kaupunkiympäristön toimialalle."
)
PROPOSALS = (
    # (title, description, language, major district number, status, reason)
    (
        "Penkkejä Sinebrychoffin puistoon",
        "Puistossa on liian vähän istumapaikkoja ikääntyneille.",
        "fi",
        1,
        ProposalStatus.PUBLISHED,
        "",
    ),
    (
        "Lisää istumapaikkoja Tähtitorninvuorelle",
        "Vanhemmat ihmiset tarvitsevat taukopaikkoja mäessä.",
        "fi",
        1,
        ProposalStatus.PUBLISHED,
        "",
    ),
    (
        "Fler cykelställ vid Kampens centrum",
        "Det finns inte tillräckligt med cykelställ.",
        "sv",
        1,
        ProposalStatus.SUBMITTED,
        "",
    ),
    (
        "Homework club in Somali and Arabic",
        "A weekly homework club with volunteer tutors at the library.",
        "en",
        7,
        ProposalStatus.PUBLISHED,
        "",
    ),
    (
        "Naadi guryo-shaqo oo af-Soomaali ah",
        "Caawimaad guryo-shaqo carruurta xaafadda.",
        "so",
        7,
        ProposalStatus.SUBMITTED,
        "",
    ),
    (
        "Koirapuisto Vuosaaren rantaan",
        "Koirille oma aidattu alue rannan lähelle.",
        "fi",
        7,
        ProposalStatus.PUBLISHED,
        "",
    ),
    (
        "Uusi metroasema Kruunuvuorenrantaan",
        "Metro pitäisi jatkaa saareen.",
        "fi",
        6,
        ProposalStatus.REJECTED,
        METRO_REASON,
    ),
    (
        "Ulkoilureitin opasteet Keskuspuistoon",
        "Reitit ovat sekavia, tarvitaan karttoja ja opasteita.",
        "fi",
        2,
        ProposalStatus.PUBLISHED,
        "",
    ),
)


def _current_cycle(
    city: City, coordinator: User, officers: dict[int, User], resident: User | None
) -> Cycle:
    today = timezone.localdate()
    start = datetime.date(today.year if today.month >= 10 else today.year - 1, 10, 15)
    cycle = cycle_create(
        by=coordinator,
        city=city,
        slug=f"omastadi-{start.year}-{start.year + 1}-demo",
        title=f"OmaStadi {start.year}–{start.year + 1}{MARK}",
        title_fi=f"OmaStadi {start.year}–{start.year + 1}{MARK}",
        title_sv=f"OmaStadi {start.year}–{start.year + 1}{MARK}",
        title_en=f"OmaStadi {start.year}–{start.year + 1}{MARK}",
        description_fi="Ehdota, miten 10 miljoonaa euroa käytetään kotikaupunginosassasi.",
        description_sv="Föreslå hur 10 miljoner euro ska användas i din stadsdel.",
        description_en="Propose how 10 million euros are spent in your part of the city.",
        published=True,
        total_budget=10_000_000,
        ballot_format=BallotFormat.DISTRICT_PICK,
        max_choices=5,
        proposals_start=start,
        proposals_end=max(today + datetime.timedelta(days=30), start + datetime.timedelta(days=90)),
        cocreation_start=max(
            today + datetime.timedelta(days=31), start + datetime.timedelta(days=91)
        ),
        cocreation_end=max(
            today + datetime.timedelta(days=120), start + datetime.timedelta(days=180)
        ),
        costing_start=max(
            today + datetime.timedelta(days=121), start + datetime.timedelta(days=181)
        ),
        costing_end=max(today + datetime.timedelta(days=200), start + datetime.timedelta(days=260)),
        voting_starts_at=_at(
            max(today + datetime.timedelta(days=280), start + datetime.timedelta(days=320))
        ),
        voting_ends_at=_at(
            max(today + datetime.timedelta(days=310), start + datetime.timedelta(days=350)), 20
        ),
    )
    majors = {m.number: m for m in MajorDistrict.objects.filter(city=city)}
    made: list[Proposal] = []
    for title, description, language, number, status, reason in PROPOSALS:
        officer = officers.get(number, coordinator)
        moderated = status != ProposalStatus.SUBMITTED
        made.append(
            Proposal.objects.create(
                cycle=cycle,
                title=f"{title}{MARK}",
                description=description,
                language=language,
                major_district=majors[number],
                author=resident,
                author_display_name="Riikka A." if resident else "",
                status=status,
                moderation_reason=reason,
                moderated_by=officer if moderated else None,
                moderated_at=timezone.now() if moderated else None,
            )
        )
    # The two Southern bench proposals were merged in the first co-creation workshop.
    south = officers.get(1, coordinator)
    plan = Plan.objects.create(
        cycle=cycle,
        major_district=majors[1],
        title=f"Istumapaikkoja eteläisiin puistoihin{MARK}",
        title_fi=f"Istumapaikkoja eteläisiin puistoihin{MARK}",
        title_sv=f"Sittplatser i södra parker{MARK}",
        title_en=f"Seats in the southern parks{MARK}",
        description_fi="Kahdesta ehdotuksesta yhdistetty suunnitelma: penkkejä ja taukopaikkoja.",
        status=PlanStatus.DRAFT,
        created_by=south,
    )
    Proposal.objects.filter(pk__in=[made[0].pk, made[1].pk]).update(
        status=ProposalStatus.MERGED, plan=plan
    )
    return cycle


@transaction.atomic
def seed_budgeting() -> dict[str, int]:
    if Cycle.objects.filter(slug__endswith="-demo").exists():
        return {}
    city = City.objects.filter(slug="helsinki").first()
    coordinator = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
    if city is None or coordinator is None:
        raise RuntimeError("Run seed_demo first: the demo budgeting needs the demo people.")
    officers = _officers()
    official = User.objects.filter(email=f"official@{DEMO_DOMAIN}").first()
    resident = User.objects.filter(email=f"resident@{DEMO_DOMAIN}").first()
    past = _past_cycle(city, coordinator, officers)
    _count_and_publish(past, coordinator)
    workspaces = _coproduction(past, officers, official)
    current = _current_cycle(city, coordinator, officers, resident)
    return {
        "cycles": 2,
        "ballots": Ballot.objects.filter(cycle=past).count(),
        "plans": Plan.objects.filter(cycle__in=[past, current]).count(),
        "proposals": Proposal.objects.filter(cycle=current).count(),
        "workspaces": workspaces,
    }
