"""The materials API: public items with their ready versions, and the coverage of the items
a staff member manages (under exactly the permissions of the pages)."""

from typing import Any, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from luotsi.accounts.models import User
from luotsi.api.errors import responses
from luotsi.api.pagination import max_page
from luotsi.areas.models import District
from luotsi.materials import permissions, selectors
from luotsi.materials.models import Item, Variant, VariantStatus, validate_material_language
from luotsi.web.languages import PLAIN_FINNISH

router = Router(tags=["materials"])
LANGUAGES = [code for code, _name in settings.MESSAGE_LANGUAGES]
MAX_PAGE_SIZE = 100


class Translated(Schema):
    fi: str | None = None
    sv: str | None = None
    en: str | None = None


class VariantOut(Schema):
    language: str = Field(description="ISO 639 code, or fi-x-plain for plain Finnish")
    format: str
    text: str
    file_url: str | None
    file_type: str | None


class ItemOut(Schema):
    id: int
    title: Translated
    summary: Translated
    district: str | None = Field(description="district code; null for the whole city")
    url: str
    variants: list[VariantOut] = Field(description="the ready versions only")


class ItemPage(Schema):
    count: int
    data: list[ItemOut]


class ItemQuery(Schema):
    district: str | None = Field(None, max_length=10, description="a district code, e.g. 101")
    language: str | None = Field(None, max_length=20, description="e.g. so, fi-x-plain")
    page: int = Field(1, ge=1, le=max_page(MAX_PAGE_SIZE))
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class CoverageQuery(Schema):
    district: str | None = Field(None, max_length=10, description="a district code, or city")
    language: str | None = Field(None, max_length=20)
    status: VariantStatus | None = None


class CellOut(Schema):
    language: str
    format: str
    status: str | None = Field(description="null: not needed for this item")
    review_overdue: bool


class CoverageRow(Schema):
    id: int
    title: str
    district: str | None
    gaps: int
    cells: list[CellOut]


class DistrictGapsOut(Schema):
    district: str | None = Field(description="district code; null for city-wide items")
    gaps: int
    by_language: dict[str, int]


class CoverageOut(Schema):
    columns: list[dict[str, str]]
    items: list[CoverageRow]
    districts: list[DistrictGapsOut]


def _language(value: str | None) -> str:
    code = (value or "").strip()
    code = code if code == PLAIN_FINNISH else code.lower()
    if code:
        try:
            validate_material_language(code)
        except ValidationError as exc:
            raise ValidationError({"language": exc.messages}) from exc
    return code


def _district(value: str | None) -> District | None:
    if not value:
        return None
    found = District.objects.filter(code=value.strip()).first()
    if found is None:
        raise ValidationError({"district": _("No district has this code.")})
    return found


def _translated(obj: Any, field: str) -> dict[str, str | None]:
    return {code: getattr(obj, f"{field}_{code}", None) or None for code in LANGUAGES}


def _variant(variant: Variant) -> dict[str, Any]:
    url = reverse("materials:file", args=[variant.pk]) if variant.file else None
    return {
        "language": variant.language,
        "format": variant.format,
        "text": variant.text,
        "file_url": settings.SITE_URL + url if url else None,
        "file_type": variant.file_type or None,
    }


def _item(item: Item) -> dict[str, Any]:
    return {
        "id": item.pk,
        "title": _translated(item, "title"),
        "summary": _translated(item, "summary"),
        "district": item.district.code if item.district else None,
        "url": settings.SITE_URL + reverse("materials:public", args=[item.pk]),
        "variants": [_variant(v) for v in getattr(item, "ready_variants", [])],
    }


@router.get(
    "/materials/items", response=responses(ItemPage, 422), auth=None, url_name="materials_items"
)
def materials_items(request: HttpRequest, filters: Query[ItemQuery]) -> dict[str, Any]:
    """Public information items that have at least one ready version (in `language`, when
    given), with those ready versions."""
    items = selectors.public_items(
        district=_district(filters.district), language=_language(filters.language)
    )
    first = (filters.page - 1) * filters.page_size
    return {
        "count": items.count(),
        "data": [_item(item) for item in items[first : first + filters.page_size]],
    }


@router.get(
    "/materials/coverage",
    response=responses(CoverageOut, 401, 403, 422),
    url_name="materials_coverage",
)
def materials_coverage(request: HttpRequest, filters: Query[CoverageQuery]) -> dict[str, Any]:
    """The coverage matrix and the gaps per district of the items the caller manages."""
    user = cast(User, request.user)
    if not permissions.can_manage_materials(user):
        raise PermissionDenied
    district = (filters.district or "").strip()
    if district and district != "city":
        _district(district)
    language = _language(filters.language)
    items = selectors.managed_items(
        user,
        district=district,
        language=language,
        status=filters.status.value if filters.status else "",
    )
    matrix = selectors.coverage_matrix(items, language=language)
    gaps = selectors.gaps_by_district(items)
    return {
        "columns": [{"language": lang, "format": fmt} for lang, fmt in matrix.columns],
        "items": [
            {
                "id": row.item.pk,
                "title": row.item.title,
                "district": row.item.district.code if row.item.district else None,
                "gaps": row.gaps,
                "cells": [
                    {
                        "language": lang,
                        "format": fmt,
                        "status": cell.status,
                        "review_overdue": cell.overdue,
                    }
                    for (lang, fmt), cell in zip(matrix.columns, row.cells, strict=True)
                ],
            }
            for row in matrix.rows
        ],
        "districts": [
            {
                "district": row.district.code if row.district else None,
                "gaps": row.gaps,
                "by_language": row.by_language,
            }
            for row in gaps.rows
        ],
    }
