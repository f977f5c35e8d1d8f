from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.campaigns.demo import seed_campaigns


class Command(BaseCommand):
    help = "Fill a demo business register and a campaign in progress (DEBUG only; once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="run even when DEBUG is off")

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo data is for development installations; refusing without DEBUG."
            )
        counts = seed_campaigns()
        if not counts:
            self.stdout.write("Demo campaigns exist already.")
            return
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo campaigns: {summary}."))
