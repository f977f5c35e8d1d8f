"""Import businesses (organisations of kind business) from CSV/XLSX into the business register.

Every row is checked first (dry run) and the report lists each row with its status and
reasons; nothing is written unless the caller asks to commit, and then everything is written
in one transaction. A business ID already in the register, or earlier in the same file, is a
duplicate: never created twice; with `update_existing` the register's record gets its empty
fields filled from the file instead.

`business_import_run` is the service (the only writer); it lives here rather than in
services.py to keep the import in one module, like the reading helpers it shares with the
contact import (luotsi.network.importing).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luotsi.accounts.models import User
from luotsi.accounts.validators import validate_phone
from luotsi.areas.finding import Finding, NotFound, find_by_address
from luotsi.areas.models import District
from luotsi.network import permissions
from luotsi.network.importing import ImportFileError, _plain, read_table
from luotsi.network.models import Organisation, OrganisationKind, PreferredLanguage, Visibility
from luotsi.network.validators import normalise_business_id, validate_business_id
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

# The fields a file can fill, with the column names (fi, sv, en) recognised automatically
# (compared without case, accents, underscores or extra spaces).
FIELDS: dict[str, tuple[str, ...]] = {
    "business_id": (
        "y-tunnus",
        "ytunnus",
        "y tunnus",
        "business id",
        "business-id",
        "businessid",
        "fo-nummer",
        "fo nummer",
        "fonummer",
    ),
    "name": ("nimi", "name", "namn", "yrityksen nimi", "toiminimi", "company", "foretag"),
    "trade_names": (
        "aputoiminimet",
        "aputoiminimi",
        "trade names",
        "trade name",
        "bifirmor",
        "bifirma",
    ),
    "sector": ("toimiala", "sector", "bransch", "industry", "toimialakoodi", "tol"),
    "street_address": (
        "katuosoite",
        "osoite",
        "address",
        "street address",
        "adress",
        "gatuadress",
    ),
    "email": ("sahkoposti", "email", "e-mail", "e-post", "epost"),
    "phone": ("puhelin", "puh", "phone", "telefon", "puhelinnumero"),
    "preferred_language": ("kieli", "asiointikieli", "language", "preferred language", "sprak"),
}
FIELD_LABELS = {
    "business_id": gettext_lazy("Business ID"),
    "name": gettext_lazy("Name"),
    "trade_names": gettext_lazy("Trade names"),
    "sector": gettext_lazy("Sector"),
    "street_address": gettext_lazy("Street address"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"),
    "preferred_language": gettext_lazy("Preferred language"),
}
LANGUAGES: dict[str, tuple[str, ...]] = {
    PreferredLanguage.FINNISH: ("fi", "fin", "suomi", "finnish", "finska"),
    PreferredLanguage.SWEDISH: ("sv", "swe", "ruotsi", "swedish", "svenska"),
    PreferredLanguage.ENGLISH: ("en", "eng", "englanti", "english", "engelska"),
    PreferredLanguage.OTHER: ("other", "muu", "annat", "ovrigt"),
}
# Empty fields of an existing record that --update-existing may fill from the file.
FILLABLE = ("trade_names", "sector", "street_address", "email", "phone", "preferred_language")
TOKEN_MAX_AGE = 24 * 3600


class RowStatus:
    NEW = "new"
    UPDATE = "update"
    DUPLICATE = "duplicate"
    ERROR = "error"
    CREATED = "created"
    UPDATED = "updated"


STATUS_LABELS = {
    RowStatus.NEW: gettext_lazy("ready to add"),
    RowStatus.UPDATE: gettext_lazy("already in the register: empty fields will be filled"),
    RowStatus.DUPLICATE: gettext_lazy("duplicate, not added"),
    RowStatus.ERROR: gettext_lazy("rejected"),
    RowStatus.CREATED: gettext_lazy("added"),
    RowStatus.UPDATED: gettext_lazy("updated"),
}


@dataclass
class BusinessRow:
    """One row of the file (row numbers count the header as row 1)."""

    row: int
    values: dict[str, str]
    status: str = RowStatus.NEW
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    district: District | None = None
    lat: float | None = None
    lon: float | None = None
    # The organisation already holding the business ID, when the user may see it.
    existing: Organisation | None = None
    filled: list[str] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        return self.errors + self.notes

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class BusinessImport:
    filename: str
    columns: list[str]
    mapping: dict[str, int | None]
    rows: list[BusinessRow]
    committed: bool = False

    def count(self, *statuses: str) -> int:
        return sum(1 for row in self.rows if row.status in statuses)

    @property
    def ready(self) -> int:
        return self.count(RowStatus.NEW, RowStatus.CREATED)

    @property
    def updates(self) -> int:
        return self.count(RowStatus.UPDATE, RowStatus.UPDATED)

    @property
    def duplicates(self) -> int:
        return self.count(RowStatus.DUPLICATE)

    @property
    def rejected(self) -> int:
        return self.count(RowStatus.ERROR)

    @property
    def ignored_columns(self) -> list[str]:
        used = {index for index in self.mapping.values() if index is not None}
        return [name for i, name in enumerate(self.columns) if i not in used and name]

    @property
    def mapped(self) -> list[tuple[str, str]]:
        """(field label, column name) for every field found in the file."""
        return [
            (str(FIELD_LABELS[name]), self.columns[index])
            for name, index in self.mapping.items()
            if index is not None
        ]


def _header_key(name: str) -> str:
    return " ".join(_plain(name).replace("_", " ").split())


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    """The column of each field, recognised from its fi/sv/en name; the business ID and the
    name are required (ImportFileError otherwise)."""
    keys = [_header_key(name) for name in header]
    mapping: dict[str, int | None] = {}
    for name, aliases in FIELDS.items():
        plain = {_header_key(alias) for alias in aliases}
        mapping[name] = next((i for i, key in enumerate(keys) if key in plain), None)
    for required, hint in (
        ("business_id", "y-tunnus, business id, fo-nummer"),
        ("name", "nimi, name, namn"),
    ):
        if mapping[required] is None:
            raise ImportFileError(
                _("The file has no %(field)s column (name it %(names)s).")
                % {"field": str(FIELD_LABELS[required]).lower(), "names": hint}
            )
    return mapping


def language_code(value: str) -> str:
    """fi/sv/en from a code or a language's name in fi/sv/en; any other language is other."""
    plain = _plain(value)
    for code, names in LANGUAGES.items():
        if plain in names:
            return str(code)
    return str(PreferredLanguage.OTHER) if plain else ""


def _trade_names(value: str) -> str:
    """One per line; a cell may separate them with line breaks, semicolons or bars."""
    parts = value.replace(";", "\n").replace("|", "\n").splitlines()
    return "\n".join(dict.fromkeys(part.strip() for part in parts if part.strip()))


def _max_length(name: str) -> int | None:
    return getattr(Organisation._meta.get_field(name), "max_length", None)


def check_rows(
    rows: list[list[str]],
    mapping: dict[str, int | None],
    *,
    by: User,
    update_existing: bool,
    progress: Callable[[int], object] | None = None,
) -> list[BusinessRow]:
    """Check every row: values, business ID (format, check digit, duplicates in the register
    and in the file), address located to a district the user may record in. Writes nothing."""
    allowed = set(permissions.districts_for_recording(by).values_list("pk", flat=True))
    districts = {d.pk: d for d in District.objects.all()}
    found: dict[str, Finding | NotFound] = {}
    checked: list[BusinessRow] = []
    for number, raw in enumerate(rows, start=2):
        values = {
            name: (raw[index].strip() if index is not None and index < len(raw) else "")
            for name, index in mapping.items()
        }
        values["business_id"] = normalise_business_id(values["business_id"])
        values["trade_names"] = _trade_names(values["trade_names"])
        values["preferred_language"] = language_code(values["preferred_language"])
        row = BusinessRow(row=number, values=values)
        _check_values(row)
        address = values["street_address"]
        if address:
            key = " ".join(address.lower().split())
            if key not in found:
                try:
                    found[key] = find_by_address(address)
                except NotFound as exc:
                    found[key] = exc
            _place(row, found[key], districts=districts, allowed=allowed)
        checked.append(row)
        if progress is not None:
            progress(1)
    _mark_duplicates(checked, by=by, update_existing=update_existing)
    return checked


def _check_values(row: BusinessRow) -> None:
    values, errors = row.values, row.errors
    if not values["business_id"]:
        errors.append(_("business ID is missing"))
    else:
        try:
            validate_business_id(values["business_id"])
        except ValidationError as exc:
            errors.append(" ".join(exc.messages))
    if not values["name"]:
        errors.append(_("name is missing"))
    for name in ("name", "sector", "street_address", "phone", "email"):
        limit = _max_length(name)
        if limit and len(values[name]) > limit:
            errors.append(
                _("%(field)s is longer than %(max)d characters")
                % {"field": str(FIELD_LABELS[name]).lower(), "max": limit}
            )
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(_("e-mail %(value)s is not valid") % {"value": values["email"]})
    if values["phone"]:
        try:
            validate_phone(values["phone"])
        except ValidationError:
            errors.append(_("phone %(value)s is not valid") % {"value": values["phone"]})
    if not values["street_address"]:
        errors.append(_("street address is missing"))


def _place(
    row: BusinessRow,
    finding: "Finding | NotFound",
    *,
    districts: dict[int, District],
    allowed: set[int],
) -> None:
    if isinstance(finding, NotFound):
        row.errors.append(_("address not found: %(reason)s") % {"reason": finding})
        return
    district = finding.location.district
    row.lat, row.lon = finding.lat, finding.lon
    row.district = districts.get(district.pk)
    if district.pk not in allowed:
        row.errors.append(
            _("you cannot record businesses in %(district)s") % {"district": district.name}
        )
    if finding.corrected and finding.address is not None:
        label = finding.address.label()
        row.notes.append(_("address read as %(address)s") % {"address": label})
        row.values["street_address"] = label


def _mark_duplicates(rows: list[BusinessRow], *, by: User, update_existing: bool) -> None:
    """Set each row's status: rejected, new, or a duplicate of an earlier row or of the
    register (to be updated when asked and allowed)."""
    ids = {row.values["business_id"] for row in rows if not row.errors}
    # The whole register: a business ID exists once, whoever may see the record; the report
    # says no more than that about records the user may not see.
    taken = set(
        Organisation.objects.filter(business_id__in=ids).values_list("business_id", flat=True)
    )
    mine = {
        org.business_id: org
        for org in permissions.organisations_visible_to(by)
        .filter(business_id__in=taken)
        .select_related("district")
    }
    first_row: dict[str, int] = {}
    for row in rows:
        business_id = row.values["business_id"]
        if row.errors:
            row.status = RowStatus.ERROR
            continue
        if business_id in first_row:
            row.status = RowStatus.DUPLICATE
            row.notes.append(
                _("business ID %(id)s is also on row %(row)d")
                % {"id": business_id, "row": first_row[business_id]}
            )
            continue
        first_row[business_id] = row.row
        if business_id not in taken:
            row.status = RowStatus.NEW
            continue
        row.status = RowStatus.DUPLICATE
        existing = row.existing = mine.get(business_id)
        if existing is None or not update_existing:
            row.notes.append(_("this business ID is already in the register"))
            continue
        if existing.district is not None and not permissions.may_record_in(by, existing.district):
            row.notes.append(_("already in the register, in a district you do not work in"))
            continue
        row.status = RowStatus.UPDATE
        row.filled = [name for name in FILLABLE if row.values[name] and not getattr(existing, name)]
        if not row.filled:
            row.notes.append(_("already in the register, with nothing to fill in"))


def read_businesses(filename: str, content: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the file (ImportFileError when it cannot be read)."""
    header, rows = read_table(filename, content)
    guess_mapping(header)
    return header, rows


def business_import_run(
    *,
    by: User,
    filename: str,
    header: list[str],
    rows: list[list[str]],
    commit: bool = False,
    update_existing: bool = False,
    progress: Callable[[int], object] | None = None,
) -> BusinessImport:
    """Check the rows and, when `commit`, add the new businesses and (with
    `update_existing`) fill the empty fields of those already in the register, all in one
    transaction. Rows with errors and duplicates are never written. Without `commit`
    nothing is written (a dry run).

    Raises ImportFileError when the columns cannot be recognised, PermissionDenied when the
    user may not use the network.
    """
    if not permissions.can_use_network(by):
        raise PermissionDenied
    mapping = guess_mapping(header)
    report = BusinessImport(filename=filename, columns=header, mapping=mapping, rows=[])
    if not commit:
        report.rows = check_rows(
            rows, mapping, by=by, update_existing=update_existing, progress=progress
        )
        return report
    try:
        with transaction.atomic():
            # Checked again inside the transaction: the register may have changed since the
            # dry run the user saw.
            report.rows = check_rows(
                rows, mapping, by=by, update_existing=update_existing, progress=progress
            )
            _write(report, by=by)
    except IntegrityError as exc:
        raise ValidationError(
            _("The register changed while importing. Check the file again.")
        ) from exc
    report.committed = True
    return report


def _write(report: BusinessImport, *, by: User) -> None:
    created = updated = 0
    for row in report.rows:
        values = row.values
        if row.status == RowStatus.NEW:
            organisation = Organisation(
                name_fi=values["name"],
                kind=OrganisationKind.BUSINESS,
                business_id=values["business_id"],
                trade_names=values["trade_names"],
                sector=values["sector"],
                street_address=values["street_address"],
                email=values["email"],
                phone=values["phone"],
                preferred_language=values["preferred_language"],
                visibility=Visibility.SHARED,
                created_by=by,
            )
            organisation.place(lat=row.lat, lon=row.lon)
            organisation.full_clean()
            organisation.save()
            row.existing, row.status = organisation, RowStatus.CREATED
            created += 1
        elif row.status == RowStatus.UPDATE and row.existing is not None:
            organisation = row.existing
            for name in row.filled:
                setattr(organisation, name, values[name])
            if "street_address" in row.filled and organisation.latitude is None:
                organisation.place(lat=row.lat, lon=row.lon)
            if row.filled:
                organisation.full_clean()
                organisation.save()
            row.status = RowStatus.UPDATED
            updated += 1
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type=Organisation._meta.label_lower,
        object_id="*",
        summary=f"business import {report.filename}: {created} added, {updated} updated",
    )


def batch_token(*, by: User, filename: str, header: list[str], rows: list[list[str]]) -> str:
    """The uploaded rows, signed for this user, for the page's "commit" POST: the same batch
    is committed without storing it on the server or uploading it again."""
    return signing.dumps(
        {"filename": filename, "header": header, "rows": rows},
        salt=f"luotsi.network.business_import:{by.pk}",
        compress=True,
    )


def batch_from_token(*, by: User, token: str) -> tuple[str, list[str], list[list[str]]]:
    """The batch of `batch_token` (ImportFileError when it was altered, is another user's or
    is more than a day old)."""
    try:
        data = signing.loads(
            token, salt=f"luotsi.network.business_import:{by.pk}", max_age=TOKEN_MAX_AGE
        )
    except signing.BadSignature as exc:
        raise ImportFileError(_("The checked file has expired. Upload it again.")) from exc
    return str(data["filename"]), list(data["header"]), list(data["rows"])
