"""The demo people `make run` creates. Clearly demo data: every address is @demo.luotsi.example
(a reserved, undeliverable domain) and the command refuses to run outside DEBUG."""

from dataclasses import dataclass

from luotsi.accounts.models import AssignmentKind, Role

DEMO_PASSWORD = "luotsi-demo-2026"  # noqa: S105 - printed to the developer on purpose
DEMO_DOMAIN = "demo.luotsi.example"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    role: Role
    major_districts: tuple[int, ...] = ()
    kind: AssignmentKind | None = None
    spoken_languages: str = "fi, sv, en"


def _officer(local: str, name: str, *districts: int, languages: str = "fi, sv, en") -> DemoPerson:
    return DemoPerson(
        f"{local}@{DEMO_DOMAIN}",
        name,
        Role.DISTRICT_OFFICER,
        districts,
        AssignmentKind.DISTRICT,
        languages,
    )


def _business(local: str, name: str) -> DemoPerson:
    return DemoPerson(
        f"{local}@{DEMO_DOMAIN}", name, Role.BUSINESS_OFFICER, (), AssignmentKind.BUSINESS
    )


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(f"coordinator@{DEMO_DOMAIN}", "Aino Koordinaattori", Role.COORDINATOR),
    _officer("south", "Eero Etelä", 1),
    _officer("west", "Liisa Länsi", 2),
    _officer("central", "Kalle Keskinen", 3),
    _officer("north", "Pia Pohjola", 4),
    _officer("northeast", "Kari Koillinen", 5, languages="fi, en, ru, et"),
    _officer("southeast", "Sanna Kaakko", 6),
    # The Eastern officer also covers Östersundom, which has no officer of its own.
    _officer("east", "Ilkka Itäinen", 7, 8, languages="fi, en, so, ar"),
    _business("business1", "Bea Yrittäjä"),
    _business("business2", "Mikael Företag"),
    _business("business3", "Noor Business"),
    DemoPerson(f"official@{DEMO_DOMAIN}", "Olli Virkamies", Role.OFFICIAL),
    DemoPerson(f"resident@{DEMO_DOMAIN}", "Riikka Asukas", Role.RESIDENT),
)
