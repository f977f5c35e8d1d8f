import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from luotsi.accounts import services
from luotsi.accounts.demo import DEMO_PASSWORD, DEMO_PEOPLE
from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict

DEMO_START = datetime.date(2025, 1, 1)


class Command(BaseCommand):
    help = "Create the demo accounts and assignments (DEBUG only; safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--city", default="helsinki")
        parser.add_argument(
            "--force", action="store_true", help="run even when DEBUG is off (never in production)"
        )

    @transaction.atomic
    def handle(self, *args: Any, city: str, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts have a published password; refusing without DEBUG.")
        districts = {d.number: d for d in MajorDistrict.objects.filter(city__slug=city)}
        if not districts:
            raise CommandError(f"No major districts for {city!r}: run `load_city {city}` first.")
        created = 0
        for person in DEMO_PEOPLE:
            if User.objects.filter(email__iexact=person.email).exists():
                continue
            user = services.user_create(
                email=person.email,
                password=DEMO_PASSWORD,
                full_name=person.full_name,
                role=person.role,
                spoken_languages=person.spoken_languages if person.kind else "",
            )
            if person.kind is not None:
                services.assignment_start(
                    officer=user,
                    kind=person.kind,
                    major_districts=[districts[n] for n in person.major_districts],
                    starts_on=DEMO_START,
                )
            created += 1
        self.stdout.write(self.style.SUCCESS(f"Demo content: {created} new demo account(s)."))
