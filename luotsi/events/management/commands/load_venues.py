from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from luotsi.areas.importing import ImportProblems
from luotsi.areas.models import City
from luotsi.events.venues import load_city_venues


class Command(BaseCommand):
    help = (
        "Load the venue list named in data/<slug>/city.json (run after load_city). Safe to run "
        "again: venues are updated from the file, officers' accessibility notes are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the city's folder under data/, e.g. helsinki")

    def handle(self, *args: Any, slug: str, **options: Any) -> None:
        try:
            summary = load_city_venues(slug)
        except City.DoesNotExist as exc:
            raise CommandError(_("Load the city first: manage.py load_city %s") % slug) from exc
        except ImportProblems as exc:
            raise CommandError(str(exc)) from exc
        if summary is None:
            self.stdout.write(_("city.json names no venue list; nothing to do."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Venues: %(created)d added, %(updated)d updated, %(outside)d outside the city.")
                % {
                    "created": summary.created,
                    "updated": summary.updated,
                    "outside": summary.outside_city,
                }
            )
        )
