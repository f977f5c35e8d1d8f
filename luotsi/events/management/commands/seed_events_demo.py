from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.events.demo import seed_events


class Command(BaseCommand):
    help = (
        "Fill demo events, registrations, costs and budgets after seed_demo and "
        "seed_network_demo (DEBUG only; does nothing when they exist already)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="run even when DEBUG is off")

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo data is for development installations; refusing without DEBUG."
            )
        try:
            counts = seed_events()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if not counts:
            self.stdout.write("Demo events exist already.")
            return
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo events: {summary}."))
