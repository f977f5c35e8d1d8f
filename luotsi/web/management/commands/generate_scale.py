"""`manage.py generate_scale --residents 670000`: Helsinki-scale data for benchmarks.

A developer command (its texts are English). The generator itself is benchmarks/scale.py,
which is part of the source checkout, not of the installed package: it is imported only when
the command runs.
"""

import argparse
import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

HELSINKI_RESIDENTS = 670_000


def _residents(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"give the number of residents as a positive whole number "
            f"(e.g. {HELSINKI_RESIDENTS} for Helsinki), not {text!r}"
        )
    return value


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"give a date as YYYY-MM-DD, not {text!r}") from None


class Command(BaseCommand):
    help = (
        "Fill the configured database with synthetic records at the scale of a city of "
        "--residents residents on its real territory (load_city first), for benchmarks. "
        "Reproducible by --seed; refuses to run on a database that has scale data already."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--residents",
            type=_residents,
            required=True,
            help=f"the city's size; {HELSINKI_RESIDENTS} (Helsinki) gives the full data set",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--today",
            type=_day,
            help="the day the data lead up to (default: today); give it to reproduce a data "
            "set exactly on another day",
        )
        parser.add_argument("--city", default="helsinki", help="the city's slug (default helsinki)")

    def handle(
        self,
        *args: Any,
        residents: int,
        seed: int,
        today: datetime.date | None,
        city: str,
        **options: Any,
    ) -> None:
        if today is not None and today > timezone.localdate():
            raise CommandError("--today cannot be in the future.")
        try:
            from benchmarks.scale import ScaleError, generate, planned_counts
        except ImportError as exc:
            raise CommandError(
                "The scale generator (benchmarks/scale.py) is not importable: run the command "
                "from a source checkout of Luotsi."
            ) from exc
        verbose = options["verbosity"] > 0
        if verbose:
            planned = ", ".join(f"{n:,} {kind}" for kind, n in planned_counts(residents).items())
            self.stdout.write(f"Generating for {residents:,} residents (seed {seed}): {planned}")
        started = time.perf_counter()
        try:
            written = generate(
                residents=residents, seed=seed, today=today, city_slug=city, progress=verbose
            )
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        width = max(len(kind) for kind in written)
        for kind, count in written.items():
            self.stdout.write(f"  {kind:<{width}}  {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(f"Scale data written in {elapsed:.0f} s ({elapsed / 60:.1f} min).")
        )
