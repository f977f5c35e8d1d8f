from luotsi.budgeting.models.coproduction import (
    MemberRole,
    StatusUpdate,
    Workspace,
    WorkspaceMember,
    WorkspaceTask,
)
from luotsi.budgeting.models.cycles import (
    COUNTING_RULE_CHOICES,
    BallotFormat,
    Cycle,
    CycleBudget,
    Phase,
    SplitFormula,
)
from luotsi.budgeting.models.proposals import (
    ImplementationStatus,
    Plan,
    PlanResult,
    PlanStatus,
    Proposal,
    ProposalStatus,
)
from luotsi.budgeting.models.voting import Ballot, BallotChannel, BallotChoice

__all__ = [
    "COUNTING_RULE_CHOICES",
    "Ballot",
    "BallotChannel",
    "BallotChoice",
    "BallotFormat",
    "Cycle",
    "CycleBudget",
    "ImplementationStatus",
    "MemberRole",
    "Phase",
    "Plan",
    "PlanResult",
    "PlanStatus",
    "Proposal",
    "ProposalStatus",
    "SplitFormula",
    "StatusUpdate",
    "Workspace",
    "WorkspaceMember",
    "WorkspaceTask",
]
