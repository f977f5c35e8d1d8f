"""Luotsi's participatory-budgeting counting engine (a pure library: no Django here).

Rules: ``greedy`` (by votes, OmaStadi), ``greedy-cost`` (votes per euro), ``mes`` (Method of
Equal Shares, cost utilities), ``mes-approval`` (approval utilities) and ``phragmen``
(sequential Phragmén). MES completions: ``none``, ``add1`` (raise every voter's share by one
currency unit and rerun until the next step would overspend, keeping the last feasible
outcome), ``add1-exhaustive`` (also stop at the first outcome where no remaining supported
project fits: pabutools' ``voter_budget_increment=1``), ``greedy`` (fill by votes) and
``add1-greedy``. See `count`.

Exact arithmetic
----------------
Costs and the budget are `fractions.Fraction` (Pabulib costs may be decimals). Greedy rules
compare integer vote counts, or votes per euro as fractions. MES and Phragmén keep the
voters' money (loads) exactly as fractions, one value per *class* of voters that have paid
for the same projects, so exact work grows with the number of classes, not of voters. The
search for the next project runs in float64 over numpy arrays with a rigorous error bound
per project; whenever two projects' intervals overlap (a possible tie) or a project's
supporters' money is within the bound of its cost, the decision is redone in exact
fractions. Outcomes are therefore those of exact arithmetic (as pabutools' gmpy2 `mpq`).

Agreement with pabutools (1.2.x)
--------------------------------
Same selected sets as pabutools' ``greedy_utilitarian_welfare`` (``Cost_Sat`` for ``greedy``,
``Cardinality_Sat`` for ``greedy-cost``), ``method_of_equal_shares`` (``Cost_Sat`` /
``Cardinality_Sat``; ``Additive_Cardinal_Sat`` for points), its ``voter_budget_increment=1``
(``add1-exhaustive``), ``exhaustion_by_budget_increase(exhaustive_stop=False,
budget_step=number of voters)`` (``add1``), ``completion_by_rule_combination`` with the greedy
rule (``greedy`` fill) and ``sequential_phragmen``. Quirks kept on purpose, to stay identical:

* greedy rules also take projects nobody voted for if they still fit;
* with cost utilities a free project gives no utility, so MES never selects it;
* Phragmén stops as soon as *any* project tied for the lowest load does not fit;
* when every supported project fits the budget, ``add1`` never overspends; pabutools then stops
  at a per-voter increase of ``floor(budget)`` units, and so do we (in one run, not thousands).

pabutools' own ``min_cost``/``max_cost``/``app_score`` tie-breaking leaves projects with equal
keys in set-iteration order inside MES (not reproducible between runs); ours falls back to ids.

Ties
----
See `tiebreak`: ``lexico`` (pabutools' default, ids compared as strings), ``min-cost``,
``max-cost`` and ``max-votes``, each falling back to ``lexico``, so outcomes are deterministic.
"""

from .explain import MESSAGES, Explanation
from .model import VOTE_TYPES, Instance, Profile, Project
from .pabulib import PabulibError, read_pabulib, write_pabulib
from .rules import COMPLETIONS, RULES, CountingError, Outcome, count
from .tiebreak import TIE_BREAKS

__all__ = [
    "COMPLETIONS",
    "MESSAGES",
    "RULES",
    "TIE_BREAKS",
    "VOTE_TYPES",
    "CountingError",
    "Explanation",
    "Instance",
    "Outcome",
    "PabulibError",
    "Profile",
    "Project",
    "count",
    "read_pabulib",
    "write_pabulib",
]
