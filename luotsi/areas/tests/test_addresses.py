from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from luotsi.areas.addresses import AddressIndex, AddressPoint, AddressResult, address_index_for


@pytest.fixture(scope="module")
def index() -> AddressIndex:
    return address_index_for(Path(settings.BASE_DIR) / "data" / "helsinki")


def coordinates(point: AddressPoint | None) -> tuple[float, float] | None:
    return None if point is None else (point.lat, point.lon)


def test_the_whole_helsinki_file_is_indexed_and_cached(index):
    assert len(index) == 42_291
    assert address_index_for(Path(settings.BASE_DIR) / "data" / "helsinki") is index


def test_finnish_street_and_number_resolve_to_one_point(index):
    result = index.lookup("Mannerheimintie 5")
    assert result.match is not None
    assert coordinates(result.match) == (60.16956, 24.94004)
    assert result.match.label() == "Mannerheimintie 5"
    assert result.match.label("sv") == "Mannerheimvägen 5"
    assert result.candidates == []
    assert not result.corrected


def test_swedish_name_finds_the_same_point_as_the_finnish_one(index):
    swedish = index.lookup("Mannerheimvägen 5")
    assert swedish.match == index.lookup("Mannerheimintie 5").match
    assert not swedish.corrected


@pytest.mark.parametrize(
    "query",
    [
        "mannerheimintie 5",
        "MANNERHEIMINTIE   5",
        "  Mannerheimintie\t5 ",
        "Mannerheimintie 5, 00100 Helsinki",
    ],
)
def test_case_spacing_postal_code_and_city_are_ignored(index, query):
    result = index.lookup(query)
    assert coordinates(result.match) == (60.16956, 24.94004)
    assert not result.corrected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Toolonkatu 3", (60.17402, 24.93148)),
        ("toolonkatu 3", (60.17402, 24.93148)),
        ("Mannerheimvagen 5", (60.16956, 24.94004)),
    ],
)
def test_missing_diacritics_still_match_and_are_flagged(index, query, expected):
    result = index.lookup(query)
    assert coordinates(result.match) == expected
    assert result.corrected


def test_a_typo_in_the_street_name_is_corrected(index):
    result = index.lookup("Manerheimintie 5")
    assert result.match is not None
    assert result.match.label() == "Mannerheimintie 5"
    assert result.corrected


@pytest.mark.parametrize(
    "query", ["Mannerheimintie 2a", "Mannerheimintie 2A", "mannerheimintie 2 a"]
)
def test_house_number_letters_match_case_insensitively(index, query):
    result = index.lookup(query)
    assert result.match is not None
    assert result.match.house_number == "2a"
    assert coordinates(result.match) == (60.16653, 24.94270)


def test_different_letters_are_different_points(index):
    first, second = index.lookup("Mannerheimintie 2a"), index.lookup("Mannerheimintie 2b")
    assert first.match is not None and second.match is not None
    assert first.match != second.match


def test_staircase_letter_falls_back_to_the_plain_number(index):
    # Mannerheimintie has no 5a, and "5 A 12" is staircase A, flat 12 of number 5.
    result = index.lookup("Mannerheimintie 5 A 12")
    assert coordinates(result.match) == (60.16956, 24.94004)


def test_street_without_number_gives_candidates_along_it(index):
    result = index.lookup("Mannerheimintie", limit=5)
    assert result.match is None
    assert 1 < len(result.candidates) <= 5
    assert {point.street_fi for point in result.candidates} == {"Mannerheimintie"}
    assert len(set(result.candidates)) == len(result.candidates)


def test_unknown_house_number_gives_the_nearest_numbers_on_the_street(index):
    result = index.lookup("Mannerheimintie 999", limit=3)
    assert result.match is None
    assert [point.house_number for point in result.candidates] == ["170", "168a", "168b"]

    between = index.lookup("Töölönkatu 4b", limit=3)
    assert between.match is None
    assert between.candidates[0].house_number == "4"
    assert {point.house_number for point in between.candidates[1:]} == {"3", "5"}


def test_an_address_recorded_twice_resolves_to_the_spelling_asked_for(index):
    # The data holds Perintökaarentie 15 twice, with two spellings of the Swedish name.
    assert coordinates(index.lookup("Perintökaarentie 15").match) == (60.26212, 24.95980)
    assert coordinates(index.lookup("Ärvabalksvägen 15").match) == (60.26203, 24.95968)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00\x07\x1b",
        "12345",
        "42",
        "00100 Helsinki",
        "xyzzy qwerty",
        "!!!?",
        "a" * 10_000,
    ],
)
def test_nonsense_gives_an_empty_result(index, query):
    assert index.lookup(query) == AddressResult(match=None, candidates=[], corrected=False)


def test_suggest_offers_both_languages(index):
    suggestions = index.suggest("manner")
    assert {"Mannerheimintie", "Mannerheimvägen"} <= set(suggestions)
    assert suggestions[:2] == ["Mannerheimintie", "Mannerheimvägen"]
    assert len(suggestions) <= 8


def test_suggest_ignores_diacritics_and_tolerates_typos(index):
    assert "Töölönkatu" in index.suggest("toolo")
    assert index.suggest("maner", limit=2) == ["Mannerheimintie", "Mannerheimvägen"]
    assert index.suggest("") == []
    assert index.suggest("manner", limit=0) == []


def test_fuzzy_match_between_two_equally_close_streets_is_left_to_the_caller(tmp_path):
    (tmp_path / "addresses.csv").write_text(
        "street_fi,street_sv,house_number,lat,lon\n"
        "Haapatie,Aspvägen,1,60.10000,24.90000\n"
        "Haapatie,Aspvägen,2,60.10010,24.90000\n"
        "Haavatie,,1,60.20000,25.00000\n"
        "Koivukuja,Björkgränden,3,60.30000,25.10000\n",
        encoding="utf-8",
    )
    index = address_index_for(tmp_path)
    assert len(index) == 4

    ambiguous = index.lookup("Haaatie 1")
    assert ambiguous.match is None
    assert ambiguous.corrected
    assert {point.street_fi for point in ambiguous.candidates[:2]} == {"Haapatie", "Haavatie"}
    assert all(point.house_number == "1" for point in ambiguous.candidates[:2])

    exact = index.lookup("Haavatie 1")
    assert exact.match is not None
    assert exact.match.label("sv") == "Haavatie 1"  # no Swedish name, so the Finnish one
    assert not exact.corrected


def test_missing_data_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        address_index_for(tmp_path)


_address_like_words = st.sampled_from(
    [
        "Mannerheimintie",
        "Movägen",
        "Töölönkatu",
        "5",
        "2a",
        "A",
        "12",
        "5-7",
        "00100",
        "Helsinki",
        ",",
    ]
)


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    query=st.one_of(
        st.text(max_size=300),
        st.lists(st.one_of(_address_like_words, st.text(max_size=4)), max_size=6).map(" ".join),
    ),
    limit=st.integers(min_value=-1, max_value=10),
)
def test_lookup_never_raises(index, query, limit):
    result = index.lookup(query, limit=limit)
    assert result.match is None or result.candidates == []
    assert len(result.candidates) <= max(limit, 0)
    index.suggest(query, limit=limit)
