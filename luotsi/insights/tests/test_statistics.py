"""The arithmetic of representation and the small-cell rule, checked against hand-computed
examples."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from luotsi.insights.statistics import language_group, per_thousand, representation, wilson_interval
from luotsi.insights.suppression import Partition, State, protect


def test_representation_ratio_matches_a_hand_computed_example():
    # 12 of 40 participants with a known language speak another language; 20 % of residents do.
    # Share p = 12/40 = 0.3, ratio = 0.3 / 0.2 = 1.5.
    # Wilson, z = 1.96, n = 40: z²/n = 3.8416/40 = 0.09604; denominator 1.09604;
    # centre = (0.3 + 3.8416/80) / 1.09604 = 0.34802 / 1.09604 = 0.317525;
    # half = 1.96 × √(0.3 × 0.7/40 + 3.8416/6400) / 1.09604
    #      = 1.96 × √(0.00525 + 0.00060025) / 1.09604 = 1.96 × 0.0764869 / 1.09604 = 0.136779;
    # share interval 0.180746–0.454304, ratio interval ÷ 0.2 = 0.90373–2.27152.
    result = representation(12, 40, 0.2)
    assert result is not None
    assert result.share == pytest.approx(0.3)
    assert result.ratio == pytest.approx(1.5)
    assert result.share_low == pytest.approx(0.180746, abs=1e-5)
    assert result.share_high == pytest.approx(0.454304, abs=1e-5)
    assert result.ratio_low == pytest.approx(0.90373, abs=1e-4)
    assert result.ratio_high == pytest.approx(2.27152, abs=1e-4)
    assert result.verdict == "proportional"  # the interval includes 1
    assert result.small_sample is False


def test_a_small_sample_is_flagged_and_an_absent_group_is_under_represented():
    result = representation(0, 20, 0.25)
    assert result is not None
    assert result.small_sample is True
    assert result.ratio == 0
    assert result.share_low == 0
    assert 0 < result.share_high < 0.25  # Wilson: 0 of 20 still allows up to ~16 %
    assert result.verdict == "under"


def test_nothing_to_compare_without_known_participants_or_population_share():
    assert representation(0, 0, 0.2) is None
    assert representation(3, 10, None) is None
    assert per_thousand(30, None) is None
    assert per_thousand(30, 15_000) == pytest.approx(2.0)


def test_wilson_interval_refuses_an_empty_sample():
    with pytest.raises(ValueError):
        wilson_interval(0, 0)


@pytest.mark.parametrize(
    ("code", "needs", "group"),
    [
        ("fi", False, "finnish"),
        ("fi-x-plain", False, "finnish"),
        ("sv", False, "swedish"),
        ("en", False, "foreign"),
        ("so", False, "foreign"),
        ("interpreter", False, "foreign"),
        ("fi", True, "foreign"),
        ("", False, "unknown"),
    ],
)
def test_language_of_contact_maps_to_the_statistics_language_groups(code, needs, group):
    assert language_group(code, needs=needs) == group


def test_counts_of_one_to_four_read_less_than_five_and_zero_is_shown():
    cells = protect({"a": 0, "b": 3, "c": 5, "d": 4}, [])
    assert [cells[k].display() for k in "abcd"] == ["0", "<5", "5", "<5"]
    assert cells["b"].public_value is None and cells["b"].marker == "<5"


def test_a_small_cell_cannot_be_recovered_from_its_total():
    # total 11 = 6 Finnish + 3 Swedish + 2 other + 0 unknown: two small cells hide each other.
    parts = {"total": 11, "fi": 6, "sv": 3, "other": 2, "unknown": 0}
    cells = protect(parts, [Partition("total", ["fi", "sv", "other", "unknown"])])
    assert [cells[k].state for k in ("fi", "sv", "other")] == [
        State.SHOWN,
        State.SMALL,
        State.SMALL,
    ]
    # Only one small cell: the smallest other non-zero part is hidden too (not the zero).
    parts = {"total": 14, "fi": 6, "sv": 3, "other": 5, "unknown": 0}
    cells = protect(parts, [Partition("total", ["fi", "sv", "other", "unknown"])])
    assert cells["sv"].state == State.SMALL
    assert cells["other"].state == State.SECONDARY
    with translation.override("en"):
        assert cells["other"].display() == "hidden"
    assert cells["fi"].shown and cells["total"].shown and cells["unknown"].shown


@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=5),
        min_size=1,
        max_size=5,
    )
)
def test_no_sum_ever_has_exactly_one_hidden_cell(rows):
    """Rows and columns of a table with totals: after protection, no row, column or total
    line has a single hidden cell, which subtraction would reveal."""
    width = max(len(r) for r in rows)
    grid = [r + [0] * (width - len(r)) for r in rows]
    counts: dict[tuple[int, int], int] = {}
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            counts[(i, j)] = value
        counts[(i, -1)] = sum(row)
    for j in [*range(width), -1]:
        counts[(-1, j)] = sum(counts[(i, j)] for i in range(len(grid)))
    partitions = [
        Partition((i, -1), [(i, j) for j in range(width)]) for i in [*range(len(grid)), -1]
    ]
    partitions += [
        Partition((-1, j), [(i, j) for i in range(len(grid))]) for j in [*range(width), -1]
    ]
    cells = protect(counts, partitions)
    for partition in partitions:
        members = [partition.total, *partition.parts]
        hidden = [k for k in members if not cells[k].shown]
        assert len(hidden) != 1
        assert all(not cells[k].shown for k in members if 0 < counts[k] < 5)


def test_a_withheld_cell_protects_its_small_neighbour_without_hiding_more():
    parts = {"total": 20, "a": 12, "b": 4, "c": 4}
    cells = protect(parts, [Partition("total", ["a", "b", "c"])], withheld=["a"])
    assert cells["a"].state == State.SECONDARY and cells["total"].shown
    assert cells["b"].state == cells["c"].state == State.SMALL
