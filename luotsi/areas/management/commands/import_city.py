from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.areas.importing import (
    ImportProblems,
    MajorSpec,
    parse_crs,
    read_area_features,
    read_major_map_csv,
    read_population_csv,
)
from luotsi.areas.services import city_import


class Command(BaseCommand):
    help = (
        "Load another city from its own district GeoJSON (and optional major-district map and "
        "population CSV). Everything is checked first and written in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="short identifier, e.g. espoo")
        parser.add_argument("--name", required=True, help="the city's name in Finnish")
        parser.add_argument("--name-sv", default="", help="the city's name in Swedish")
        parser.add_argument("--name-en", default="", help="the city's name in English")
        parser.add_argument("--districts", required=True, type=Path, help="districts GeoJSON")
        parser.add_argument("--code-field", required=True, help="property holding the code")
        parser.add_argument("--name-field", required=True, help="property holding the name")
        parser.add_argument("--name-sv-field", help="property holding the Swedish name")
        parser.add_argument("--name-en-field", help="property holding the English name")
        majors = parser.add_mutually_exclusive_group()
        majors.add_argument("--major-field", help="property naming each district's major district")
        majors.add_argument(
            "--major-map",
            type=Path,
            help="CSV: district,major[,major_name_fi,major_name_sv,major_name_en]",
        )
        parser.add_argument(
            "--population", type=Path, help="CSV: district,year,population[,share_…]"
        )
        parser.add_argument(
            "--attribution", default="", help="credit the data's licence requires, e.g. © City"
        )
        parser.add_argument(
            "--source-crs",
            help="coordinate system of the GeoJSON, e.g. EPSG:3067 (ETRS-TM35FIN) or "
            "EPSG:3879 (Helsinki GK25); default: the file's own crs member, else WGS84",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = self._import(options)
        except ImportProblems as exc:
            raise CommandError(
                f"Nothing was imported: {len(exc.problems)} problem(s) found.\n{exc}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {summary.city.name}: {summary.major_districts} major districts, "
                f"{summary.districts} districts, {summary.statistics} rows of statistics."
            )
        )

    def _import(self, options: dict[str, Any]) -> Any:
        if options["source_crs"]:
            parse_crs(options["source_crs"])  # an unknown CRS fails before reading anything
        major_map: dict[str, str] = {}
        if options["major_map"]:
            majors, major_map = read_major_map_csv(options["major_map"])
        districts = read_area_features(
            options["districts"],
            code_field=options["code_field"],
            name_field=options["name_field"],
            name_sv_field=options["name_sv_field"],
            name_en_field=options["name_en_field"],
            parent_field=options["major_field"],
            source_crs=options["source_crs"],
            progress=options["verbosity"] > 0,
        )
        names = {"fi": options["name"], "sv": options["name_sv"], "en": options["name_en"]}
        if options["major_field"]:
            codes = sorted({d.parent_code or "" for d in districts})
            majors = [MajorSpec(code, n, {"fi": code}) for n, code in enumerate(codes, 1)]
        elif options["major_map"]:
            districts = [
                type(d)(d.code, d.names, major_map.get(d.code), d.geometry) for d in districts
            ]
        else:
            # Without a grouping the whole city is one major district, served by one officer.
            majors = [MajorSpec("0", 1, {k: v for k, v in names.items() if v})]
            districts = [type(d)(d.code, d.names, "0", d.geometry) for d in districts]
        population = read_population_csv(options["population"]) if options["population"] else []
        return city_import(
            slug=options["slug"],
            names={k: v for k, v in names.items() if v},
            major_districts=majors,
            districts=districts,
            population=population,
            attribution=options["attribution"],
        )
