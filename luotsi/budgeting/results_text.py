"""Plain-language explanations of a count, in the reader's language.

The counting engine explains each project with a stable code and its parameters (English
only, `counting.explain.MESSAGES`); `PlanResult.explanation_data` keeps them, and this module
renders them through gettext so each reader gets Finnish, Swedish or English. Amounts in the
parameters are the engine's exact strings ("1250", "1000/3"), shown here as euros.
"""

from fractions import Fraction
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from luotsi.budgeting.counting import MESSAGES

TEXTS: dict[str, Promise] = {
    "selected_fits": _(
        "Selected: %(votes)s votes. When its turn came, its cost of %(cost)s fitted in the "
        "%(remaining)s still left."
    ),
    "selected_free": _("Selected: it costs nothing and has supporters."),
    "selected_equal_shares": _(
        "Selected in round %(round)s: its %(supporters)s supporters could pay its cost of "
        "%(cost)s between them, each paying at most %(price)s — the best value for money in "
        "that round."
    ),
    "selected_completion_fits": _(
        "Selected when the money left over was shared out by votes: %(votes)s votes, and its "
        "cost of %(cost)s fitted in the %(remaining)s still left."
    ),
    "selected_phragmen": _(
        "Selected in round %(round)s: buying it kept the largest share any of its "
        "%(supporters)s supporters carried lowest (%(load)s)."
    ),
    "rejected_no_fit": _(
        "Not selected: %(votes)s votes. When its turn came, its cost of %(cost)s was more than "
        "the %(remaining)s still left."
    ),
    "rejected_over_max_share": _(
        "Not selected: its cost of %(cost)s is more than %(max_share_percent)s %% of the "
        "budget (%(cap)s), the most one plan may cost."
    ),
    "rejected_no_support": _("Not selected: nobody voted for it."),
    "rejected_free_no_utility": _(
        "Not selected: it costs nothing, and the Method of Equal Shares as used here only "
        "weighs plans by their cost."
    ),
    "rejected_supporters_cannot_afford": _(
        "Not selected: its supporters had %(money)s left between them, less than its cost of "
        "%(cost)s."
    ),
    "rejected_exceeds_budget": _(
        "Not selected: its cost of %(cost)s is more than the whole budget of %(budget)s."
    ),
    "rejected_phragmen_stopped": _(
        "Not selected: counting stopped in round %(round)s, when the next plan (%(blocker)s) "
        "did not fit in the %(remaining)s still left."
    ),
}
MONEY_PARAMS = ("cost", "remaining", "price", "money", "cap", "budget", "load")
COUNT_PARAMS = ("votes", "supporters", "round")


def euros(value: Any) -> str:
    """An exact amount ("1250", "12.5", "1000/3", 1250) as euros in the page's language:
    whole euros when exact, else cents."""
    try:
        amount = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        return str(value)  # "∞" for a load nobody can carry
    if amount.denominator == 1:
        return number_format(amount.numerator, force_grouping=True) + "\u00a0€"
    return number_format(float(amount), decimal_pos=2, force_grouping=True) + "\u00a0€"


def whole(value: Any) -> str:
    return number_format(value, force_grouping=True) if isinstance(value, int) else str(value)


def explain(data: dict[str, Any]) -> str:
    """The sentence for one plan from its `PlanResult.explanation_data`, in the active language."""
    code = data.get("code", "")
    params = dict(data.get("params") or {})
    if code not in TEXTS:
        # A code this version does not know: the engine's English sentence beats nothing.
        return str(data.get("message") or (MESSAGES[code].format(**params) if code else ""))
    shown: dict[str, str] = {}
    for name, value in params.items():
        if name in MONEY_PARAMS:
            shown[name] = euros(value)
        elif name in COUNT_PARAMS:
            shown[name] = whole(value)
        elif name == "max_share_percent":
            shown[name] = number_format(float(Fraction(str(value))), decimal_pos=0)
        else:
            shown[name] = str(value)
    try:
        return str(TEXTS[code]) % shown
    except (KeyError, ValueError):
        return str(data.get("message", ""))
