"""Demo ways to take part for `make seed`: a month of hearings, surveys, council seats,
volunteering and participatory-budgeting phases in every major district, plus city-wide ones.
Titles end in "(demo)". Run after seed_demo (it needs the coordinator and the officers)."""

import datetime

from django.db import transaction
from django.utils import timezone

from luotsi.accounts.demo import DEMO_DOMAIN
from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
from luotsi.areas.models import MajorDistrict
from luotsi.opportunities import services
from luotsi.opportunities.models import Opportunity, OpportunityKind

MARK = " (demo)"
# kind, (fi, sv, en) title with {area}, days until it opens, days until the deadline,
# materials' languages, formats
LOCAL = [
    (
        OpportunityKind.HEARING,
        (
            "Kommentoi puistosuunnitelmaa: {area}",
            "Kommentera parkplanen i {area}",
            "Comment on the park plan for {area}",
        ),
        -5,
        18,
        "fi,sv,en",
        "print, plain language",
    ),
    (
        OpportunityKind.SURVEY,
        (
            "Kysely liikenneturvallisuudesta: {area}",
            "Enkät: trafiksäkerheten i {area}",
            "Survey: road safety in {area}",
        ),
        -2,
        25,
        "fi,sv,en,so,ar",
        "online, print",
    ),
    (
        OpportunityKind.COUNCIL,
        (
            "Haku alueen nuorisoneuvostoon: {area}",
            "Ansökan till ungdomsrådet i {area}",
            "Apply to the {area} youth council",
        ),
        3,
        28,
        "fi,sv",
        "online",
    ),
    (
        OpportunityKind.VOLUNTEERING,
        (
            "Rantojen siivoustalkoot: {area}",
            "Talko: strandstädning i {area}",
            "Volunteer shore clean-up in {area}",
        ),
        0,
        12,
        "fi,en",
        "",
    ),
]
CITY_WIDE = [
    (
        OpportunityKind.PB_PHASE,
        ("OmaStadi: ehdota ideaa", "OmaStadi: föreslå en idé", "OmaStadi: propose an idea"),
        -10,
        30,
        "fi,sv,en,so,ar,ru,et",
        "online, plain language, audio",
    ),
    (
        OpportunityKind.HEARING,
        (
            "Kerro mielipiteesi kaupunkistrategiasta",
            "Säg din åsikt om stadsstrategin",
            "Have your say on the city strategy",
        ),
        -3,
        21,
        "fi,sv,en",
        "online, print",
    ),
]


def _opportunity(
    kind: str,
    titles: tuple[str, str, str],
    area: str,
    opens: int,
    deadline: int,
    languages: str,
    formats: str,
) -> Opportunity:
    now = timezone.now()
    fi, sv, en = (t.format(area=area) + MARK for t in titles)
    return Opportunity(
        kind=kind,
        title=fi,
        title_fi=fi,
        title_sv=sv,
        title_en=en,
        summary_fi="Demo: osallistu ja vaikuta lähiympäristöösi.",
        summary_sv="Demo: delta och påverka din närmiljö.",
        summary_en="Demo: take part and have a say on your neighbourhood.",
        opens_at=now + datetime.timedelta(days=opens),
        deadline=now + datetime.timedelta(days=deadline),
        link="https://www.hel.fi/fi/paatoksenteko-ja-hallinto/osallistu-ja-vaikuta",
        material_languages=languages,
        material_formats=formats,
    )


def seed_opportunities() -> dict[str, int]:
    if Opportunity.objects.filter(title__endswith=MARK).exists():
        return {}
    coordinator = User.objects.filter(role=Role.COORDINATOR, email__endswith=DEMO_DOMAIN).first()
    if coordinator is None:
        raise RuntimeError("Run seed_demo first: the demo coordinator is missing.")
    made = 0
    with transaction.atomic():
        for kind, titles, opens, deadline, languages, formats in CITY_WIDE:
            opportunity = _opportunity(kind, titles, "", opens, deadline, languages, formats)
            opportunity.city_wide = True
            opportunity.contact_officer = coordinator
            services.opportunity_save(opportunity=opportunity, by=coordinator)
            made += 1
        for major in MajorDistrict.objects.order_by("number"):
            officer = (
                OfficerAssignment.objects.current()
                .filter(kind=AssignmentKind.DISTRICT, major_districts=major)
                .values_list("officer", flat=True)
                .first()
            )
            for index, (kind, titles, opens, deadline, languages, formats) in enumerate(LOCAL):
                district = major.districts.order_by("code")[index % major.districts.count()]
                opportunity = _opportunity(
                    kind,
                    titles,
                    district.name_fi or district.name,
                    opens + major.number,
                    deadline + major.number,
                    languages,
                    formats,
                )
                opportunity.contact_officer_id = officer
                services.opportunity_save(
                    opportunity=opportunity, by=coordinator, districts=[district]
                )
                made += 1
    return {"ways to take part": made}
