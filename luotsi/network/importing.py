"""Read contact lists (CSV or XLSX), map their columns, and check every row before anything
is written: each rejected row says why, and likely duplicates are pointed out."""

import csv
import io
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from luotsi.accounts.validators import validate_phone
from luotsi.areas.models import District
from luotsi.network.models import Contact

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
# The fields a file can fill, with the column names (fi, sv, en) recognised automatically.
FIELDS: dict[str, tuple[str, ...]] = {
    "full_name": ("name", "full name", "nimi", "namn", "full_name"),
    "title": ("title", "nimike", "titteli", "titel"),
    "email": ("email", "e-mail", "sähköposti", "e-post", "sahkoposti"),
    "phone": ("phone", "puhelin", "telefon", "puh"),
    "district": ("district", "peruspiiri", "distrikt", "alue"),
    "organisation": ("organisation", "organization", "organisaatio", "yhdistys", "organisation"),
    "role": ("role", "rooli", "roll", "tehtävä"),
}
SIMILAR_NAME = 92


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why."""


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_table(filename: str, content: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV (UTF-8, comma or semicolon) or XLSX file."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB."))
    if filename.lower().endswith(".xlsx"):
        rows = _read_xlsx(content)
    elif filename.lower().endswith(".csv"):
        rows = _read_csv(content)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError(_("The file has no rows."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    header = [cell.strip() for cell in rows[0]]
    return header, [row + [""] * (len(header) - len(row)) for row in rows[1:]]


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("The CSV file is not UTF-8 text.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("The XLSX file cannot be read.")) from exc
    sheet = book.worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    plain = [_plain(name) for name in header]
    mapping: dict[str, int | None] = {}
    for field, names in FIELDS.items():
        mapping[field] = next((i for i, name in enumerate(plain) if name in names), None)
    return mapping


def check_rows(
    rows: Iterable[list[str]],
    mapping: dict[str, int | None],
    *,
    default_district: District | None,
    visible: Iterable[Contact],
) -> list[dict[str, Any]]:
    """Every row's values, its problems (row numbers count the header as row 1) and the
    existing contact it probably duplicates (same e-mail, or a very similar name in the same
    district)."""
    districts = {d.code: d for d in District.objects.all()}
    districts_by_name = {_plain(d.name_fi or d.name): d for d in districts.values()}
    existing = list(visible)
    by_email = {c.email.lower(): c for c in existing if c.email}
    by_district: dict[int | None, list[tuple[str, Contact]]] = {}
    for contact in existing:
        by_district.setdefault(contact.district_id, []).append((_plain(contact.full_name), contact))
    checked: list[dict[str, Any]] = []
    seen_emails: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        values = {
            field: (row[index].strip() if index is not None and index < len(row) else "")
            for field, index in mapping.items()
        }
        errors: list[str] = []
        if not values.get("full_name"):
            errors.append(_("name is missing"))
        if values.get("email"):
            try:
                validate_email(values["email"])
            except ValidationError:
                errors.append(_("e-mail %(value)s is not valid") % {"value": values["email"]})
            if values["email"].lower() in seen_emails:
                errors.append(
                    _("e-mail is also on row %(row)d")
                    % {"row": seen_emails[values["email"].lower()]}
                )
            seen_emails.setdefault(values["email"].lower(), number)
        if values.get("phone"):
            try:
                validate_phone(values["phone"])
            except ValidationError:
                errors.append(_("phone %(value)s is not valid") % {"value": values["phone"]})
        district = default_district
        if values.get("district"):
            district = districts.get(values["district"]) or districts_by_name.get(
                _plain(values["district"])
            )
            if district is None:
                errors.append(_("unknown district %(value)s") % {"value": values["district"]})
        if district is None and not errors:
            errors.append(_("no district given"))
        duplicate = None
        if not errors:
            match = by_email.get(values.get("email", "").lower()) if values.get("email") else None
            if match is None:
                name = _plain(values["full_name"])
                same_district = by_district.get(district.pk if district else None, [])
                match = next(
                    (c for plain, c in same_district if fuzz.ratio(plain, name) >= SIMILAR_NAME),
                    None,
                )
            duplicate = match.pk if match else None
        checked.append(
            {
                "row": number,
                "values": values,
                "district": district.pk if district else None,
                "errors": errors,
                "duplicate_of": duplicate,
            }
        )
    return checked
