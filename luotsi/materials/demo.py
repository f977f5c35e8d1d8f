"""Demo information materials for `make seed`: an invitation for each coming demo event of
the next month, a street-works notice for the demo campaign, a notice for a demo conflict
case, and a city-wide "How to take part in OmaStadi" page. Every other major district is
well covered (every declared version ready); the rest have gaps, and at least one
neighbourhood café next week still lacks its Somali web text. Titles end in " (demo)".
Run after seed_events_demo (and seed_campaigns_demo / seed_concerns_demo, when wanted)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
from luotsi.campaigns.models import Campaign
from luotsi.concerns.models import ConflictCase
from luotsi.events import services as event_services
from luotsi.events.models import Event, EventKind, EventStatus, Venue
from luotsi.materials import services
from luotsi.materials.models import USUAL_SET, Format, Item, Variant, VariantStatus
from luotsi.web.languages import PLAIN_FINNISH

MARK = " (demo)"
DEMO_PDF = (
    b"%PDF-1.4\n% Luotsi demo\n1 0 obj << /Type /Catalog >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
TEXTS = {
    "fi": "Tervetuloa! Tilaisuus on maksuton ja kaikille avoin. (demo)",
    "sv": "Välkommen! Evenemanget är gratis och öppet för alla. (demo)",
    "en": "Welcome! The event is free and open to everyone. (demo)",
    PLAIN_FINNISH: "Tule mukaan. Se on ilmaista. Kaikki voivat tulla. (demo)",
    "so": "Soo dhawoow! Munaasabaddu waa bilaash, waana u furan tahay qof walba. (demo)",
    "ar": "أهلاً وسهلاً! الفعالية مجانية ومفتوحة للجميع. (demo)",
    "ru": "Добро пожаловать! Мероприятие бесплатное и открыто для всех. (demo)",
}


def _officers() -> dict[int, User]:
    """Major district number → its current officer."""
    officers: dict[int, User] = {}
    assignments = (
        OfficerAssignment.objects.current()
        .filter(kind=AssignmentKind.DISTRICT)
        .select_related("officer")
        .prefetch_related("major_districts")
    )
    for assignment in assignments:
        for major in assignment.major_districts.all():
            officers.setdefault(major.number, assignment.officer)
    return officers


class _Seeder:
    def __init__(self) -> None:
        self.counts = {"items": 0, "language versions": 0}
        self.today = timezone.localdate()

    def item(self, *, by: User, linked: object = None, **titles: str) -> Item:
        if linked is not None:
            item = services.item_create_for(linked=linked, by=by)  # type: ignore[arg-type]
        else:
            item = Item(owner=by)
        for code, title in titles.items():
            setattr(item, f"title_{code}", title)
        item.public = True
        item = services.item_save(item=item, by=by, district=item.district)
        self.counts["items"] += 1
        return item

    def versions(
        self, item: Item, by: User, needs: list[tuple[str, str]], *, ready: bool = True
    ) -> list[Variant]:
        made = services.variants_declare(item=item, by=by, needs=needs)
        for variant in made:
            if ready:
                self.fill(variant, by)
        self.counts["language versions"] += len(made)
        return made

    def fill(self, variant: Variant, by: User, status: str = VariantStatus.READY) -> None:
        upload = None
        if variant.format in (Format.PDF, Format.PRINT):
            upload = SimpleUploadedFile("demo.pdf", DEMO_PDF, content_type="application/pdf")
        else:
            variant.text = TEXTS.get(variant.language, TEXTS["en"])
        variant.status = status
        variant.reviewed_on = self.today
        services.variant_save(variant=variant, by=by, upload=upload)


def _cafe_next_week(officers: dict[int, User]) -> Event:
    """A published demo café starting in the coming 1–8 days, made when there is none."""
    now = timezone.now()
    window = Q(start__gte=now + datetime.timedelta(days=1)) & Q(
        start__lt=now + datetime.timedelta(days=8)
    )
    found = (
        Event.objects.filter(window, kind=EventKind.CAFE, status=EventStatus.PUBLISHED)
        .filter(title__endswith=MARK, district__major_district__number__in=list(officers))
        .order_by("district__major_district__number", "start")
        .first()
    )
    if found is not None:
        return found
    number = min(officers)
    officer = officers[number]
    venue = (
        Venue.objects.filter(district__major_district__number=number, latitude__isnull=False)
        .order_by("pk")
        .first()
    )
    if venue is None:
        raise RuntimeError("No venue in the demo officer's district: run load_venues first.")
    day = timezone.localtime(now) + datetime.timedelta(days=7)
    start = day.replace(hour=17, minute=0, second=0, microsecond=0)
    event = Event(
        kind=EventKind.CAFE,
        title=f"Asukaskahvila{MARK}",
        title_fi=f"Asukaskahvila{MARK}",
        title_sv=f"Invånarkafé{MARK}",
        title_en=f"Residents' café{MARK}",
        venue=venue,
        start=start,
        end=start + datetime.timedelta(hours=2),
        languages="fi,sv,so",
    )
    event = event_services.event_save(event=event, by=officer)
    return event_services.event_publish(event=event, by=officer)


def seed_materials() -> dict[str, int]:
    if Item.objects.filter(title__endswith=MARK).exists():
        return {}
    officers = _officers()
    if not officers or not Event.objects.filter(title__endswith=MARK).exists():
        raise RuntimeError("Run seed_demo and seed_events_demo before seed_materials_demo.")
    seeder = _Seeder()
    now = timezone.now()
    everyone = [*USUAL_SET, ("so", Format.WEB), ("ar", Format.WEB)]
    with transaction.atomic():
        cafe = _cafe_next_week(officers)
        coming = (
            Event.objects.filter(title__endswith=MARK, status=EventStatus.PUBLISHED)
            .filter(start__gte=now, start__lt=now + datetime.timedelta(days=30))
            .filter(district__major_district__number__in=list(officers))
            .exclude(pk=cafe.pk)
            .select_related("district__major_district")
            .order_by("start")
        )
        per_district: dict[int, int] = {}
        for event in coming:
            number = event.district.major_district.number  # type: ignore[union-attr]
            if per_district.get(number, 0) >= 2:
                continue
            per_district[number] = per_district.get(number, 0) + 1
            officer = officers[number]
            item = seeder.item(by=officer, linked=event)
            well_covered = number % 2 == 1
            seeder.versions(item, officer, list(USUAL_SET), ready=True)
            # The others: Somali and Arabic web text declared; the well-covered have them.
            seeder.versions(
                item, officer, [("so", Format.WEB), ("ar", Format.WEB)], ready=well_covered
            )

        # The café next week: everything ready except the Somali web text.
        officer = officers[cafe.district.major_district.number]  # type: ignore[union-attr]
        item = seeder.item(by=officer, linked=cafe)
        seeder.versions(item, officer, list(USUAL_SET), ready=True)
        seeder.versions(item, officer, [("so", Format.WEB)], ready=False)

        coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk")
        owner = coordinator.first() or next(iter(officers.values()))
        omastadi = seeder.item(
            by=owner,
            fi=f"Näin osallistut OmaStadiin{MARK}",
            sv=f"Så deltar du i OmaStadi{MARK}",
            en=f"How to take part in OmaStadi{MARK}",
        )
        seeder.versions(omastadi, owner, [*everyone, ("fi", Format.PDF), ("ru", Format.WEB)])
        for variant in seeder.versions(
            omastadi, owner, [("fse", Format.SIGN_VIDEO), ("fi", Format.AUDIO)], ready=False
        ):
            if variant.language == "fse":
                seeder.fill(variant, owner, VariantStatus.IN_TRANSLATION)
        # One version last checked over a year ago: due for a review.
        Variant.objects.filter(item=omastadi, language="ru").update(
            reviewed_on=seeder.today - datetime.timedelta(days=400)
        )

        campaign = Campaign.objects.filter(title__endswith=MARK).order_by("pk").first()
        if campaign is not None:
            runner = campaign.officers.order_by("pk").first() or owner
            notice = seeder.item(by=runner, linked=campaign)
            seeder.versions(notice, runner, [("fi", Format.WEB), ("sv", Format.WEB)])
            seeder.versions(notice, runner, [("fi", Format.PRINT), ("en", Format.WEB)], ready=False)
        case = ConflictCase.objects.filter(title__endswith="(demo)").order_by("pk").first()
        if case is not None:
            briefing = seeder.item(by=case.owner, linked=case)
            seeder.versions(briefing, case.owner, [("fi", Format.WEB), ("sv", Format.WEB)])
    return seeder.counts
