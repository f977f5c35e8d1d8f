"""Structured explanations: a stable code, its parameters and an English message.

The web layer translates by ``code`` and ``params``; ``message`` is the English rendering.
Money amounts in ``params`` are strings of exact decimals or fractions ("1250", "1000/3").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

MESSAGES: dict[str, str] = {
    # selected
    "selected_fits": (
        "Selected: with {votes} votes it was next in line and its cost {cost} fitted the "
        "remaining budget {remaining}."
    ),
    "selected_free": "Selected: it costs nothing and has supporters.",
    "selected_equal_shares": (
        "Selected in round {round}: its {supporters} supporters could pay its cost {cost}, "
        "each paying at most {price}, the best value for money of that round."
    ),
    "selected_completion_fits": (
        "Selected when completing the outcome: with {votes} votes its cost {cost} fitted "
        "the remaining budget {remaining}."
    ),
    "selected_phragmen": (
        "Selected in round {round}: its {supporters} supporters reached the lowest maximum "
        "load {load} when buying it."
    ),
    # not selected
    "rejected_no_fit": (
        "Not selected: its cost {cost} did not fit the remaining budget {remaining} when its "
        "turn came."
    ),
    "rejected_over_max_share": (
        "Not selected: its cost {cost} exceeds the cap of {max_share_percent}% of the budget "
        "({cap})."
    ),
    "rejected_no_support": "Not selected: no voter supported it.",
    "rejected_free_no_utility": (
        "Not selected: it costs nothing, so with utilities equal to cost it gives its "
        "supporters no utility and Equal Shares does not consider it."
    ),
    "rejected_supporters_cannot_afford": (
        "Not selected: its supporters' remaining money {money} could not cover its cost {cost}."
    ),
    "rejected_exceeds_budget": "Not selected: its cost {cost} exceeds the whole budget {budget}.",
    "rejected_phragmen_stopped": (
        "Not selected: the rule stopped in round {round} because the next project, {blocker}, "
        "did not fit the remaining budget {remaining}."
    ),
}


def money(value: Fraction | int) -> str:
    """Exact rendering: an integer, a finite decimal, or a fraction ``p/q``."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    den = value.denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den == 1:
        digits = 0
        scaled = value
        while scaled.denominator != 1:
            scaled *= 10
            digits += 1
        sign = "-" if scaled < 0 else ""
        text = str(abs(scaled.numerator)).rjust(digits + 1, "0")
        return f"{sign}{text[:-digits]}.{text[-digits:]}"
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True)
class Explanation:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def selected(self) -> bool:
        return self.code.startswith("selected")

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "message": self.message}
