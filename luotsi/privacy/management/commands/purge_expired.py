from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from luotsi.privacy.purging import purge_expired
from luotsi.privacy.retention import describe, humanise_days


class Command(BaseCommand):
    help = (
        "Remove or anonymise the personal data past its retention period, as declared on the "
        "records-of-processing page, and warn officers before contacts are erased. "
        "Run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only report what would be done")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        if dry_run:
            self.stdout.write(_("Dry run: nothing is changed."))
        for outcome in purge_expired(dry_run=dry_run):
            declaration = outcome.declaration
            days = declaration.retention_days
            period = f" ({humanise_days(days)})" if days is not None else ""
            self.stdout.write(f"{declaration.title}{period}: {describe(outcome.result)}")
