from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from luotsi.accounts.demo import DEMO_PASSWORD, DEMO_PEOPLE


class Command(BaseCommand):
    help = "Print where to sign in and the demo accounts (demo data, not real people)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"Luotsi is starting at {url}"))
        out.write(f"Sign in at {url}accounts/login/ with any demo account below.")
        out.write(f"Password for every demo account: {DEMO_PASSWORD}")
        out.write("")
        for person in DEMO_PEOPLE:
            out.write(f"  {person.email:<40} {person.role.label}")
        out.write("")
        out.write("These are DEMO accounts with fictional people (addresses @demo.luotsi.example).")
        out.write("")
