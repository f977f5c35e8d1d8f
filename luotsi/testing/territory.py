"""The real Helsinki reference data, loaded the same way `make run` loads it."""

from pathlib import Path

from django.conf import settings

from luotsi.areas.models import City
from luotsi.areas.services import city_load, read_major_districts_csv

HELSINKI_DIR = Path(settings.BASE_DIR) / "data" / "helsinki"


def load_helsinki() -> City:
    return city_load(
        slug="helsinki",
        names={"fi": "Helsinki", "sv": "Helsingfors", "en": "Helsinki"},
        major_districts=read_major_districts_csv(HELSINKI_DIR / "major_districts.csv"),
    )
