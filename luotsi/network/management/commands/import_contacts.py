import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.network import services
from luotsi.network.importing import ImportFileError
from luotsi.network.models import ConsentSource, LawfulBasis


class Command(BaseCommand):
    help = (
        "Check a CSV/XLSX list of people and, with --commit, import it. Without --commit "
        "nothing is written: every rejected row is listed with its reasons."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="email", required=True, help="the officer importing")
        parser.add_argument("--lawful-basis", required=True, choices=LawfulBasis.values)
        parser.add_argument("--purpose", required=True)
        parser.add_argument("--source", required=True, choices=ConsentSource.values)
        parser.add_argument("--date", required=True, type=datetime.date.fromisoformat)
        parser.add_argument("--wording-version", default="")
        parser.add_argument("--district", help="district code for rows without one")
        parser.add_argument("--commit", action="store_true", help="import the good rows")
        parser.add_argument("--merge", action="store_true", help="fill duplicates' missing details")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['email']}.")
        district = None
        if options["district"]:
            district = District.objects.filter(code=options["district"]).first()
            if district is None:
                raise CommandError(f"Unknown district {options['district']}.")
        path: Path = options["file"]
        try:
            content = path.read_bytes()
            with tqdm(total=3, desc="check", disable=None) as progress:
                progress.update(1)
                batch = services.import_start(
                    by=user,
                    filename=path.name,
                    content=content,
                    consent={
                        "lawful_basis": options["lawful_basis"],
                        "consent_purpose": options["purpose"],
                        "consent_source": options["source"],
                        "consent_date": options["date"].isoformat(),
                        "consent_wording_version": options["wording_version"],
                    },
                    district=district,
                )
                progress.update(2)
        except (OSError, ImportFileError) as exc:
            raise CommandError(str(exc)) from exc
        for row in batch.rejected:
            self.stdout.write(f"row {row['row']}: {'; '.join(row['errors'])}")
        self.stdout.write(
            f"{len(batch.rows)} rows: {len(batch.good)} ready, {len(batch.rejected)} rejected, "
            f"{len(batch.duplicates)} probable duplicates."
        )
        if not options["commit"]:
            self.stdout.write("Dry run: nothing was imported (add --commit).")
            return
        batch = services.import_run(batch_id=batch.pk, merge_duplicates=options["merge"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {batch.created} added, {batch.merged} merged, {batch.skipped} skipped."
            )
        )
