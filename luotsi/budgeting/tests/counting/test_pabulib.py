"""Pabulib reading and writing; every malformed file gives a line number and a reason."""

import io
from fractions import Fraction
from pathlib import Path

import pytest

from luotsi.budgeting.counting import (
    Instance,
    PabulibError,
    Profile,
    Project,
    count,
    read_pabulib,
    write_pabulib,
)
from luotsi.budgeting.counting.pabulib import read_pabulib_text

DATA = Path(__file__).resolve().parent.parent / "data"

HEADER = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;60\n2;50\n"


def test_reads_quoted_fields_and_the_selected_column():
    instance, profile = read_pabulib(DATA / "synthetic_approval.pb")
    assert instance.budget == 300
    assert instance.ids == ["A", "B", "C", "D"]
    assert instance.projects[0].extra["name"] == 'Park; benches and "shade"'
    assert instance.meta["description"] == "Synthetic test election; not real data"
    assert profile.num_voters == 6
    assert profile.num_distinct == 2  # "C,B,A" is the same ballot as "A,B,C"
    official = [p.id for p in instance.projects if p.extra["selected"] == "1"]
    assert count(instance, profile, "greedy").selected == official


def test_reads_cumulative_points():
    instance, profile = read_pabulib(DATA / "synthetic_cumulative.pb")
    assert profile.vote_type == "cumulative"
    assert profile.total_points().tolist() == [6, 3, 6]
    # Points per euro: "3" 6/4, "1" 6/5, "2" 3/5; "3" and "1" fit in 10, "2" does not.
    assert count(instance, profile, "greedy-cost").selected == ["3", "1"]


def test_bom_crlf_decimal_comma_and_empty_votes(tmp_path):
    path = tmp_path / "x.pb"
    text = HEADER.replace("1;60", "1;60,5") + "VOTES\nvoter_id;vote\n1;1\n2;\n"
    path.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode())
    instance, profile = read_pabulib(path)
    assert instance.costs[0] == Fraction(121, 2)
    assert profile.num_voters == 2
    assert sorted(profile.ballot(b) for b in range(profile.num_distinct)) == [[], [0]]


@pytest.mark.parametrize("vote_type", ["approval", "cumulative", "scoring", "ordinal"])
def test_round_trip(tmp_path, vote_type):
    costs = {"x": Fraction(10), "y;z": Fraction("2.5"), "w": Fraction(3)}
    projects = [Project(pid, cost) for pid, cost in costs.items()]
    instance = Instance(projects, "12.5", {"description": 'quote " and ; semicolon'})
    if vote_type in ("cumulative", "scoring"):
        cardinal: list[dict[int, int]] = [{0: 2, 1: 1}, {2: 3}, {0: 2, 1: 1}, {}]
        profile = Profile.from_ballots(3, cardinal, vote_type)
    else:
        sets = [[2, 0], [0, 2], [1]] if vote_type == "ordinal" else [[0, 1], [2], [1, 0], []]
        profile = Profile.from_ballots(3, sets, vote_type)
    path = tmp_path / "round.pb"
    write_pabulib(instance, profile, path, selected=["x"])
    again, again_profile = read_pabulib(path)
    assert again.ids == instance.ids
    assert again.costs == instance.costs
    assert again.budget == instance.budget
    assert again.meta["description"] == instance.meta["description"]
    assert [p.extra["selected"] for p in again.projects] == ["1", "0", "0"]
    assert again_profile.vote_type == vote_type
    assert again_profile.num_voters == profile.num_voters

    def ballots_of(prof: Profile):
        return sorted(
            (tuple(prof.ballot(b)), tuple(prof.ballot_points(b)), int(prof.multiplicity[b]))
            for b in range(prof.num_distinct)
        )

    assert ballots_of(again_profile) == ballots_of(profile)


def test_meta_without_its_header_line():
    instance, _ = read_pabulib_text(HEADER.replace("key;value\n", "") + "VOTES\nvote\n1\n")
    assert instance.budget == 100


def test_streams_a_large_file():
    lines = [HEADER, "VOTES\nvoter_id;vote\n"]
    lines.extend(f"{i};{'1,2' if i % 3 else '2'}\n" for i in range(30_000))
    _instance, profile = read_pabulib(io.StringIO("".join(lines)))
    assert profile.num_voters == 30_000
    assert profile.num_distinct == 2


BAD = [
    ("", 0, "missing section"),
    ("key;value\n", 1, "META section first"),
    (
        "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvote\n",
        7,
        "no budget",
    ),
    (HEADER.replace("1;60", "1;sixty"), 7, "cost 'sixty' is not a number"),
    (HEADER.replace("1;60", "1;-60"), 7, "negative cost"),
    (HEADER.replace("2;50", "1;50"), 8, "duplicate project_id"),
    (HEADER.replace("2;50", "2;50;extra"), 8, "expected 2 fields"),
    (HEADER.replace("project_id;cost", "project_id;price"), 6, "no 'cost' column"),
    (HEADER + "VOTES\nvoter_id;vote\n1;1,3\n", 11, "unknown project '3'"),
    (HEADER + "VOTES\nvoter_id;vote\n1;1,1\n", 11, "names a project twice"),
    (HEADER + "VOTES\nvoter_id;vote\n1;1\n1;2\n", 12, "duplicate voter_id"),
    (HEADER + "VOTES\nvoter_id;ballot\n1;1\n", 10, "no 'vote' column"),
    (HEADER + 'VOTES\nvoter_id;vote\n1;"1,2\n', 11, "cannot split"),
    (HEADER.replace("approval", "borda") + "VOTES\nvoter_id;vote\n", 9, "unsupported vote_type"),
    (
        HEADER.replace("approval", "cumulative") + "VOTES\nvoter_id;vote;points\n1;1,2;3\n",
        11,
        "2 projects in the vote but 1 points",
    ),
    (
        HEADER.replace("approval", "cumulative") + "VOTES\nvoter_id;vote;points\n1;1;x\n",
        11,
        "not a whole number",
    ),
    (HEADER.replace("approval", "scoring") + "VOTES\nvoter_id;vote\n", 10, "need a 'points'"),
    ("META\nkey;value\nbudget;1\nVOTES\nvote\n", 4, "VOTES before PROJECTS"),
    (HEADER + "META\n", 9, "META appears twice"),
    (HEADER + "VOTES\nvoter_id;vote\nPROJECTS\n", 11, "PROJECTS appears twice"),
    (
        "META\nkey;value\nbudget;1\nPROJECTS\nproject_id;cost\nVOTES\nvote\nMETA2\n",
        8,
        "unknown project 'META2'",
    ),
    (HEADER.replace("budget;100", "budget;lots") + "VOTES\nvote\n", 0, "budget 'lots'"),
    ("META\nkey;value\nlonely\n", 3, "needs a key and a value"),
    (HEADER.replace("1;60", "1;Infinity"), 7, "not a number in range"),
    (HEADER.replace("1;60", "1;1e999999999"), 7, "not a number in range"),
    (
        HEADER.replace("approval", "scoring") + "VOTES\nvoter_id;vote;points\n1;1;-2\n",
        11,
        "out of range",
    ),
    (
        HEADER.replace("approval", "scoring") + "VOTES\nvoter_id;vote;points\n1;1;" + "9" * 30,
        11,
        "out of range",
    ),
]


@pytest.mark.parametrize(("text", "line", "reason"), BAD)
def test_malformed_files_are_rejected_with_line_and_reason(text, line, reason):
    with pytest.raises(PabulibError) as caught:
        read_pabulib_text(text)
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_unreadable_files(tmp_path):
    with pytest.raises(PabulibError, match="cannot read"):
        read_pabulib(tmp_path / "missing.pb")
    binary = tmp_path / "binary.pb"
    binary.write_bytes(b"META\nkey;value\nbudget;\xff\xfe\n")
    with pytest.raises(PabulibError, match="not UTF-8"):
        read_pabulib(binary)
