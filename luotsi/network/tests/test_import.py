import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from luotsi.network import services
from luotsi.network.models import Contact, ImportBatch
from luotsi.testing import network as net

pytestmark = pytest.mark.django_db

CONSENT_POST = {
    "lawful_basis": "consent",
    "consent_purpose": "Neighbourhood café invitations",
    "consent_source": "form",
    "consent_date": "2026-10-01",
    "consent_wording_version": "v2",
}
CSV = (
    "Nimi;Sähköposti;Puhelin;Peruspiiri\n"
    "Anna Uusi;anna@example.org;+358 40 1234567;Vironniemi\n"
    "Bertil Ny;not-an-email;;101\n"
    ";nobody@example.org;;101\n"
    "Paula Private;;;101\n"
    "Clara Kolmas;clara@example.org;;Vuosaari\n"
    "Dora Neljäs;dora@example.org;12;101\n"
)


def upload(client: Client, content: bytes, name: str = "people.csv"):
    return client.post(
        "/network/imports/",
        {"file": SimpleUploadedFile(name, content), **CONSENT_POST},
        headers={"accept-language": "en"},
    )


def confirm(client: Client, batch: ImportBatch, capture, **extra: str) -> None:
    # The import runs as a task queued when the confirmation commits.
    with capture(execute=True):
        client.post(f"/network/imports/{batch.pk}/", {"action": "confirm", **extra})


def test_a_file_is_checked_row_by_row_and_nothing_is_saved_before_confirmation(
    client: Client, personas, django_capture_on_commit_callbacks
):
    net.contact(personas, "101", "Paula Private")
    client.force_login(personas.officer_south)
    response = upload(client, CSV.encode())
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/network/imports/{batch.pk}/"
    problems = {row["row"]: row["errors"] for row in batch.rejected}
    assert set(problems) == {3, 4, 6, 7}
    assert "e-mail not-an-email is not valid" in problems[3]
    assert "name is missing" in problems[4]
    assert "you cannot record people in this district" in problems[6]  # Vuosaari
    assert "phone 12 is not valid" in problems[7]
    assert [row["row"] for row in batch.duplicates] == [5]
    assert Contact.objects.count() == 1  # only the existing one
    page = client.get(f"/network/imports/{batch.pk}/").content.decode()
    assert "e-mail not-an-email is not valid" in page

    confirm(client, batch, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.status, batch.created, batch.merged, batch.skipped) == ("done", 1, 0, 5)
    anna = Contact.objects.get(full_name="Anna Uusi")
    assert anna.district is not None
    assert (anna.district.code, anna.lawful_basis, anna.consent_wording_version) == (
        "101",
        "consent",
        "v2",
    )


def test_confirming_twice_imports_once(
    client: Client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.officer_south)
    upload(client, b"name,district\nAnna Uusi,101\n")
    batch = ImportBatch.objects.get()
    confirm(client, batch, django_capture_on_commit_callbacks)
    confirm(client, batch, django_capture_on_commit_callbacks)
    assert Contact.objects.filter(full_name="Anna Uusi").count() == 1


def test_duplicates_can_be_merged_to_fill_missing_details(
    client: Client, personas, django_capture_on_commit_callbacks
):
    existing = net.contact(personas, "101", "Paula Private")
    client.force_login(personas.officer_south)
    upload(client, b"name,email,district\nPaula Privat,paula@example.org,101\n")
    batch = ImportBatch.objects.get()
    assert batch.duplicates[0]["duplicate_of"] == existing.pk  # similar name, same district
    confirm(client, batch, django_capture_on_commit_callbacks, merge="1")
    existing.refresh_from_db()
    assert existing.email == "paula@example.org"
    assert Contact.objects.count() == 1


def test_the_column_mapping_can_be_changed_and_the_rows_rechecked(client: Client, personas):
    client.force_login(personas.officer_south)
    upload(client, b"who,where\nAnna Uusi,101\n")
    batch = ImportBatch.objects.get()
    assert batch.rejected  # neither column recognised
    client.post(
        f"/network/imports/{batch.pk}/",
        {"action": "remap", "full_name": "0", "district": "1"},
    )
    batch.refresh_from_db()
    assert batch.rejected == [] and len(batch.good) == 1


def test_xlsx_files_are_read_too(client: Client, personas):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "E-mail", "District"])
    sheet.append(["Xena Excel", "xena@example.org", "101"])
    data = io.BytesIO()
    book.save(data)
    client.force_login(personas.officer_south)
    upload(client, data.getvalue(), "people.xlsx")
    assert len(ImportBatch.objects.get().good) == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.txt", b"x", "Upload a .csv or .xlsx file."),
        ("people.csv", b"\xff\xfe\x00bad", "not UTF-8"),
        ("people.xlsx", b"not a zip", "cannot be read"),
        ("people.csv", b"", "The submitted file is empty."),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(
    client: Client, personas, name, content, message
):
    client.force_login(personas.officer_south)
    response = upload(client, content, name)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert not ImportBatch.objects.exists()


def test_merging_duplicates_keeps_all_interactions(personas):
    keep = net.contact(personas, "101", "Paula Private")
    duplicate = net.contact(personas, "101", "Paula Privat", email="p@example.org")
    first, second = net.interaction(personas), net.interaction(personas)
    first.contacts.add(keep)
    second.contacts.add(duplicate)
    commitment = net.commitment(personas)
    commitment.contact = duplicate
    commitment.save()
    services.contact_merge(keep=keep, duplicate=duplicate, by=personas.officer_south)
    assert set(keep.interactions.all()) == {first, second}
    commitment.refresh_from_db()
    assert commitment.contact == keep
    keep.refresh_from_db()
    assert keep.email == "p@example.org"
    assert not Contact.objects.filter(pk=duplicate.pk).exists()


def test_export_contains_only_what_the_user_may_see(client: Client, personas):
    net.contact(personas, "101", "Paula Private")
    net.contact(personas, "704", "Eino Eastern")
    client.force_login(personas.officer_east)
    csv_text = client.get("/network/export/contacts.csv").content.decode()
    assert "Eino Eastern" in csv_text and "Paula Private" not in csv_text
    xlsx = client.get("/network/export/contacts.xlsx").content
    names = [row[0] for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True)]
    assert names == ["full_name", "Eino Eastern"]


def test_the_command_line_import_is_a_dry_run_until_committed(personas, tmp_path):
    from django.core.management import call_command
    from django.utils import translation

    path = tmp_path / "people.csv"
    path.write_text("name,district\nAnna Uusi,101\nBertil,999\n", encoding="utf-8")
    arguments = [
        str(path),
        "--as",
        personas.officer_south.email,
        "--lawful-basis",
        "consent",
        "--purpose",
        "Café invitations",
        "--source",
        "form",
        "--date",
        "2026-10-01",
    ]
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_contacts", *arguments, stdout=out)
    assert "row 3: unknown district 999" in out.getvalue()
    assert not Contact.objects.exists()
    call_command("import_contacts", *arguments, "--commit", stdout=out)
    assert list(Contact.objects.values_list("full_name", flat=True)) == ["Anna Uusi"]
