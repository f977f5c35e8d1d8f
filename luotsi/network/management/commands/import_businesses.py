from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from luotsi.accounts.models import User
from luotsi.network.business_import import (
    RowStatus,
    business_import_run,
    read_businesses,
)
from luotsi.network.importing import ImportFileError


class Command(BaseCommand):
    help = (
        "Check a CSV/XLSX list of businesses for the business register and, with --commit, "
        "import it in one transaction. Without --commit nothing is written: every row is "
        "listed with its status and reasons. Duplicates (by business ID, in the register or "
        "earlier in the file) are never added; --update-existing fills the empty fields of "
        "the businesses already in the register instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="email", required=True, help="the officer importing")
        parser.add_argument("--commit", action="store_true", help="write the good rows")
        parser.add_argument(
            "--update-existing",
            action="store_true",
            help="fill the empty fields of businesses already in the register",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['email']}.")
        path: Path = options["file"]
        try:
            header, rows = read_businesses(path.name, path.read_bytes())
            with tqdm(total=len(rows), desc="check", unit="row", disable=None) as progress:
                report = business_import_run(
                    by=user,
                    filename=path.name,
                    header=header,
                    rows=rows,
                    commit=options["commit"],
                    update_existing=options["update_existing"],
                    progress=progress.update,
                )
        except (OSError, ImportFileError) as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for row in report.rows:
            if row.status not in (RowStatus.NEW, RowStatus.CREATED) or row.reasons:
                reasons = f": {'; '.join(row.reasons)}" if row.reasons else ""
                self.stdout.write(f"row {row.row} ({row.status}){reasons}")
        summary = (
            f"{len(report.rows)} rows: {report.ready} new, {report.updates} to update, "
            f"{report.duplicates} duplicates, {report.rejected} rejected."
        )
        if not report.committed:
            self.stdout.write(summary)
            self.stdout.write("Dry run: nothing was imported (add --commit).")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {report.ready} added, {report.updates} updated, "
                f"{report.duplicates} duplicates and {report.rejected} rejected rows skipped."
            )
        )
