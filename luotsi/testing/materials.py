"""Information materials for tests: by default a public item in Vironniemi (101, the Southern
major district) owned by officer_south, and versions made directly with the status given."""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from luotsi.areas.models import District
from luotsi.materials.models import Item, Variant, VariantStatus
from luotsi.testing.personas import Personas

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def item(p: Personas, *, district_code: str | None = "101", **fields: Any) -> Item:
    values: dict[str, Any] = {
        "title": "Näin osallistut OmaStadiin",
        "title_fi": "Näin osallistut OmaStadiin",
        "title_sv": "Så deltar du i OmaStadi",
        "title_en": "How to take part in OmaStadi",
        "public": True,
        "owner": p.officer_south,
        "district": District.objects.get(code=district_code) if district_code else None,
    }
    values.update(fields)
    return Item.objects.create(**values)


def variant(
    made: Item,
    language: str = "fi",
    format: str = "web",
    status: str = VariantStatus.READY,
    *,
    text: str | None = None,
    **fields: Any,
) -> Variant:
    if text is None:
        text = "Teksti." if status == VariantStatus.READY else ""
    values: dict[str, Any] = {
        "item": made,
        "language": language,
        "format": format,
        "status": status,
        "text": text,
        "updated_by": made.owner,
    }
    values.update(fields)
    return Variant.objects.create(**values)


def reviewed(variant_: Variant, on: datetime.date) -> Variant:
    Variant.objects.filter(pk=variant_.pk).update(reviewed_on=on)
    variant_.refresh_from_db()
    return variant_


def pdf(name: str = "ohje.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def variant_with_file(
    made: Item,
    language: str = "fi",
    format: str = "pdf",
    status: str = VariantStatus.READY,
    upload: SimpleUploadedFile | None = None,
) -> Variant:
    """A version whose content is a file (stored in the default storage)."""
    upload = upload or pdf()
    version = Variant(
        item=made,
        language=language,
        format=format,
        status=status,
        updated_by=made.owner,
        file_type=upload.content_type or "",
        file_size=upload.size,
    )
    version.file.save(upload.name or "file", upload, save=False)
    version.save()
    return version
