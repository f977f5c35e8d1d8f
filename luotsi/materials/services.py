"""Writes for information materials. Each function is one transaction and takes the acting
person as `by`; permission to touch the item is checked by the caller (access_item)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.budgeting.models import Plan
from luotsi.campaigns.models import Campaign
from luotsi.concerns.models import ConflictCase
from luotsi.events.models import Event
from luotsi.materials import permissions
from luotsi.materials.models import Item, Variant, VariantStatus
from luotsi.materials.uploads import check_upload
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

Linkable = Event | Campaign | ConflictCase | Plan


def district_of(linked: Linkable) -> District | None:
    """The district an item of this object lives in. A campaign over several districts (a
    long street) gives a city-wide item: its officers still manage it through the campaign, and
    so does a participatory-budgeting plan (it serves a whole major district)."""
    if isinstance(linked, Plan):
        return None
    if isinstance(linked, Campaign):
        districts = list(linked.districts.all()[:2])
        return districts[0] if len(districts) == 1 else None
    return linked.district


def _check_district(item: Item, district: District | None, by: User) -> None:
    if item.linked is not None:
        return  # the district comes from the linked object, whoever runs it
    if district is None:
        if not permissions.may_make_city_wide(by):
            raise ValidationError({"district": _("Choose one of your districts.")})
    elif not permissions.districts_for_items(by).filter(pk=district.pk).exists():
        raise ValidationError({"district": _("You cannot add materials in this district.")})


@transaction.atomic
def item_save(*, item: Item, by: User, district: District | None = None) -> Item:
    """Create or change an item. Linked items take the district of their event, campaign or
    case; others the district given (None: city-wide, for those who may)."""
    linked = item.linked
    if linked is not None:
        district = district_of(linked)  # type: ignore[arg-type]
    else:
        _check_district(item, district, by)
    item.district = district
    if item._state.adding:
        item.owner = by
    if not (item.title_fi or "").strip():
        raise ValidationError({"title_fi": _("Give the title in Finnish.")})
    item.full_clean(exclude=["owner"])
    item.save()
    return item


@transaction.atomic
def item_create_for(*, linked: Linkable, by: User) -> Item:
    """A new item for an event, campaign, conflict case or PB plan, titled like it."""
    item = Item(owner=by)
    field = {
        Event: "event",
        Campaign: "campaign",
        ConflictCase: "conflict_case",
        Plan: "pb_plan",
    }[type(linked)]
    setattr(item, field, linked)
    for code in ("fi", "sv", "en"):
        setattr(item, f"title_{code}", getattr(linked, f"title_{code}", None) or None)
    item.title_fi = item.title_fi or linked.title
    return item_save(item=item, by=by)


def _delete_files(names: Iterable[str]) -> None:
    for name in names:
        default_storage.delete(name)


@transaction.atomic
def item_delete(*, item: Item, by: User) -> None:
    """Delete an item and its versions; the files go once the deletion is committed."""
    files = [v.file.name for v in item.variants.exclude(file="")]
    audit_record(
        actor=by,
        action=AuditAction.DELETE,
        obj=item,
        summary=f"deleted material item {item.title} ({item.variants.count()} versions)",
    )
    item.delete()
    transaction.on_commit(lambda: _delete_files(files))


@transaction.atomic
def variants_declare(*, item: Item, by: User, needs: Iterable[tuple[str, str]]) -> list[Variant]:
    """Declare that these (language, format) versions are needed. Versions that exist already
    keep their status; the new ones are created as needed."""
    existing = set(item.variants.values_list("language", "format"))
    made = []
    for language, format in dict.fromkeys(needs):
        if (language, format) in existing:
            continue
        variant = Variant(item=item, language=language, format=format, updated_by=by)
        variant.full_clean(exclude=["item", "updated_by"], validate_constraints=False)
        variant.save()
        made.append(variant)
    return made


@transaction.atomic
def variant_save(
    *,
    variant: Variant,
    by: User,
    upload: UploadedFile | None = None,
    remove_file: bool = False,
) -> Variant:
    """Save a version's text, status, review date and (optionally) a new file, or remove its
    file. Nothing is half-written: the file is stored only after every check has passed, and
    removed again if the row cannot be saved; a replaced file is deleted after the commit.
    Call it outside any longer transaction: a rollback after it returns would leave the new
    file without its row (harmless, but not tidy)."""
    checked = check_upload(upload, format=variant.format) if upload is not None else None
    variant.text = variant.text.strip()
    has_file = checked is not None or (bool(variant.file) and not remove_file)
    if variant.status == VariantStatus.READY and not variant.text and not has_file:
        raise ValidationError(
            {"status": _("A ready version needs its text or a file.")}, code="empty"
        )
    variant.updated_by = by
    variant.full_clean(exclude=["item", "file", "updated_by"], validate_constraints=False)
    old = variant.file.name if variant.file and (checked or remove_file) else ""
    if remove_file and checked is None:
        variant.file = None
        variant.file_type, variant.file_size = "", None
    written = ""
    if checked is not None:
        variant.file.save(checked.name, checked.upload, save=False)
        written = variant.file.name
        variant.file_type, variant.file_size = checked.content_type, checked.size
    try:
        with transaction.atomic():
            variant.save()
    except IntegrityError as exc:
        if written:
            default_storage.delete(written)
        raise ValidationError(
            _("This language and format exist already for this item."), code="duplicate"
        ) from exc
    if old:
        transaction.on_commit(lambda: default_storage.delete(old))
    return variant


@transaction.atomic
def variant_set_status(*, variant: Variant, by: User, status: str) -> Variant:
    variant.status = status
    return variant_save(variant=variant, by=by)


@transaction.atomic
def variant_delete(*, variant: Variant, by: User) -> None:
    name = variant.file.name if variant.file else ""
    audit_record(
        actor=by,
        action=AuditAction.DELETE,
        obj=variant,
        summary=f"deleted {variant.language} {variant.format} of material {variant.item_id}",
    )
    variant.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
