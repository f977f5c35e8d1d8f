from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from luotsi.areas.importing import ImportProblems
from luotsi.concerns.catalogue import load_city_services


class Command(BaseCommand):
    help = "Load the message categories named in data/<slug>/city.json. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the city's folder under data/, e.g. helsinki")

    def handle(self, *args: Any, slug: str, **options: Any) -> None:
        try:
            count = load_city_services(slug)
        except ImportProblems as exc:
            raise CommandError(str(exc)) from exc
        if count is None:
            self.stdout.write(_("city.json names no categories; nothing to do."))
            return
        self.stdout.write(self.style.SUCCESS(_("Categories: %(count)d loaded.") % {"count": count}))
