"""The programme charts: title, summary sentence and data table; plain SVG coordinates."""

import re
from collections.abc import Iterator

import pytest
from django.utils import translation

from luotsi.insights.programme_charts import bar_chart, line_chart


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
