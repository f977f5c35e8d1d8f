import io

import pytest
from django.core.management import CommandError, call_command

from luotsi.budgeting.demo import seed_budgeting
from luotsi.budgeting.models import (
    Ballot,
    Cycle,
    Phase,
    PlanResult,
    Proposal,
    ProposalStatus,
    StatusUpdate,
    Workspace,
)
from luotsi.network.demo import seed_network
from luotsi.network.models import Interaction

pytestmark = pytest.mark.django_db


def test_demo_has_a_counted_past_cycle_with_coproduction_and_a_current_one_in_proposals():
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_budgeting_demo", force=True, stdout=io.StringIO())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    seed_network()

    counts = seed_budgeting()

    past, current = Cycle.objects.order_by("voting_starts_at")
    assert past.phase == Phase.IMPLEMENTATION and current.phase == Phase.PROPOSALS
    assert all(c.title.endswith("(demo)") for c in (past, current))
    assert counts["ballots"] == Ballot.objects.filter(cycle=past).count() > 2000
    results = PlanResult.objects.filter(plan__cycle=past)
    assert results.filter(selected=True).exists() and results.filter(selected=False).exists()
    assert Workspace.objects.filter(plan__cycle=past).count() == counts["workspaces"] > 0
    assert StatusUpdate.objects.filter(plan__cycle=past, public=True).exists()
    assert Interaction.objects.filter(summary__startswith="PB workspace").exists()
    statuses = set(Proposal.objects.filter(cycle=current).values_list("status", flat=True))
    assert statuses == set(ProposalStatus.values)
    assert seed_budgeting() == {}  # once
