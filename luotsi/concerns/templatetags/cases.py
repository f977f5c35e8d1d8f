"""The stakeholder map's geometry: an interest × influence grid, one numbered marker per
party, shape and colour by position (so colour is never the only cue). The coordinates are
plain strings ("130.5", never "130,5"): templates would localise numbers."""

import math
from dataclasses import dataclass

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from luotsi.concerns.case_selectors import Party, StakeholderMap

register = template.Library()

LEFT, TOP = 70, 16  # room for the influence axis and its numbers
CELL_W, CELL_H = 84, 68
LEVELS = 5
WIDTH = LEFT + LEVELS * CELL_W + 20
HEIGHT = TOP + LEVELS * CELL_H + 56
RIGHT, BOTTOM = LEFT + LEVELS * CELL_W, TOP + LEVELS * CELL_H

# Colours with at least 3:1 contrast on white (WCAG 1.4.11, graphical objects).
STYLE = {
    "supports": "#006b2d",
    "opposes": "#b01818",
    "neutral": "#0000bf",
    "unknown": "#555555",
}


def _n(value: float) -> str:
    return f"{value:.1f}"


def marker_svg(position: str, x: float, y: float, size: float = 7) -> SafeString:
    """Supports ●, opposes ■, neutral ◆, not known ▲."""
    colour = STYLE.get(position, STYLE["unknown"])
    if position == "supports":
        return format_html(
            '<circle cx="{}" cy="{}" r="{}" fill="{}"></circle>', _n(x), _n(y), _n(size), colour
        )
    if position == "opposes":
        side = size * 1.7
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
            _n(x - side / 2),
            _n(y - side / 2),
            _n(side),
            _n(side),
            colour,
        )
    if position == "neutral":
        r = size * 1.25
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    else:
        r = size * 1.2
        points = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
    return format_html(
        '<polygon points="{}" fill="{}"></polygon>',
        " ".join(f"{_n(px)},{_n(py)}" for px, py in points),
        colour,
    )


@dataclass(frozen=True)
class Marker:
    party: Party
    shape: SafeString
    label_x: str
    label_y: str


@dataclass(frozen=True)
class Tick:
    label: int
    x: str
    y: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    markers: list[Marker]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    grid: list[tuple[str, str, str, str]]
    # The top-right corner (interest and influence 4–5): the parties to involve closely.
    key_zone: tuple[str, str, str, str]
    x_title: tuple[str, str]
    y_title: tuple[str, str]


def _cell_positions(count: int, col: int, row: int) -> list[tuple[float, float]]:
    """Spread `count` markers sharing a cell over a small grid inside it."""
    cols = math.ceil(math.sqrt(count))
    rows = math.ceil(count / cols)
    left, top = LEFT + col * CELL_W, TOP + row * CELL_H
    return [
        (
            left + (i % cols + 1) * CELL_W / (cols + 1) - 6,
            top + (i // cols + 1) * CELL_H / (rows + 1),
        )
        for i in range(count)
    ]


@register.simple_tag
def stakeholder_chart(data: StakeholderMap) -> Chart:
    cells: dict[tuple[int, int], list[Party]] = {}
    for party in data.parties:
        s = party.stakeholder
        cells.setdefault((s.interest, s.influence), []).append(party)
    markers = []
    for (interest, influence), parties in sorted(cells.items()):
        places = _cell_positions(len(parties), interest - 1, LEVELS - influence)
        size = 7 if len(parties) <= 4 else 5
        for party, (x, y) in zip(parties, places, strict=True):
            markers.append(
                Marker(
                    party=party,
                    shape=marker_svg(party.position, x, y, size),
                    label_x=_n(x + size + 3),
                    label_y=_n(y + 4),
                )
            )
    grid = [
        (str(LEFT + i * CELL_W), str(TOP), str(LEFT + i * CELL_W), str(BOTTOM)) for i in range(6)
    ]
    grid += [
        (str(LEFT), str(TOP + i * CELL_H), str(RIGHT), str(TOP + i * CELL_H)) for i in range(6)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        markers=markers,
        x_ticks=[
            Tick(v, _n(LEFT + (v - 0.5) * CELL_W), str(BOTTOM + 18)) for v in range(1, LEVELS + 1)
        ],
        y_ticks=[
            Tick(v, str(LEFT - 10), _n(TOP + (LEVELS - v + 0.5) * CELL_H + 4))
            for v in range(1, LEVELS + 1)
        ],
        grid=grid,
        key_zone=(str(LEFT + 3 * CELL_W), str(TOP), str(2 * CELL_W), str(2 * CELL_H)),
        x_title=(_n(LEFT + LEVELS * CELL_W / 2), str(BOTTOM + 44)),
        y_title=("20", _n(TOP + LEVELS * CELL_H / 2)),
    )


@register.simple_tag
def position_marker(position: str) -> SafeString:
    """The legend's symbol, for an 18 × 18 SVG."""
    return marker_svg(position, 9, 9, 6)
