import pytest
from django.test import Client

from luotsi.materials.models import VariantStatus
from luotsi.testing import materials as mat
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def test_items_api_lists_public_items_with_their_ready_versions(personas: Personas):
    item = mat.item(personas)
    mat.variant(item, "so", "web", text="Soo dhawoow!")
    mat.variant(item, "ar", "web", VariantStatus.IN_TRANSLATION)
    pdf = mat.variant_with_file(item, "fi", "pdf")
    mat.variant(mat.item(personas, public=False, title_fi="Sisäinen"), "so", "web")
    mat.item(personas, title_fi="Ei valmis")  # public, nothing ready: not listed

    body = Client().get("/api/v1/materials/items?district=101").json()

    assert body["count"] == 1
    (listed,) = body["data"]
    assert listed["title"]["en"] == "How to take part in OmaStadi"
    assert listed["district"] == "101"
    assert sorted((v["language"], v["format"]) for v in listed["variants"]) == [
        ("fi", "pdf"),
        ("so", "web"),
    ]
    assert any(
        v["file_url"] and v["file_url"].endswith(f"/materials/files/{pdf.pk}/")
        for v in listed["variants"]
    )
    somali = Client().get("/api/v1/materials/items?language=so").json()["data"][0]
    assert [v["language"] for v in somali["variants"]] == ["so"]
    assert Client().get("/api/v1/materials/items?language=ar").json()["count"] == 0


def test_items_api_names_the_field_of_bad_input(personas: Personas):
    language = Client().get("/api/v1/materials/items?language=12", HTTP_ACCEPT_LANGUAGE="en")
    district = Client().get("/api/v1/materials/items?district=nowhere")

    assert language.status_code == 422 and district.status_code == 422
    assert language.json()["errors"][0]["field"] == "language"
    assert "two or three letters" in language.json()["errors"][0]["message"]
    assert district.json()["errors"][0]["field"] == "district"


def test_coverage_api_is_scoped_to_the_callers_items(personas: Personas):
    south = mat.item(personas)
    mat.variant(south, "so", "web", VariantStatus.NEEDED)
    mat.variant(south, "fi", "web")
    client = Client()
    client.force_login(personas.officer_south)

    body = client.get("/api/v1/materials/coverage").json()

    assert body["columns"] == [
        {"language": "fi", "format": "web"},
        {"language": "so", "format": "web"},
    ]
    (row,) = body["items"]
    assert row["gaps"] == 1
    assert [c["status"] for c in row["cells"]] == ["ready", "needed"]
    assert body["districts"] == [{"district": "101", "gaps": 1, "by_language": {"so": 1}}]
    east = Client()
    east.force_login(personas.officer_east)
    assert east.get("/api/v1/materials/coverage").json()["items"] == []
    resident = Client()
    resident.force_login(personas.resident)
    assert resident.get("/api/v1/materials/coverage").status_code == 403
    bad = client.get("/api/v1/materials/coverage?status=lost")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "status"
