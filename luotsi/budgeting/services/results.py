"""Counting a cycle's ballots into `PlanResult` rows, and publishing the results.

A cycle has one *budget area* per `CycleBudget`: each major district with its own amount, and
the city-wide pot when the cycle has one. Each area is counted on its own by the counting
engine (`luotsi.budgeting.counting`) with the cycle's rule and tie-breaking: its projects are
the plans on the ballot in that area, its voters the ballots naming at least one of them
(approval ballots).

The ballots are read in one query as (ballot, plan) pairs and turned into the engine's compact
profiles with numpy, so the number of queries does not grow with the number of ballots.
"""

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.budgeting.counting import Instance, Outcome, Profile, Project, count
from luotsi.budgeting.models import BallotChoice, Cycle, CycleBudget, Plan, PlanResult
from luotsi.budgeting.permissions import can_run_cycles
from luotsi.budgeting.results_text import explain
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

CITYWIDE = "citywide"
# The Method of Equal Shares leaves money unspent on its own; like equalshares.com we raise
# the voters' shares one euro at a time (Add1) and fill what is left by votes.
COMPLETIONS = {"mes": "add1-greedy", "mes-approval": "add1-greedy"}


def area_key(budget: CycleBudget) -> str:
    """The area's name in addresses and files: the major district's code, or "citywide"."""
    return budget.major_district.code if budget.major_district is not None else CITYWIDE


@dataclass
class AreaTally:
    """One budget area's counting-engine input: its plans (in `instance` order) and ballots."""

    key: str
    budget: CycleBudget
    plans: list[Plan]
    instance: Instance
    profile: Profile

    def count(self, cycle: Cycle) -> Outcome:
        return count(
            self.instance,
            self.profile,
            cycle.counting_rule,
            completion=COMPLETIONS.get(cycle.counting_rule, "none"),
            tie_break=cycle.tie_break,
            max_share=Fraction(cycle.max_project_share_percent, 100),
        )


def cycle_budgets(cycle: Cycle) -> list[CycleBudget]:
    """The cycle's budget areas: major districts by number, then the city-wide pot."""
    return list(
        CycleBudget.objects.filter(cycle=cycle)
        .select_related("major_district")
        .defer("major_district__geometry")
        .order_by(F("major_district__number").asc(nulls_last=True))
    )


def cycle_tallies(cycle: Cycle) -> list[AreaTally]:
    """Every budget area of the cycle with its plans on the ballot and its ballots, in a fixed
    number of queries (three), whatever the number of ballots."""
    budgets = cycle_budgets(cycle)
    plans = list(Plan.objects.on_ballot().filter(cycle=cycle).order_by("code", "pk"))
    by_area: dict[int | None, list[Plan]] = {}
    for plan in plans:
        by_area.setdefault(plan.major_district_id, []).append(plan)
    pairs = _choice_pairs(cycle)
    # Each plan's area (index into `budgets`) and position within its area, by plan pk.
    plan_pks = np.array(sorted(p.pk for p in plans), dtype=np.int64)
    area_of = np.full(len(plan_pks), -1, dtype=np.int64)
    position_of = np.zeros(len(plan_pks), dtype=np.int64)
    for area, budget in enumerate(budgets):
        for position, plan in enumerate(by_area.get(budget.major_district_id, [])):
            at = int(np.searchsorted(plan_pks, plan.pk))
            area_of[at], position_of[at] = area, position
    ballot_ids, plan_ids = pairs[:, 0], pairs[:, 1]
    found = np.searchsorted(plan_pks, plan_ids)
    known = found < len(plan_pks)
    known[known] = plan_pks[found[known]] == plan_ids[known]
    pair_area = np.full(len(plan_ids), -1, dtype=np.int64)
    pair_area[known] = area_of[found[known]]
    tallies = []
    for area, budget in enumerate(budgets):
        area_plans = by_area.get(budget.major_district_id, [])
        mine = pair_area == area
        voters = ballot_ids[mine]  # sorted by ballot: the query orders them
        positions = position_of[found[mine]]
        # A new ballot starts wherever the ballot id changes.
        starts = np.flatnonzero(np.diff(voters, prepend=-1) != 0)
        indptr = np.append(starts, len(voters)).astype(np.int64)
        instance = Instance(
            [Project(plan.code, Fraction(plan.cost_estimate or 0)) for plan in area_plans],
            budget.amount,
        )
        profile = Profile.from_arrays(len(area_plans), indptr, positions)
        tallies.append(AreaTally(area_key(budget), budget, area_plans, instance, profile))
    return tallies


def _choice_pairs(cycle: Cycle) -> np.ndarray:
    """All (ballot id, plan id) pairs of the cycle's ballots, ordered by ballot: one query."""
    rows = (
        BallotChoice.objects.filter(ballot__cycle_id=cycle.pk)
        .order_by("ballot_id", "plan_id")
        .values_list("ballot_id", "plan_id")
    )
    flat = np.fromiter(
        itertools.chain.from_iterable(rows.iterator(chunk_size=20_000)), dtype=np.int64
    )
    return flat.reshape(-1, 2)


def _results(cycle: Cycle, tally: AreaTally, outcome: Outcome) -> list[PlanResult]:
    votes = tally.profile.approval_scores().tolist() if tally.plans else []
    order = {code: rank for rank, code in enumerate(outcome.selected)}
    # Selected plans in the order the rule chose them, then the others by votes.
    rest = sorted(
        (p for p in range(len(tally.plans)) if tally.plans[p].code not in order),
        key=lambda p: (-votes[p], tally.plans[p].code),
    )
    for p in rest:
        order[tally.plans[p].code] = len(order)
    results = []
    for position, plan in enumerate(tally.plans):
        why = outcome.explanations[plan.code]
        data: dict[str, Any] = {
            "code": why.code,
            "params": why.params,
            "message": why.message,
            "area": tally.key,
            "budget": tally.budget.amount,
            "cost": plan.cost_estimate,
            "area_voters": tally.profile.num_voters,
            "rule": outcome.rule,
            "completion": outcome.completion,
            "tie_break": outcome.tie_break,
        }
        with translation.override(settings.LANGUAGE_CODE):
            text = explain(data)
        results.append(
            PlanResult(
                plan=plan,
                votes=int(votes[position]),
                selected=why.selected,
                rank=order[plan.code] + 1,
                explanation=text,
                explanation_data=data,
            )
        )
    return results


@dataclass
class CountSummary:
    ballots: int
    selected: int
    results: int


def cycle_count(*, cycle: Cycle, by: User) -> CountSummary:
    """Count the cycle's ballots, area by area, into `PlanResult` rows and set `counted_at`.

    Only the coordinator, only after voting has closed and before the results are published.
    Counting again replaces the earlier results, in one transaction holding the cycle's row
    lock (so two counts, or a count and a publication, cannot interleave)."""
    if not can_run_cycles(by):
        raise PermissionDenied
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if timezone.now() < locked.voting_ends_at:
            raise ValidationError(_("The votes can be counted only after voting has closed."))
        if locked.results_published_at is not None:
            raise ValidationError(
                _("The results have been published: they can no longer be counted again.")
            )
        results: list[PlanResult] = []
        for tally in cycle_tallies(locked):
            if tally.plans:
                results += _results(locked, tally, tally.count(locked))
        PlanResult.objects.filter(plan__cycle=locked).delete()
        PlanResult.objects.bulk_create(results)
        locked.counted_at = timezone.now()
        locked.save(update_fields=["counted_at", "updated_at"])
        ballots = locked.ballots.count()
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            summary=f"PB votes counted: {ballots} ballots, {len(results)} plans",
        )
    cycle.counted_at = locked.counted_at
    return CountSummary(
        ballots=ballots, selected=sum(r.selected for r in results), results=len(results)
    )


def cycle_publish_results(*, cycle: Cycle, by: User) -> Cycle:
    """Publish the counted results: residents, the API and the Pabulib files see them from
    now on. Only the coordinator, only once the votes have been counted."""
    if not can_run_cycles(by):
        raise PermissionDenied
    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.counted_at is None:
            raise ValidationError(_("Count the votes before publishing the results."))
        if locked.results_published_at is not None:
            raise ValidationError(_("The results have already been published."))
        locked.results_published_at = timezone.now()
        locked.save(update_fields=["results_published_at", "updated_at"])
        audit_record(
            actor=by, action=AuditAction.CHANGE, obj=locked, summary="PB results published"
        )
    cycle.results_published_at = locked.results_published_at
    return locked
