"""Charts of the programme pages (dashboard, annual report): server-rendered SVG bar and line
charts. Every chart carries its title, a one-sentence summary and the data table, so that the
picture is never the only way to read the numbers (issue 12, point 7).

    chart = bar_chart(title=..., items=[("Eteläinen", 12), ("Itäinen", 7)])
    chart = line_chart(title=..., labels=["1/2025", ...], series=[("Interactions", [3, 5, ...])])
    {{ chart.html }}            # figure + svg + summary + table (insights/programme/_chart.html)

Colours: the bar/line colours are the ones of luotsi.css `.bar-1`… (each ≥ 4.5:1 on white);
every series is also told apart by its marker shape and named in the legend and the table,
so colour is never the only cue. SVG coordinates are plain strings ("130.5"), never localised.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH = 560
LABEL_SPACE = 150  # bar charts: SVG units for the row labels
BAR_SPACE = 300  # bar charts: SVG units for the longest bar
ROW_HEIGHT = 30
PLOT_LEFT = 50  # line charts: room for the y axis labels
PLOT_TOP = 10
PLOT_HEIGHT = 180
AXIS_SPACE = 40  # below the plot for the month labels
LEGEND_ROW = 22

# Colours with at least 4.5:1 contrast on white (the same as luotsi.css .bar-1/-2/-3).
COLOURS = ("#0000bf", "#00836b", "#bd2719", "#6b4a00", "#5c2d91")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")

_counter = itertools.count(1)


def _next_id() -> str:
    return f"chart-{next(_counter)}"


def _n(value: float) -> str:
    """An SVG coordinate: plain decimal point, one decimal, never localised."""
    return f"{value:.1f}"


def format_value(value: float | None, places: int = 0) -> str:
    if value is None:
        return "–"
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    value_text: str
    offset: int
    width: str
    text_x: str
    colour: str


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    value: float | None
    value_text: str


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str
    marker: str
    path: str  # the SVG path "M x y L x y …" (gaps where a value is None)
    points: tuple[Point, ...]
    legend_y: str


@dataclass(frozen=True)
class Tick:
    label: str
    x: str
    y: str


@dataclass(frozen=True)
class Chart:
    """One chart: `kind` "bar" (one bar per row) or "line" (one line per series over the
    labels, e.g. months). `table_head`/`table_rows` are the data table as text."""

    kind: str
    title: str
    summary: str
    width: int
    height: int
    table_head: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]
    bars: tuple[Bar, ...] = ()
    series: tuple[Series, ...] = ()
    x_ticks: tuple[Tick, ...] = ()
    y_ticks: tuple[Tick, ...] = ()
    plot_left: str = _n(PLOT_LEFT)
    plot_right: str = _n(WIDTH - 10)
    plot_bottom: str = _n(PLOT_TOP + PLOT_HEIGHT)
    dom_id: str = field(default_factory=lambda: _next_id())
    caption_level: int = 3

    def html(self) -> SafeString:
        return render_to_string("insights/programme/_chart.html", {"chart": self})

    def __html__(self) -> str:
        return self.html()


def bar_chart(
    *,
    title: str,
    items: Sequence[tuple[str, float | None]],
    value_label: str = "",
    places: int = 0,
    summary: str | None = None,
    dom_id: str | None = None,
) -> Chart:
    """Horizontal bars, one per (label, value); None is drawn as no bar and "–" in the text.
    The summary defaults to a sentence naming the largest value and the total."""
    known = [v for _label, v in items if v is not None]
    most = max(known, default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        width = 0.0 if value is None else max(value, 0) / most * BAR_SPACE
        bars.append(
            Bar(
                label=label,
                value=value,
                value_text=format_value(value, places),
                offset=index * ROW_HEIGHT,
                width=_n(width),
                text_x=_n(LABEL_SPACE + width + 6),
                colour=COLOURS[0],
            )
        )
    if summary is None:
        summary = _bar_summary(title, items, places)
    return Chart(
        kind="bar",
        title=title,
        summary=summary,
        width=WIDTH,
        height=max(len(bars), 1) * ROW_HEIGHT + 10,
        table_head=("", value_label or title),
        table_rows=tuple((label, format_value(value, places)) for label, value in items),
        bars=tuple(bars),
        dom_id=dom_id or _next_id(),
    )


def _bar_summary(title: str, items: Sequence[tuple[str, float | None]], places: int) -> str:
    known = [(label, v) for label, v in items if v is not None]
    if not known or all(v == 0 for _label, v in known):
        return _("%(title)s: nothing to show in this period.") % {"title": title}
    label, value = max(known, key=lambda item: item[1])
    return _("%(title)s: most in %(label)s (%(value)s); %(total)s in all.") % {
        "title": title,
        "label": label,
        "value": format_value(value, places),
        "total": format_value(sum(v for _label, v in known), places),
    }


def line_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    places: int = 0,
    summary: str | None = None,
    dom_id: str | None = None,
) -> Chart:
    """Lines over `labels` (e.g. months), one per (name, values); each series has its own
    colour and marker shape and is named in the legend and the table."""
    known = [v for _name, values in series for v in values if v is not None]
    top = _nice_top(max(known, default=0))
    count = max(len(labels), 1)
    step = (WIDTH - 10 - PLOT_LEFT) / count
    bottom = PLOT_TOP + PLOT_HEIGHT

    def x_at(index: int) -> float:
        return PLOT_LEFT + step * (index + 0.5)

    def y_at(value: float) -> float:
        return bottom - max(value, 0) / top * PLOT_HEIGHT

    legend_top = bottom + AXIS_SPACE
    drawn = []
    for index, (name, values) in enumerate(series):
        commands, points = [], []
        pen_down = False
        for position, value in enumerate(values):
            if value is None:
                pen_down = False
                continue
            x, y = _n(x_at(position)), _n(y_at(value))
            commands.append(f"{'L' if pen_down else 'M'}{x} {y}")
            pen_down = True
            points.append(Point(x=x, y=y, value=value, value_text=format_value(value, places)))
        drawn.append(
            Series(
                name=name,
                values=tuple(values),
                colour=COLOURS[index % len(COLOURS)],
                marker=MARKERS[index % len(MARKERS)],
                path=" ".join(commands),
                points=tuple(points),
                legend_y=_n(legend_top + index * LEGEND_ROW + 12),
            )
        )
    # Label every month when there is room, else every third (the table has them all).
    every = 1 if count <= 12 else 3
    x_ticks = tuple(
        Tick(label=label, x=_n(x_at(index)), y=_n(bottom + 18))
        for index, label in enumerate(labels)
        if index % every == 0
    )
    y_ticks = tuple(
        Tick(
            label=format_value(top * share / 4, 0), x=_n(PLOT_LEFT - 6), y=_n(y_at(top * share / 4))
        )
        for share in range(5)
    )
    if summary is None:
        summary = _line_summary(title, labels, series, places)
    return Chart(
        kind="line",
        title=title,
        summary=summary,
        width=WIDTH,
        height=int(legend_top + len(series) * LEGEND_ROW + 10),
        table_head=("", *(name for name, _values in series)),
        table_rows=tuple(
            (label, *(format_value(_at(values, i), places) for _name, values in series))
            for i, label in enumerate(labels)
        ),
        series=tuple(drawn),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        dom_id=dom_id or _next_id(),
    )


def _at(values: Sequence[float | None], index: int) -> float | None:
    return values[index] if index < len(values) else None


def _nice_top(value: float) -> float:
    """The axis maximum: a round number at or above the largest value (at least 4, so the
    five ticks are whole numbers)."""
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 4, 5, 8, 10):
        if factor * magnitude >= value and (factor * magnitude) % 4 == 0:
            return factor * magnitude
    return 10 * magnitude


def _line_summary(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    places: int,
) -> str:
    parts = []
    for name, values in series:
        known = [(label, v) for label, v in zip(labels, values, strict=False) if v is not None]
        if not known:
            continue
        peak_label, peak = max(known, key=lambda item: item[1])
        parts.append(
            _("%(series)s %(total)s in all, most in %(month)s (%(value)s)")
            % {
                "series": name,
                "total": format_value(sum(v for _label, v in known), places),
                "month": peak_label,
                "value": format_value(peak, places),
            }
        )
    if not parts:
        return _("%(title)s: nothing to show in this period.") % {"title": title}
    return _("%(title)s: %(parts)s.") % {"title": title, "parts": "; ".join(parts)}
