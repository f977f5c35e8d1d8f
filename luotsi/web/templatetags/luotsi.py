"""Template helpers shared by Luotsi's pages."""

from dataclasses import dataclass

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from luotsi.areas.addresses import AddressPoint
from luotsi.areas.selectors import AGE_SHARES, LANGUAGE_SHARES, AreaStatistics
from luotsi.web.languages import language_name

register = template.Library()

BAR_SPACE = 200  # SVG units for a 100 % bar
ROW_HEIGHT = 30


@register.filter
def language_names(codes: list[str]) -> str:
    """["fi", "so"] → "Finnish, Somali" in the page's language (the code if Django has no name)."""
    return ", ".join(language_name(code) for code in codes)


@register.filter
def address_label(point: AddressPoint) -> str:
    return point.label(get_language() or "fi")


@register.filter
def number(value: int | float) -> str:
    """Thousands grouped the way the page's language writes them (12 698 / 12,698)."""
    return number_format(value, force_grouping=True)


@dataclass(frozen=True)
class ChartRow:
    label: str
    count: str
    percent: str
    # SVG coordinates: plain strings, never localised ("130.7", not "130,7").
    width: str
    offset: int
    text_x: str


@dataclass(frozen=True)
class Chart:
    rows: list[ChartRow]
    height: int


def _labels(kind: str) -> list[tuple[str, str]]:
    if kind == "language":
        return list(
            zip(
                LANGUAGE_SHARES,
                [_("Finnish or Sami"), _("Swedish"), _("Other languages")],
                strict=True,
            )
        )
    return list(
        zip(AGE_SHARES, [_("Aged 0–14"), _("Aged 15–64"), _("Aged 65 or over")], strict=True)
    )


@register.simple_tag
def composition(stats: AreaStatistics, kind: str) -> Chart:
    """Bars and table rows for the language ("language") or age ("age") groups."""
    rows = []
    for index, (field, label) in enumerate(_labels(kind)):
        share = stats.share(field) or 0.0
        width = round(share * BAR_SPACE, 1)
        rows.append(
            ChartRow(
                label=label,
                count=number(stats.counts[field]),
                percent=number_format(share * 100, decimal_pos=1),
                width=f"{width:.1f}",
                offset=index * ROW_HEIGHT,
                text_x=f"{140 + width + 6:.1f}",
            )
        )
    return Chart(rows=rows, height=len(rows) * ROW_HEIGHT)
