"""The real Helsinki reference data, loaded the same way `make run` loads it.

The test session loads it once (conftest.py); `ensure_helsinki` reloads it only after a
transactional test has emptied the database.
"""

from luotsi.areas.citydata import load_city_folder
from luotsi.areas.models import City


def load_helsinki() -> City:
    from luotsi.concerns.catalogue import load_city_services
    from luotsi.events.venues import load_city_venues

    city = load_city_folder("helsinki").city
    load_city_venues("helsinki")
    load_city_services("helsinki")
    return city


def ensure_helsinki() -> City:
    city = City.objects.filter(slug="helsinki", districts__isnull=False).first()
    return city or load_helsinki()
