"""Network records for tests: one private set in the Southern district Vironniemi (101), one
in the Eastern district Vuosaari (704), and shared ones."""

import datetime

from luotsi.areas.models import District
from luotsi.network.models import (
    Commitment,
    ConsentSource,
    Contact,
    ImportBatch,
    Interaction,
    KnowledgeNote,
    LawfulBasis,
    Organisation,
    OrganisationKind,
    Visibility,
)
from luotsi.testing.personas import Personas

CONSENT = {
    "lawful_basis": LawfulBasis.CONSENT,
    "consent_purpose": "Liaison work in the district",
    "consent_source": ConsentSource.IN_PERSON,
    "consent_date": datetime.date(2026, 1, 15),
    "consent_wording_version": "v1",
}


def district(code: str) -> District:
    return District.objects.get(city__slug="helsinki", code=code)


def contact(
    p: Personas, code: str = "101", name: str = "Paula Private", **fields: object
) -> Contact:
    owner = p.officer_south if code.startswith("1") else p.officer_east
    values = {"full_name": name, "district": district(code), "created_by": owner, **CONSENT}
    values.update(fields)
    return Contact.objects.create(**values)


def organisation(
    p: Personas,
    code: str = "101",
    name: str = "Kruununhaan asukasyhdistys",
    kind: str = OrganisationKind.ASSOCIATION,
    visibility: str = Visibility.PRIVATE,
) -> Organisation:
    owner = p.officer_south if code.startswith("1") else p.officer_east
    return Organisation.objects.create(
        name=name,
        name_fi=name,
        kind=kind,
        district=district(code),
        visibility=visibility,
        created_by=owner,
    )


def interaction(p: Personas, code: str = "101", summary: str = "Met at the café") -> Interaction:
    owner = p.officer_south if code.startswith("1") else p.officer_east
    return Interaction.objects.create(
        channel="meeting", summary=summary, district=district(code), officer=owner
    )


def commitment(p: Personas, code: str = "101", due: datetime.date | None = None) -> Commitment:
    owner = p.officer_south if code.startswith("1") else p.officer_east
    return Commitment.objects.create(
        description="Send the meeting notes",
        owner=owner,
        due_on=due or datetime.date(2026, 12, 31),
        district=district(code),
        created_by=owner,
    )


def note(
    p: Personas, code: str = "101", title: str = "Who runs the Saturday market"
) -> KnowledgeNote:
    owner = p.officer_south if code.startswith("1") else p.officer_east
    return KnowledgeNote.objects.create(
        title=title,
        body="The market is run by volunteers.",
        district=district(code),
        created_by=owner,
    )


def import_batch(p: Personas) -> ImportBatch:
    return ImportBatch.objects.create(
        created_by=p.officer_south,
        filename="people.csv",
        columns=["name"],
        mapping={"full_name": 0},
        consent={**CONSENT, "consent_date": "2026-01-15"},
        raw_rows=[["Uusi Ihminen"]],
        rows=[
            {
                "row": 2,
                "values": {"full_name": "Uusi Ihminen"},
                "district": None,
                "errors": ["no district given"],
                "duplicate_of": None,
            }
        ],
    )


# A business list as a city department might send it (Finnish headers, semicolons): row 2 is
# in Vironniemi (101), row 3 in Vuosaari (704); real business IDs with valid check digits.
BUSINESS_CSV = (
    "Y-tunnus;Nimi;Aputoiminimet;Toimiala;Katuosoite;Sähköposti;Puhelin;Kieli\n"
    "2345678-0;Kahvila Kulma Oy;Kulmakahvila;56101;Mannerheimintie 5;info@kulma.example;"
    "+358 9 310 12345;suomi\n"
    "1000002-0;Vuosaaren Kala Ab;Fiskbod|Kalatiski;47230 Kalan vähittäiskauppa;Vuotie 45;;;"
    "svenska\n"
)


def business(
    p: Personas,
    code: str = "101",
    name: str = "Kruununhaan Kirjakauppa Oy",
    business_id: str = "0112038-9",
    **fields: object,
) -> Organisation:
    """A business in the register (shared, as businesses are)."""
    owner = p.officer_south if code.startswith("1") else p.officer_east
    values: dict[str, object] = {
        "name": name,
        "name_fi": name,
        "kind": OrganisationKind.BUSINESS,
        "business_id": business_id,
        "district": district(code),
        "visibility": Visibility.SHARED,
        "created_by": owner,
    }
    values.update(fields)
    return Organisation.objects.create(**values)
