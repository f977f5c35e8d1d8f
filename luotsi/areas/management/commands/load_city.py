import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.areas.services import TerritoryDataError, city_load, read_major_districts_csv


class Command(BaseCommand):
    help = (
        "Load a city's territory from data/<slug>/ (city.json and major_districts.csv). "
        "Safe to run again: existing rows are updated, not duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the city's folder under data/, e.g. helsinki")
        parser.add_argument("--data-dir", type=Path, help="read from this folder instead")

    def handle(self, *args: Any, slug: str, data_dir: Path | None, **options: Any) -> None:
        folder = data_dir or Path(settings.BASE_DIR) / "data" / slug
        city_file = folder / "city.json"
        try:
            meta = json.loads(city_file.read_text(encoding="utf-8"))
            major_districts = read_major_districts_csv(folder / "major_districts.csv")
        except (OSError, json.JSONDecodeError, TerritoryDataError) as exc:
            raise CommandError(str(exc)) from exc
        names = meta.get("name")
        if not isinstance(names, dict) or not names.get("fi"):
            raise CommandError(f"{city_file}: 'name' must map language codes to names")
        city = city_load(slug=slug, names=names, major_districts=major_districts)
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {city.name}: {len(major_districts)} major districts.")
        )
