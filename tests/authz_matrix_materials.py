"""Authorization matrix entries for the materials app (merged into tests/authz_matrix.MATRIX).

The default item is public, in Vironniemi (101, Southern major district) and owned by
officer_south: officer_south and the coordinator manage it, officer_east and the business
officer get 404 on its staff pages. A city-wide item is the business officer's. The public
page and files of a public item's ready versions are for everyone; the rest is 404 for
those who do not manage the item.
"""

from luotsi.budgeting.models import Phase, Plan, PlanResult
from luotsi.materials.models import Item, Variant, VariantStatus
from luotsi.testing import budgeting as pb
from luotsi.testing import campaigns as camp
from luotsi.testing import cases
from luotsi.testing import events as ev
from luotsi.testing import materials as mat
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import (
    API_NETWORK,
    EVERYONE_OK,
    NETWORK,
    NETWORK_BAD_POST,
    SOUTH_PRIVATE,
    SOUTH_PRIVATE_POST,
    Case,
    admin_model,
    expect,
)

SOUTH_BAD_POST = expect(
    404, anonymous=302, resident=403, official=403, officer_south=400, coordinator=400
)
MANAGERS_ONLY = expect(404, officer_south=200, coordinator=200)
CITY_WIDE = expect(
    404, anonymous=302, resident=403, official=403, business_officer=200, coordinator=200
)


def _pb_plan(p: Personas) -> Plan:
    """A selected Southern plan of a participatory-budgeting cycle (made once)."""
    found = Plan.objects.filter(result__selected=True, major_district__number=1).first()
    if found is not None:
        return found
    made = pb.plan(p, pb.cycle(p, phase=Phase.IMPLEMENTATION))
    PlanResult.objects.create(plan=made, votes=10, selected=True, rank=1)
    return made


def _item(p: Personas) -> Item:
    """officer_south's public item in 101 (the same one on every call)."""
    found = Item.objects.filter(owner=p.officer_south, district__code="101", public=True).first()
    return found or mat.item(p)


def _private_item(p: Personas) -> Item:
    found = Item.objects.filter(owner=p.officer_south, public=False).first()
    return found or mat.item(p, public=False, title_fi="Luonnos", title="Luonnos")


def _variant(p: Personas, language: str = "so", status: str = VariantStatus.NEEDED) -> Variant:
    found = Variant.objects.filter(item=_item(p), language=language, format="web").first()
    return found or mat.variant(_item(p), language, "web", status)


def _file_of(made: Item, status: str = VariantStatus.READY) -> int:
    found = Variant.objects.filter(item=made, format="pdf").first()
    return (found or mat.variant_with_file(made, status=status)).pk


def _city_item(p: Personas) -> Item:
    return mat.item(p, district_code=None, owner=p.business_officer)


def _fresh_item(p: Personas) -> int:
    """A new item on each call: each persona's POST may delete its own."""
    return mat.item(p, title_fi="Poistettava", title="Poistettava").pk


def _fresh_variant(p: Personas) -> int:
    """A new version on each call: each persona's POST may delete its own."""
    made = _item(p)
    languages = ("ar", "ru", "et", "fa", "uk", "zh", "ku", "tr")
    used = Variant.objects.filter(item=made, format="print").count()
    return mat.variant(made, languages[used], "print", VariantStatus.NEEDED).pk


MATRIX: dict[str, list[Case]] = {
    # --- public ---------------------------------------------------------------------------------
    "materials/<int:pk>/": [
        Case(lambda p: f"/materials/{_item(p).pk}/", EVERYONE_OK),
        # Not public: its managers preview it, everyone else gets 404.
        Case(lambda p: f"/materials/{_private_item(p).pk}/", MANAGERS_ONLY),
        Case("/materials/999999/", expect(404)),
    ],
    "materials/files/<int:pk>/": [
        Case(lambda p: f"/materials/files/{_file_of(_item(p))}/", EVERYONE_OK),
        Case(lambda p: f"/materials/files/{_file_of(_private_item(p))}/", MANAGERS_ONLY),
        # A version still in translation is not published, even of a public item.
        Case(
            lambda p: "/materials/files/{}/".format(
                _file_of(mat.item(p, title_fi="Kesken"), VariantStatus.IN_TRANSLATION)
            ),
            MANAGERS_ONLY,
        ),
    ],
    "GET /api/v1/materials/items": [
        Case("/api/v1/materials/items?district=101&language=fi", EVERYONE_OK),
        Case("/api/v1/materials/items?language=fi-x-plain", EVERYONE_OK),
        Case("/api/v1/materials/items?language=12", expect(422)),
        Case("/api/v1/materials/items?district=nowhere", expect(422)),
    ],
    # --- officers' pages --------------------------------------------------------------------------
    "materials/manage/": [
        Case("/materials/manage/?district=101&language=so&status=needed", NETWORK),
        Case("/materials/manage/?status=lost", NETWORK_BAD_POST),
    ],
    "materials/manage/new/": [
        Case("/materials/manage/new/", NETWORK),
        Case("/materials/manage/new/", NETWORK_BAD_POST, method="POST", data={"title_fi": ""}),
    ],
    "materials/manage/<int:pk>/": [
        # officer_east is 404 on officer_south's item; so is the business officer.
        Case(lambda p: f"/materials/manage/{_item(p).pk}/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/materials/manage/{_city_item(p).pk}/",
            CITY_WIDE,
        ),
    ],
    "materials/manage/<int:pk>/edit/": [
        Case(lambda p: f"/materials/manage/{_item(p).pk}/edit/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/materials/manage/{_item(p).pk}/edit/",
            SOUTH_BAD_POST,
            method="POST",
            data={"title_fi": ""},
        ),
    ],
    "materials/manage/<int:pk>/delete/": [
        Case(lambda p: f"/materials/manage/{_item(p).pk}/delete/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/materials/manage/{_fresh_item(p)}/delete/",
            SOUTH_PRIVATE_POST,
            method="POST",
        ),
    ],
    "materials/manage/<int:pk>/needs/": [
        Case(lambda p: f"/materials/manage/{_item(p).pk}/needs/", SOUTH_BAD_POST, method="POST"),
        Case(
            lambda p: f"/materials/manage/{_item(p).pk}/needs/",
            SOUTH_PRIVATE_POST,
            method="POST",
            data={"usual": "on"},
        ),
    ],
    "materials/manage/versions/<int:pk>/": [
        Case(lambda p: f"/materials/manage/versions/{_variant(p).pk}/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/materials/manage/versions/{_variant(p).pk}/",
            SOUTH_BAD_POST,
            method="POST",
            data={"status": "lost"},
        ),
    ],
    "materials/manage/versions/<int:pk>/status/": [
        Case(
            lambda p: f"/materials/manage/versions/{_variant(p).pk}/status/",
            SOUTH_PRIVATE_POST,
            method="POST",
            data={"status": "in_translation"},
        ),
    ],
    "materials/manage/versions/<int:pk>/delete/": [
        Case(lambda p: f"/materials/manage/versions/{_variant(p).pk}/delete/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/materials/manage/versions/{_fresh_variant(p)}/delete/",
            SOUTH_PRIVATE_POST,
            method="POST",
        ),
    ],
    "materials/manage/for/<str:kind>/<int:pk>/": [
        Case(lambda p: f"/materials/manage/for/event/{ev.event(p).pk}/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/materials/manage/for/event/{ev.event(p).pk}/",
            SOUTH_PRIVATE_POST,
            method="POST",
        ),
        Case(lambda p: f"/materials/manage/for/campaign/{camp.campaign(p).pk}/", CITY_WIDE),
        Case(lambda p: f"/materials/manage/for/case/{cases.case(p).pk}/", SOUTH_PRIVATE),
        Case(lambda p: f"/materials/manage/for/plan/{_pb_plan(p).pk}/", SOUTH_PRIVATE),
        Case(
            "/materials/manage/for/planet/1/",
            expect(404, anonymous=302, resident=403, official=403),
        ),
    ],
    "GET /api/v1/materials/coverage": [
        Case("/api/v1/materials/coverage?district=101&language=so&status=needed", API_NETWORK),
        Case(
            "/api/v1/materials/coverage?language=x_y",
            expect(422, anonymous=401, resident=403, official=403),
        ),
        Case(
            "/api/v1/materials/coverage?status=lost",
            expect(422, anonymous=401),
        ),
    ],
    # --- admin ------------------------------------------------------------------------------------
    **admin_model("materials", "item", lambda p: _item(p).pk),
}
