"""The business register: business IDs checked by their check digit and unique, the business
fields on the organisation form and pages, and the CSV/XLSX import of businesses."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from luotsi.areas.finding import find_by_address
from luotsi.network.business_import import RowStatus, business_import_run, read_businesses
from luotsi.network.forms import OrganisationForm
from luotsi.network.models import Organisation, OrganisationKind
from luotsi.network.validators import (
    business_id_check_digit,
    normalise_business_id,
    tol_code,
    validate_business_id,
)
from luotsi.privacy.models import AuditEvent
from luotsi.testing import network as net

IMPORT_URL = "/network/businesses/import/"


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the tests' default language is Finnish)."""
    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    return Client(headers={"accept-language": "en"})


# --- the business ID ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "0201256-6",  # City of Helsinki: 0·7+2·9+0·10+1·5+2·8+5·4+6·2 = 71, 71 mod 11 = 5 → 6
        "0116297-6",  # 115 mod 11 = 5 → 6
        "0112038-9",  # Nokia Oyj: 101 mod 11 = 2 → 9
        "2345678-0",  # remainder 0 → check digit 0
        " 0201256 - 6 ",  # whitespace is tidied away
        "0201256–6",  # an en dash pasted from a document
    ],
)
def test_valid_business_ids_are_accepted(value):
    validate_business_id(value)


def test_the_check_digit_is_computed_with_the_official_weights():
    assert business_id_check_digit("0201256") == 6
    assert business_id_check_digit("0112038") == 9
    assert business_id_check_digit("2345678") == 0
    assert business_id_check_digit("3456789") is None  # remainder 1


def test_a_wrong_check_digit_is_refused_with_the_reason():
    with pytest.raises(ValidationError, match="check digit does not match"):
        validate_business_id("0201256-7")


@pytest.mark.parametrize("check", "0123456789")
def test_numbers_with_remainder_one_have_no_valid_business_id(check):
    # 3456789: 3·7+4·9+5·10+6·5+7·8+8·4+9·2 = 243 = 22·11 + 1
    with pytest.raises(ValidationError, match="no check digit exists"):
        validate_business_id(f"3456789-{check}")


@pytest.mark.parametrize(
    "value",
    ["201256-6", "02012566", "0201256-", "0201256-66", "ABCDEFG-1", "0201256/6", "", "FI02012566"],
)
def test_badly_formed_business_ids_are_refused(value):
    """A missing leading zero is not guessed: the ID is written with seven digits."""
    with pytest.raises(ValidationError, match="seven digits"):
        validate_business_id(value)


@given(st.from_regex(r"\A[0-9]{7}\Z"))
def test_every_seven_digits_have_one_check_digit_or_none(digits):
    valid = []
    for check in "0123456789":
        try:
            validate_business_id(f"{digits}-{check}")
        except ValidationError:
            continue
        valid.append(check)
    expected = business_id_check_digit(digits)
    assert valid == ([] if expected is None else [str(expected)])


def test_business_ids_are_normalised():
    assert normalise_business_id(" 0201256 -\u00a06 ") == "0201256-6"


@pytest.mark.parametrize(
    ("sector", "code"),
    [
        ("56101", "56101"),
        ("47", "47"),
        ("56101 Ravintolat", "56101"),
        ("47.11 Supermarkets", "4711"),
        ("Restaurants", None),
        ("123456", None),  # longer than a TOL 2008 code
        ("4 wheels", None),
        ("", None),
    ],
)
def test_tol_code_is_read_from_the_start_of_the_sector(sector, code):
    assert tol_code(sector) == code


# --- the register --------------------------------------------------------------------------


def test_a_business_id_is_unique_in_the_database(personas):
    net.business(personas, business_id="0201256-6")
    with pytest.raises(IntegrityError), transaction.atomic():
        net.business(personas, name="Toinen Oy", business_id="0201256-6")


def test_many_organisations_may_have_no_business_id(personas):
    net.organisation(personas, name="Yhdistys A")
    net.organisation(personas, name="Yhdistys B")
    assert Organisation.objects.filter(business_id="").count() == 2


def _form_data(**values: str) -> dict[str, str]:
    return {
        "name_fi": "Uusi Yritys Oy",
        "kind": OrganisationKind.BUSINESS,
        "street_address": "Mannerheimintie 5",
        "visibility": "shared",
        "is_active": "on",
        **values,
    }


def test_the_form_names_the_business_id_field_in_its_error(personas):
    form = OrganisationForm(_form_data(business_id="0201256-7"), user=personas.officer_south)
    assert not form.is_valid()
    assert list(form.errors) == ["business_id"]
    assert "check digit" in form.errors["business_id"][0]


def test_a_business_id_in_the_register_is_refused_without_revealing_the_record(personas):
    # A private organisation of the Eastern district: officer_south may not see it.
    hidden = net.organisation(personas, "704", name="Salainen Oy", kind=OrganisationKind.BUSINESS)
    hidden.business_id = "0112038-9"
    hidden.save()
    form = OrganisationForm(_form_data(business_id="0112038 - 9"), user=personas.officer_south)
    assert not form.is_valid()
    assert form.errors["business_id"] == ["This business ID is already in the register."]


def test_the_form_saves_the_business_fields(client: Client, personas):
    client.force_login(personas.business_officer)
    response = client.post(
        "/network/organisations/new/",
        _form_data(
            business_id=" 0201256-6 ",
            trade_names="Kulma\n\n Kulmakahvila \nKulma",
            sector="56101 Ravintolat",
            preferred_language="sv",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    organisation = Organisation.objects.get(business_id="0201256-6")
    assert organisation.trade_names == "Kulma\nKulmakahvila"
    assert (organisation.sector, organisation.tol_code) == ("56101 Ravintolat", "56101")
    page = client.get(f"/network/organisations/{organisation.pk}/").content.decode()
    for text in ("0201256-6", "Kulmakahvila", "56101 Ravintolat", "Swedish"):
        assert text in page


def test_the_form_page_shows_the_error_with_the_field_label(client: Client, personas):
    net.business(personas, business_id="0201256-6")
    client.force_login(personas.officer_south)
    response = client.post("/network/organisations/new/", _form_data(business_id="0201256-6"))
    assert response.status_code == 400
    assert "Business ID: This business ID is already in the register." in response.content.decode()


def test_editing_keeps_its_own_business_id(client: Client, personas):
    organisation = net.business(personas, business_id="0201256-6")
    form = OrganisationForm(
        _form_data(name_fi=organisation.name, business_id="0201256-6"),
        instance=organisation,
        user=personas.officer_south,
    )
    assert form.is_valid(), form.errors


def test_the_list_filters_businesses_by_sector_and_business_id(client: Client, personas):
    net.business(personas, name="Kahvila Oy", business_id="0201256-6", sector="56101 Kahvilat")
    net.business(personas, name="Kirjakauppa Oy", business_id="0112038-9", sector="47610")
    client.force_login(personas.business_officer)
    page = client.get("/network/organisations/?kind=business&sector=kahvil").content.decode()
    assert "Kahvila Oy" in page and "Kirjakauppa Oy" not in page
    page = client.get("/network/organisations/?business_id=0112038").content.decode()
    assert "Kirjakauppa Oy" in page and "Kahvila Oy" not in page


def test_the_api_includes_the_business_fields(client: Client, personas):
    organisation = net.business(
        personas, trade_names="Kirja\nKirjanurkka", sector="47610", preferred_language="fi"
    )
    client.force_login(personas.business_officer)
    data = client.get(f"/api/v1/network/organisations/{organisation.pk}").json()
    assert data["business_id"] == "0112038-9"
    assert data["trade_names"] == ["Kirja", "Kirjanurkka"]
    assert (data["sector"], data["preferred_language"]) == ("47610", "fi")


# --- the import ----------------------------------------------------------------------------

HEADER = "y-tunnus;nimi;katuosoite;toimiala;kieli\n"


def _run(user, text: str, *, commit: bool = False, update_existing: bool = False):
    header, rows = read_businesses("b.csv", text.encode())
    return business_import_run(
        by=user,
        filename="b.csv",
        header=header,
        rows=rows,
        commit=commit,
        update_existing=update_existing,
    )


def test_a_dry_run_lists_every_bad_row_with_its_number_and_reason(personas):
    net.business(personas, business_id="0112038-9")
    report = _run(
        personas.officer_south,
        HEADER
        + "0201256-6;Hyvä Oy;Mannerheimintie 5;56101;fi\n"  # 2: ready
        + "0201256-7;Väärä Oy;Mannerheimintie 5;;\n"  # 3: check digit
        + "3456789-1;Jakojäännös Oy;Mannerheimintie 5;;\n"  # 4: remainder 1
        + ";Tunnukseton Oy;Mannerheimintie 5;;\n"  # 5: no ID
        + "2345678-0;Kadoton Oy;Olematonkatu 999;;\n"  # 6: address not found
        + "1000002-0;Itäinen Oy;Vuotie 45;;\n"  # 7: not officer_south's district
        + "0201256-6;Kahdesti Oy;Mannerheimintie 5;;\n"  # 8: also on row 2
        + "0112038-9;Rekisterissä Oy;Mannerheimintie 5;;\n"  # 9: already in the register
        + "1000003-9;;;;\n",  # 10: no name, no address
    )
    assert not report.committed
    by_row = {row.row: row for row in report.rows}
    assert [row.row for row in report.rows] == list(range(2, 11))
    assert by_row[2].status == RowStatus.NEW and by_row[2].reasons == []
    assert by_row[3].status == RowStatus.ERROR
    assert "the check digit does not match" in by_row[3].reasons[0]
    assert "no check digit exists" in by_row[4].reasons[0]
    assert by_row[5].reasons == ["business ID is missing"]
    assert by_row[6].reasons[0].startswith("address not found")
    assert by_row[7].reasons == ["you cannot record businesses in Vuosaari"]
    assert (by_row[8].status, by_row[8].reasons) == (
        RowStatus.DUPLICATE,
        ["business ID 0201256-6 is also on row 2"],
    )
    assert (by_row[9].status, by_row[9].reasons) == (
        RowStatus.DUPLICATE,
        ["this business ID is already in the register"],
    )
    assert by_row[10].reasons == ["name is missing", "street address is missing"]
    assert (report.ready, report.duplicates, report.rejected) == (1, 2, 6)
    assert Organisation.objects.count() == 1  # a dry run writes nothing


def test_a_file_without_a_business_id_column_is_refused_as_a_whole():
    from luotsi.network.importing import ImportFileError

    with pytest.raises(ImportFileError, match="business id"):
        read_businesses("b.csv", b"name,address\nX Oy,Mannerheimintie 5\n")


def test_commit_creates_businesses_located_to_their_districts(personas):
    south = find_by_address("Mannerheimintie 5").location
    east = find_by_address("Vuotie 45").location
    report = _run(personas.business_officer, net.BUSINESS_CSV, commit=True)
    assert report.committed and report.ready == 2
    kulma = Organisation.objects.get(business_id="2345678-0")
    assert kulma.name == "Kahvila Kulma Oy"
    assert kulma.kind == OrganisationKind.BUSINESS
    assert (kulma.district, kulma.sub_district) == (south.district, south.sub_district)
    assert kulma.district is not None and kulma.district.code == "101"
    assert (kulma.trade_names, kulma.sector, kulma.preferred_language) == (
        "Kulmakahvila",
        "56101",
        "fi",
    )
    assert (kulma.email, kulma.phone) == ("info@kulma.example", "+358 9 310 12345")
    kala = Organisation.objects.get(business_id="1000002-0")
    assert kala.district == east.district and kala.district.code == "704"
    assert kala.trade_names == "Fiskbod\nKalatiski"
    assert kala.preferred_language == "sv"
    assert AuditEvent.objects.filter(object_type="network.organisation", object_id="*").exists()


def test_duplicates_are_not_created_and_update_existing_fills_only_empty_fields(personas):
    existing = net.business(
        personas, business_id="2345678-0", email="old@kulma.example", sector="", phone=""
    )
    report = _run(personas.business_officer, net.BUSINESS_CSV, commit=True)
    assert [row.status for row in report.rows] == [RowStatus.DUPLICATE, RowStatus.CREATED]
    existing.refresh_from_db()
    assert (existing.sector, existing.phone) == ("", "")

    report = _run(personas.business_officer, net.BUSINESS_CSV, commit=True, update_existing=True)
    assert [row.status for row in report.rows] == [RowStatus.UPDATED, RowStatus.UPDATED]
    existing.refresh_from_db()
    assert existing.email == "old@kulma.example"  # kept: it was not empty
    assert existing.name == "Kruununhaan Kirjakauppa Oy"
    assert (existing.sector, existing.phone, existing.trade_names) == (
        "56101",
        "+358 9 310 12345",
        "Kulmakahvila",
    )
    assert Organisation.objects.filter(business_id="2345678-0").count() == 1


def test_update_existing_does_not_touch_records_the_officer_may_not_see(personas):
    hidden = net.organisation(personas, "704", name="Salainen Oy", kind=OrganisationKind.SCHOOL)
    hidden.business_id = "2345678-0"
    hidden.save()
    report = _run(
        personas.officer_south,
        HEADER + "2345678-0;Kulma Oy;Mannerheimintie 5;56101;fi\n",
        commit=True,
        update_existing=True,
    )
    (row,) = report.rows
    assert row.status == RowStatus.DUPLICATE and row.existing is None
    assert row.reasons == ["this business ID is already in the register"]
    hidden.refresh_from_db()
    assert hidden.sector == ""


def test_a_commit_rolls_back_as_a_whole_when_a_row_cannot_be_written(personas, monkeypatch):
    from luotsi.network import business_import

    real = business_import.audit_record

    def fail(**kwargs):
        real(**kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(business_import, "audit_record", fail)
    with pytest.raises(RuntimeError):
        _run(personas.business_officer, net.BUSINESS_CSV, commit=True)
    assert not Organisation.objects.exists()


def test_xlsx_files_with_english_headers_are_read(personas):
    book = Workbook()
    sheet = book.active
    sheet.append(["Business ID", "Name", "Trade names", "Sector", "Address", "Language"])
    sheet.append(["0201256-6", "Excel Oy", "Taulukko; Solu", "Software", "Mannerheimintie 5", "x"])
    data = io.BytesIO()
    book.save(data)
    header, rows = read_businesses("b.xlsx", data.getvalue())
    report = business_import_run(
        by=personas.coordinator, filename="b.xlsx", header=header, rows=rows
    )
    (row,) = report.rows
    assert row.status == RowStatus.NEW
    assert row.values["trade_names"] == "Taulukko\nSolu"
    assert row.values["preferred_language"] == "other"


def test_the_command_is_a_dry_run_unless_committed(personas, tmp_path: Path):
    path = tmp_path / "yritykset.csv"
    path.write_text(net.BUSINESS_CSV + "0201256-7;Väärä Oy;;;Mannerheimintie 5;;;\n")
    out = io.StringIO()
    call_command("import_businesses", str(path), "--as", "officer.south@example.org", stdout=out)
    text = out.getvalue()
    assert "row 3 (error): you cannot record businesses in Vuosaari" in text
    assert "row 4 (error): 0201256-7 is not a valid business ID" in text
    assert "Dry run" in text
    assert not Organisation.objects.exists()

    out = io.StringIO()
    call_command(
        "import_businesses", str(path), "--as", "business@example.org", "--commit", stdout=out
    )
    assert "Imported: 2 added" in out.getvalue()
    assert Organisation.objects.filter(kind=OrganisationKind.BUSINESS).count() == 2

    out = io.StringIO()
    call_command(
        "import_businesses",
        str(path),
        "--as",
        "business@example.org",
        "--commit",
        "--update-existing",
        stdout=out,
    )
    assert "0 added, 2 updated" in out.getvalue()
    assert Organisation.objects.count() == 2


# --- the import page -----------------------------------------------------------------------


def _upload(client: Client, text: str, **extra: str):
    return client.post(
        IMPORT_URL,
        {"action": "check", "file": SimpleUploadedFile("yritykset.csv", text.encode()), **extra},
    )


@pytest.mark.parametrize("persona", ["officer_south", "officer_east", "business_officer"])
def test_officers_can_open_the_import_page(client: Client, personas, persona):
    client.force_login(getattr(personas, persona))
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert 'for="id_file"' in response.content.decode()


def test_residents_are_refused_and_visitors_sent_to_sign_in(client: Client, personas):
    assert client.get(IMPORT_URL).status_code == 302
    client.force_login(personas.resident)
    assert client.get(IMPORT_URL).status_code == 403
    assert _upload(client, net.BUSINESS_CSV).status_code == 403
    assert not Organisation.objects.exists()


def test_the_page_reports_every_row_and_commits_the_same_batch(client: Client, personas):
    client.force_login(personas.officer_south)
    response = _upload(client, net.BUSINESS_CSV)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kahvila Kulma Oy" in page and "ready to add" in page
    assert "you cannot record businesses in Vuosaari" in page
    assert not Organisation.objects.exists()
    token = response.context["token"]
    assert token

    response = client.post(IMPORT_URL, {"action": "commit", "batch": token})
    assert response.status_code == 302
    assert response["Location"] == "/network/organisations/?kind=business"
    (created,) = Organisation.objects.all()
    assert created.district is not None
    assert (created.business_id, created.district.code) == ("2345678-0", "101")


def test_a_batch_cannot_be_committed_by_someone_else_or_when_altered(client: Client, personas):
    client.force_login(personas.officer_south)
    token = _upload(client, net.BUSINESS_CSV).context["token"]
    client.force_login(personas.business_officer)
    response = client.post(IMPORT_URL, {"action": "commit", "batch": token})
    assert response.status_code == 400
    assert "Upload it again" in response.content.decode()
    response = client.post(IMPORT_URL, {"action": "commit", "batch": token[:-2] + "xx"})
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_the_page_explains_an_unreadable_file(client: Client, personas):
    client.force_login(personas.business_officer)
    response = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("yritykset.txt", b"hello"), "action": "check"}
    )
    assert response.status_code == 400
    assert "Upload a .csv or .xlsx file." in response.content.decode()


def test_the_page_offers_to_fill_in_businesses_already_in_the_register(client: Client, personas):
    existing = net.business(personas, business_id="2345678-0", sector="")
    client.force_login(personas.business_officer)
    response = _upload(client, net.BUSINESS_CSV, update_existing="on")
    page = response.content.decode()
    assert "already in the register: empty fields will be filled" in page
    assert f'href="/network/organisations/{existing.pk}/"' in page
    assert "Add 1 business and update 1" in page
    response = client.post(
        IMPORT_URL,
        {"action": "commit", "batch": response.context["token"], "update_existing": "1"},
    )
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.sector == "56101"
    assert Organisation.objects.count() == 2
