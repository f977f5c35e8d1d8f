"""The programme charts: title, summary sentence and data table; plain SVG coordinates."""

import re
from collections.abc import Iterator

import pytest
from django.utils import translation

from luotsi.insights.programme_charts import COLOURS, bar_chart, line_chart


@pytest.fixture(autouse=True)
def in_finnish_locale() -> Iterator[None]:
    """Finnish writes decimal commas: the SVG coordinates must stay plain."""
    with translation.override("fi"):
        yield


def test_a_bar_chart_has_its_title_summary_table_and_plain_coordinates() -> None:
    chart = bar_chart(title="Tapaamiset", items=[("Eteläinen", 12.5), ("Itäinen", 7), ("X", None)])
    assert chart.table_rows[0][0] == "Eteläinen"
    assert chart.table_rows[2][1] == "–"
    assert "Eteläinen" in chart.summary
    assert all(re.fullmatch(r"\d+\.\d", bar.width) for bar in chart.bars)
    html = chart.html()
    assert "<figcaption" in html and "Tapaamiset" in html
    assert 'role="img"' in html
    assert "<table" in html
    assert chart.summary in html


def test_a_line_chart_breaks_at_missing_values_and_names_each_series() -> None:
    chart = line_chart(
        title="Kuukausittain",
        labels=["1/2025", "2/2025", "3/2025"],
        series=[("Tapaamiset", [3, None, 5]), ("Viestit", [0, 1, 2])],
    )
    first = chart.series[0]
    assert first.path.count("M") == 2  # the gap starts a new line
    assert "," not in first.path
    assert chart.table_head == ("", "Tapaamiset", "Viestit")
    assert chart.table_rows[1] == ("2/2025", "–", "1")
    assert first.marker != chart.series[1].marker  # never colour only
    html = chart.html()
    assert "Tapaamiset" in html and "Viestit" in html


def test_an_empty_chart_says_so() -> None:
    chart = bar_chart(title="Tyhjä", items=[("A", 0)])
    assert "Tyhjä" in chart.summary


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_series_colour_has_text_contrast_on_white() -> None:
    """Series colours draw lines, markers and legend keys on white: WCAG asks 3:1 of graphics;
    they meet the 4.5:1 of text, so a label in the same colour would pass too."""
    for colour in COLOURS:
        assert (1.05) / (_luminance(colour) + 0.05) >= 4.5, colour
