"""The insights app's models: participation counts (the inclusion and open-data figures), the
programme's costs and the officers' yearly work plans."""

from luotsi.insights.models.costs import ProgrammeCost, ProgrammeCostCategory, ProgrammeYear
from luotsi.insights.models.participation import (
    PENDING_CHANNELS,
    UNKNOWN,
    AgeGroup,
    Dimension,
    LanguageGroup,
    ParticipationChannel,
    ParticipationCount,
    ParticipationRefresh,
)
from luotsi.insights.models.workplans import GoalIndicator, WorkPlan, WorkPlanGoal

__all__ = [
    "PENDING_CHANNELS",
    "UNKNOWN",
    "AgeGroup",
    "Dimension",
    "GoalIndicator",
    "LanguageGroup",
    "ParticipationChannel",
    "ParticipationCount",
    "ParticipationRefresh",
    "ProgrammeCost",
    "ProgrammeCostCategory",
    "ProgrammeYear",
    "WorkPlan",
    "WorkPlanGoal",
]
