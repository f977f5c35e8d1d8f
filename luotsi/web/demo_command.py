"""The shape every `seed_*_demo` command shares: refuse outside development installations,
run the app's seeder once, and say what it made."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class DemoCommand(BaseCommand):
    """Subclasses set `seed` (a function returning {what: how many}, empty when the demo
    exists already) and `label` (e.g. "Demo events")."""

    label = "Demo records"
    seed: Callable[[], dict[str, int]]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="run even when DEBUG is off")

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo data is for development installations; refusing without DEBUG."
            )
        try:
            counts = type(self).seed()
        except (ValueError, RuntimeError) as exc:  # a prerequisite demo is missing
            raise CommandError(str(exc)) from exc
        if not counts:
            self.stdout.write(f"{self.label} exist already.")
            return
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"{self.label}: {summary}."))
