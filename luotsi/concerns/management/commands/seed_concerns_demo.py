from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.concerns.demo import seed_cases, seed_messages


class Command(BaseCommand):
    help = "Fill demo residents' messages and conflict cases (DEBUG only; once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="run even when DEBUG is off")

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo data is for development installations; refusing without DEBUG."
            )
        counts = seed_messages()
        cases = seed_cases()
        if not counts and not cases:
            self.stdout.write("Demo messages exist already.")
            return
        counts["conflict cases"] = cases
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo concerns: {summary}."))
