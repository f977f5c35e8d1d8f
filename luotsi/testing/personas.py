"""The shared people every permission test uses.

officer_south serves the Southern major district (1), officer_east the Eastern one (7) and
Östersundom (8); the business officer is city-wide. Everyone's password is TEST_PASSWORD.
"""

from dataclasses import dataclass
from typing import cast

from django.contrib.auth.models import AnonymousUser

from luotsi.accounts.models import AssignmentKind, Role, User
from luotsi.areas.models import MajorDistrict
from luotsi.testing.factories import OfficerAssignmentFactory, UserFactory
from luotsi.testing.territory import ensure_helsinki

PERSONA_NAMES = (
    "anonymous",
    "resident",
    "official",
    "officer_south",
    "officer_east",
    "business_officer",
    "coordinator",
)


@dataclass(frozen=True)
class Personas:
    anonymous: AnonymousUser
    resident: User
    official: User
    officer_south: User
    officer_east: User
    business_officer: User
    coordinator: User

    def get(self, name: str) -> User | AnonymousUser:
        return cast(User | AnonymousUser, getattr(self, name))


def create_personas() -> Personas:
    ensure_helsinki()
    district = {d.number: d for d in MajorDistrict.objects.filter(city__slug="helsinki")}
    officer_south = UserFactory.create(
        email="officer.south@example.org", full_name="Sofia South", role=Role.DISTRICT_OFFICER
    )
    officer_east = UserFactory.create(
        email="officer.east@example.org", full_name="Elias East", role=Role.DISTRICT_OFFICER
    )
    business_officer = UserFactory.create(
        email="business@example.org", full_name="Bo Business", role=Role.BUSINESS_OFFICER
    )
    OfficerAssignmentFactory.create(officer=officer_south, major_districts=[district[1]])
    OfficerAssignmentFactory.create(
        officer=officer_east, major_districts=[district[7], district[8]]
    )
    OfficerAssignmentFactory.create(officer=business_officer, kind=AssignmentKind.BUSINESS)
    return Personas(
        anonymous=AnonymousUser(),
        resident=UserFactory.create(email="resident@example.org", full_name="Riku Resident"),
        official=UserFactory.create(
            email="official@example.org", full_name="Olga Official", role=Role.OFFICIAL
        ),
        officer_south=officer_south,
        officer_east=officer_east,
        business_officer=business_officer,
        coordinator=UserFactory.create(
            email="coordinator@example.org", full_name="Cecilia Coordinator", role=Role.COORDINATOR
        ),
    )
