from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from luotsi.events.accounting import registrations_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise the registrants of events that ended more than EVENTS_ANONYMISE_AFTER_DAYS "
        "days ago (names and contact details; counts stay). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="override EVENTS_ANONYMISE_AFTER_DAYS"
        )

    def handle(self, *args: Any, days: int | None, **options: Any) -> None:
        days = settings.EVENTS_ANONYMISE_AFTER_DAYS if days is None else days
        if days < 0:
            raise CommandError(_("--days cannot be negative."))
        done = registrations_anonymise(days=days)
        self.stdout.write(
            _("%(count)d registration(s) anonymised (events ended over %(days)d days ago).")
            % {"count": done, "days": days}
        )
