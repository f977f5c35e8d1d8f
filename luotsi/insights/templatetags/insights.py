"""Charts and formatting for the inclusion pages: server-rendered SVG (no script needed),
always next to a data table and a sentence saying what the chart shows."""

from dataclasses import dataclass

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from luotsi.insights.figures import RepresentationRow
from luotsi.insights.statistics import Representation

register = template.Library()

LABEL_SPACE = 150  # SVG units for the group names
BAR_SPACE = 230  # SVG units for the scale
ROW_HEIGHT = 30
RATIO_SCALE_MAX = 2.5  # ratios beyond are drawn at the edge (the table has the number)


@register.filter
def decimal(value: float | None, places: int = 2) -> str:
    return "–" if value is None else number_format(value, decimal_pos=places)


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{number_format(value * 100, decimal_pos=1)} %"


@dataclass(frozen=True)
class BarRow:
    label: str
    value_text: str
    offset: int
    width: str  # SVG coordinates are plain strings, never localised
    low_x: str | None
    high_x: str | None
    text_x: str


@dataclass(frozen=True)
class BarChart:
    rows: list[BarRow]
    height: int
    reference_x: str | None  # the "in proportion" line at ratio 1


def _x(value: float, maximum: float) -> float:
    return LABEL_SPACE + min(value, maximum) / maximum * BAR_SPACE


BarItem = tuple[str, float | None, float | None, float | None, str]


def _bars(items: list[BarItem], maximum: float) -> list[BarRow]:
    rows = []
    for index, (label, value, low, high, text) in enumerate(items):
        width = 0.0 if value is None else _x(value, maximum) - LABEL_SPACE
        right = max(width, 0.0 if high is None else _x(high, maximum) - LABEL_SPACE)
        rows.append(
            BarRow(
                label=label,
                value_text=text,
                offset=index * ROW_HEIGHT,
                width=f"{width:.1f}",
                low_x=None if low is None else f"{_x(low, maximum):.1f}",
                high_x=None if high is None else f"{_x(high, maximum):.1f}",
                text_x=f"{LABEL_SPACE + right + 6:.1f}",
            )
        )
    return rows


@register.simple_tag
def ratio_chart(rows: list[RepresentationRow]) -> BarChart:
    """Bars of representation ratios with their 95 % intervals and a line at 1."""
    items: list[BarItem] = []
    for row in rows:
        result: Representation | None = row.result
        if result is None:
            text = _("hidden") if row.hidden else _("no data")
            items.append((row.label, None, None, None, text))
        else:
            items.append(
                (
                    row.label,
                    result.ratio,
                    result.ratio_low,
                    result.ratio_high,
                    decimal(result.ratio),
                )
            )
    return BarChart(
        rows=_bars(items, RATIO_SCALE_MAX),
        height=len(items) * ROW_HEIGHT,
        reference_x=f"{_x(1.0, RATIO_SCALE_MAX):.1f}",
    )


@register.simple_tag
def rate_chart(items: list[tuple[str, float | None]]) -> BarChart:
    """Bars of participations per 1,000 residents."""
    values = [v for _label, v in items if v is not None]
    maximum = max(values) if values and max(values) > 0 else 1.0
    bar_items: list[BarItem] = [
        (label, v, None, None, decimal(v, 1) if v is not None else _("hidden"))
        for label, v in items
    ]
    rows = _bars(bar_items, maximum * 1.15)
    return BarChart(rows=rows, height=len(rows) * ROW_HEIGHT, reference_x=None)


@register.simple_tag
def ratio_summary(row: RepresentationRow) -> str:
    """One sentence saying what the bar says, for everyone who does not read the chart."""
    result = row.result
    if result is None:
        if row.hidden:
            return _("%(group)s: fewer than 5 people, so the figures are hidden.") % {
                "group": row.label
            }
        return _("%(group)s: nothing to compare yet.") % {"group": row.label}
    values = {
        "group": row.label,
        "ratio": decimal(result.ratio),
        "low": decimal(result.ratio_low),
        "high": decimal(result.ratio_high),
    }
    if result.verdict == "under":
        text = _(
            "%(group)s are under-represented: ratio %(ratio)s (95 %% interval %(low)s–%(high)s)."
        )
    elif result.verdict == "over":
        text = _(
            "%(group)s are over-represented: ratio %(ratio)s (95 %% interval %(low)s–%(high)s)."
        )
    else:
        text = _(
            "%(group)s take part about in proportion: ratio %(ratio)s "
            "(95 %% interval %(low)s–%(high)s includes 1)."
        )
    text = text % values
    if result.small_sample:
        text += " " + _("Few participants of known group: read with care.")
    return text
