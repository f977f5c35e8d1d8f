"""The pb_count management command."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

DATA = Path(__file__).resolve().parent.parent / "data"
APPROVAL = str(DATA / "synthetic_approval.pb")


def run(*args: str) -> str:
    out = StringIO()
    call_command("pb_count", *args, stdout=out)
    return out.getvalue()


def test_prints_selected_ids_in_order():
    assert run(APPROVAL, "--rule", "greedy").splitlines() == ["A", "B", "C"]
    assert run(APPROVAL, "--rule", "mes").splitlines() == ["A", "B", "D"]


def test_json_output():
    data = json.loads(run(APPROVAL, "--rule", "mes", "--completion", "add1-greedy", "--json"))
    assert data["rule"] == "mes"
    assert data["selected"] == ["A", "B", "D"]
    assert data["total_cost"] == 300
    assert data["budget"] == 300
    assert set(data["explanations"]) == {"A", "B", "C", "D"}
    assert data["explanations"]["C"]["code"] == "rejected_supporters_cannot_afford"
    assert data["explanations"]["A"]["message"].startswith("Selected in round 1")


def test_max_share_and_tie_break():
    assert run(APPROVAL, "--rule", "greedy", "--max-share", "0.25").splitlines() == []
    assert run(APPROVAL, "--rule", "phragmen", "--tie-break", "max-cost").splitlines() == [
        "A",
        "B",
        "D",
    ]


def test_bad_input_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "nope.pb"), "--rule", "greedy")
    broken = tmp_path / "broken.pb"
    broken.write_text("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;x\n")
    with pytest.raises(CommandError, match="line 6: cost 'x' is not a number"):
        run(str(broken), "--rule", "greedy")
    with pytest.raises(CommandError, match="MES rules only"):
        run(APPROVAL, "--rule", "greedy", "--completion", "add1")
    with pytest.raises(CommandError, match="max-share"):
        run(APPROVAL, "--rule", "greedy", "--max-share", "half")
    with pytest.raises(CommandError, match="max-share"):
        run(APPROVAL, "--rule", "greedy", "--max-share", "1/0")
    with pytest.raises(CommandError):
        run(APPROVAL, "--rule", "borda")
