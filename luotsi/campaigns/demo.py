"""Demo business register and one campaign in progress for `make seed`: demo businesses at
real addresses on Bulevardi and nearby streets (names end in "(demo)"), and the Bulevardi
renovation campaign with a feedback form, some businesses informed and a few answers. Run
after seed_demo and seed_network_demo (it needs the business officers and the coordinator)."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from luotsi.accounts.demo import DEMO_DOMAIN
from luotsi.accounts.models import Role, User
from luotsi.areas.finding import NotFound, find_by_address
from luotsi.campaigns import feedback, services
from luotsi.campaigns.models import AreaKind, Campaign, CampaignStatus, TargetStatus
from luotsi.network.models import Channel, Organisation, OrganisationKind

MARK = " (demo)"
TRADES = [
    ("Kahvila", "56101", "fi"),
    ("Kirjakauppa", "47610", "fi"),
    ("Optikko", "47782", "fi"),
    ("Ravintola", "56101", "sv"),
    ("Kampaamo", "96021", "fi"),
    ("Kukkakauppa", "47761", "sv"),
    ("Vaatekauppa", "47711", "en"),
    ("Leipomo", "10710", "fi"),
]
STREETS = [("Bulevardi", range(1, 48, 3)), ("Annankatu", range(2, 30, 6))]


def _businesses(officer: User) -> list[Organisation]:
    made = []
    rng = random.Random(9)  # noqa: S311 - reproducible demo data, not secrets
    for street, numbers in STREETS:
        for number in numbers:
            address = f"{street} {number}"
            try:
                found = find_by_address(address)
            except NotFound:
                continue
            trade, sector, language = rng.choice(TRADES)
            name = f"{trade} {street} {number}{MARK}"
            organisation = Organisation(
                name=name,
                name_fi=name,
                kind=OrganisationKind.BUSINESS,
                street_address=address,
                email=f"info.{street.lower()}{number}@{DEMO_DOMAIN}",
                created_by=officer,
                visibility="shared",
            )
            for field, value in (("sector", sector), ("preferred_language", language)):
                if hasattr(organisation, field):
                    setattr(organisation, field, value)
            organisation.place(lat=found.lat, lon=found.lon)
            organisation.save()
            made.append(organisation)
    return made


def seed_campaigns() -> dict[str, int]:
    if Campaign.objects.filter(title__endswith=MARK).exists():
        return {}
    officer = User.objects.filter(role=Role.BUSINESS_OFFICER, email__endswith=DEMO_DOMAIN).first()
    if officer is None:
        raise RuntimeError("Run seed_demo first: the demo business officers are missing.")
    with transaction.atomic():
        businesses = _businesses(officer)
        title = "Bulevardin peruskorjaus" + MARK
        campaign = Campaign(
            title=title,
            title_fi=title,
            title_sv="Renoveringen av Bulevarden" + MARK,
            title_en="Bulevardi renovation" + MARK,
            description_fi="Bulevardin katu ja raitiotie peruskorjataan. Kerro, miten työt "
            "vaikuttavat yritykseesi.",
            description_sv="Bulevarden och spårvägen renoveras. Berätta hur arbetet påverkar "
            "ditt företag.",
            description_en="Bulevardi and its tram line are being renovated. Tell us how the "
            "works affect your business.",
            city_project="Bulevardin peruskorjaus 2027–2028",
            department="Kaupunkiympäristön toimiala (Urban Environment)",
            project_contact=f"Projektinjohtaja, bulevardi@{DEMO_DOMAIN}",
            information_starts_on=timezone.localdate() - datetime.timedelta(days=20),
            feedback_deadline=timezone.now() + datetime.timedelta(days=25),
            works_start_on=timezone.localdate() + datetime.timedelta(days=120),
            works_end_on=timezone.localdate() + datetime.timedelta(days=600),
            area_kind=AreaKind.STREET,
            street="Bulevardi",
            target_kinds=OrganisationKind.BUSINESS,
            status=CampaignStatus.ACTIVE,
            created_by=officer,
        )
        campaign = services.campaign_save(campaign=campaign, by=officer, officers=[officer])
        delivery = feedback.question_add(
            campaign=campaign,
            by=officer,
            text_fi="Milloin tavarantoimitukset tulevat?",
            text_sv="När kommer varuleveranserna?",
            text_en="When do your deliveries arrive?",
            kind="choice",
            choices=[
                {"key": "morning", "name": {"fi": "Aamulla", "sv": "Morgon", "en": "Mornings"}},
                {"key": "day", "name": {"fi": "Päivällä", "sv": "Dagtid", "en": "Daytime"}},
                {"key": "evening", "name": {"fi": "Illalla", "sv": "Kväll", "en": "Evenings"}},
            ],
            required=True,
        )
        access = feedback.question_add(
            campaign=campaign,
            by=officer,
            text_fi="Tarvitsevatko asiakkaanne esteettömän reitin ovelle?",
            text_sv="Behöver era kunder en tillgänglig väg till dörren?",
            text_en="Do your customers need a step-free route to your door?",
            kind="yes_no",
        )
        wishes = feedback.question_add(
            campaign=campaign,
            by=officer,
            text_fi="Muuta, mitä haluat meidän tietävän",
            text_sv="Annat du vill att vi ska veta",
            text_en="Anything else we should know",
            kind="text",
        )
        targets = list(campaign.targets.order_by("house_number"))
        for index, target in enumerate(targets):
            if index % 3 == 2:
                continue  # still to be visited
            services.target_contact(
                target=target,
                by=officer,
                status=TargetStatus.INFORMED,
                channel=Channel.VISIT,
                contacted_on=timezone.localdate() - datetime.timedelta(days=10 - index % 7),
                note="Demo: information letter handed over.",
            )
            if index % 2 == 0:
                feedback.response_save(
                    target=target,
                    answers={
                        str(delivery.pk): ["morning", "day", "evening"][index % 3],
                        str(access.pk): index % 4 == 0,
                        str(wishes.pk): "Demo: keep the pavement open on Saturdays.",
                    },
                    language=target.language,
                )
    return {"businesses": len(businesses), "targets": len(targets)}
