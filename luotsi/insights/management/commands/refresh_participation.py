"""`manage.py refresh_participation`: rebuild the inclusion figures from the source apps
(run after the demo seeds, and nightly in production)."""

from typing import Any

from django.core.management.base import BaseCommand

from luotsi.insights.services import participation_refresh


class Command(BaseCommand):
    help = "Rebuild the participation counts behind the inclusion pages."

    def handle(self, *args: Any, **options: Any) -> None:
        refresh = participation_refresh()
        self.stdout.write(
            self.style.SUCCESS(f"Participation figures refreshed: {refresh.rows} rows.")
        )
