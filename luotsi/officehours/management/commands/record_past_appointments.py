from typing import Any

from django.core.management.base import BaseCommand

from luotsi.officehours.services import appointments_to_interactions


class Command(BaseCommand):
    help = (
        "Record past office hours appointments as meetings in the officers' network "
        "(without the residents' personal data). Run daily, e.g. from cron; running it "
        "again records nothing twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        recorded = appointments_to_interactions()
        self.stdout.write(f"Recorded {recorded} appointment(s) as interactions.")
