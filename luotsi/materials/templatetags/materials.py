from pathlib import PurePath
from typing import Any

from django import template

from luotsi.events.models import Event
from luotsi.materials import selectors
from luotsi.materials.models import Format
from luotsi.web.languages import language_name as _language_name

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    return _language_name(code)


@register.filter
def format_name(value: str) -> str:
    try:
        return str(Format(value).label)
    except ValueError:
        return value


@register.inclusion_tag("materials/_event_materials.html")
def event_materials(event: Event) -> dict[str, Any]:
    """The public materials of an event, for its public page (nothing when there are none)."""
    return {"items": selectors.public_materials_of(event)}


@register.filter
def cells(table: selectors.GapTable, row: selectors.DistrictGaps) -> list[int]:
    return table.cells(row)


@register.filter
def language_names_of(variants: list[Any]) -> str:
    """The names of the languages of these versions, each once, in their order."""
    codes = dict.fromkeys(variant.language for variant in variants)
    return ", ".join(_language_name(code) for code in codes)


@register.filter
def file_kind(name: str) -> str:
    """ "PDF", "MP3", … from a stored file's name, for link texts."""
    suffix = PurePath(name or "").suffix.lstrip(".")
    return suffix.upper() or "?"
