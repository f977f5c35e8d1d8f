"""Count a Pabulib election: ``manage.py pb_count FILE.pb --rule mes --completion add1-greedy``."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luotsi.budgeting.counting import (
    COMPLETIONS,
    RULES,
    TIE_BREAKS,
    CountingError,
    PabulibError,
    count,
    read_pabulib,
)


class Command(BaseCommand):
    help = (
        "Select participatory-budgeting projects from a Pabulib .pb file and print the "
        "selected project ids, one per line in selection order (or JSON with --json)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path to the .pb file")
        parser.add_argument("--rule", required=True, choices=RULES)
        parser.add_argument("--completion", default="none", choices=COMPLETIONS)
        parser.add_argument("--tie-break", default="lexico", choices=TIE_BREAKS)
        parser.add_argument(
            "--max-share",
            default=None,
            help="cap any project's cost at this share of the budget (OmaStadi: 0.5)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON with explanations")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            instance, profile = read_pabulib(options["file"])
        except PabulibError as exc:
            raise CommandError(f"{options['file']}: {exc}") from None
        max_share = options["max_share"]
        if max_share is not None:
            try:
                max_share = Fraction(max_share)
            except (ValueError, ZeroDivisionError):
                raise CommandError(f"--max-share {max_share!r} is not a number") from None
        try:
            outcome = count(
                instance,
                profile,
                options["rule"],
                completion=options["completion"],
                tie_break=options["tie_break"],
                max_share=max_share,
            )
        except CountingError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            data = outcome.as_dict()
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for pid in outcome.selected:
                self.stdout.write(pid)
