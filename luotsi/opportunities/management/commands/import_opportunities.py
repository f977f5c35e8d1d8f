from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from luotsi.opportunities.importers import SOURCES, FeedError, import_feed


class Command(BaseCommand):
    help = (
        "Import ways to take part from a feed: kerrokantasi (hearings) or linkedevents "
        "(events), following its pages. Runs again safely: records update in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=[str(k) for k in SOURCES])
        parser.add_argument("url", help="the feed's first page (http or https)")

    def handle(self, *args: Any, kind: str, url: str, **options: Any) -> None:
        try:
            report = import_feed(kind, url)
        except FeedError as error:
            raise CommandError(str(error)) from error
        for record_id, reason in report.skipped:
            self.stderr.write(_("Skipped %(id)s: %(reason)s") % {"id": record_id, "reason": reason})
        self.stdout.write(
            _("%(created)d created, %(updated)d updated, %(skipped)d skipped (%(pages)d pages).")
            % {
                "created": report.created,
                "updated": report.updated,
                "skipped": len(report.skipped),
                "pages": report.pages,
            }
        )
