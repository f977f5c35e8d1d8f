"""Send this week's digests. Run weekly (cron: `0 7 * * 1  manage.py send_digests`); running
it again in the same week sends only what a previous run could not."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from luotsi.subscriptions.digests import digest_run


class Command(BaseCommand):
    help = "Send the weekly digest of ways to take part to confirmed subscribers."

    def handle(self, *args: Any, **options: Any) -> None:
        report = digest_run()
        self.stdout.write(
            f"{report.week}: {report.sent} sent, {report.empty} with nothing new, "
            f"{report.skipped} already done, {report.failed} failed, {report.stuck} stuck"
        )
        if report.failed:
            raise CommandError(f"{report.failed} digest(s) failed: run again to retry them")
