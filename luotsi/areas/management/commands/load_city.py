from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.areas.citydata import load_city_folder
from luotsi.areas.importing import ImportProblems


class Command(BaseCommand):
    help = (
        "Load a city's territory from data/<slug>/city.json and the files it names. "
        "Safe to run again: existing areas are updated, not duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the city's folder under data/, e.g. helsinki")
        parser.add_argument("--data-dir", type=Path, help="read from this folder instead")

    def handle(self, *args: Any, slug: str, data_dir: Path | None, **options: Any) -> None:
        try:
            summary = load_city_folder(slug, data_dir, progress=options["verbosity"] > 0)
        except ImportProblems as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {summary.city.name}: {summary.major_districts} major districts, "
                f"{summary.districts} districts, {summary.sub_districts} sub-districts, "
                f"{summary.statistics} rows of statistics."
            )
        )
