"""The annual report's fixed texts: how costs and work plans are counted (the dashboard's
figures bring their own definitions), what the report does not count, and its sources."""

from typing import Any

from django.utils.translation import gettext_lazy as _

DEFINITIONS: list[tuple[Any, Any]] = [
    (
        _("Costs"),
        _(
            "Officer costs are person-years times the cost per person-year of each year. Event "
            "spending is the spent and committed costs of events that started in the period. "
            "Other costs are the programme's other costs of the period's years, prorated by days "
            "for part of a year. The events budget is an allocation, not a cost."
        ),
    ),
    (
        _("Cost per participant and per event"),
        _(
            "The total cost divided by the participations (each person once per month and "
            "channel, whole months), and event spending divided by the events held."
        ),
    ),
    (
        _("Work plans"),
        _(
            "A goal is met when its indicator reaches the target, and on track when it is at "
            "least the target times the share of the year passed."
        ),
    ),
]

NOT_COUNTED: list[Any] = [
    _(
        "The report shows the team and the areas, not individual officers: the dashboard has "
        "each officer's figures for those who may see them."
    ),
    _(
        "Work that is not recorded in Luotsi (informal encounters, e-mail outside it) is not "
        "counted."
    ),
    _(
        "The coordinator's work has no figures of its own; its cost is among the other costs "
        "(coordination)."
    ),
    _(
        "Business liaison officers work city-wide: their costs are in the city-wide row and "
        "their work in the team's totals, not in a major district's."
    ),
    _(
        "Participatory budgeting shows the status of the co-produced plans today, whatever the "
        "period."
    ),
]

SOURCES: list[Any] = [
    _(
        "Luotsi records: the officers' interaction log, events and registrations, residents' "
        "messages, campaigns, participatory budgeting and work plans."
    ),
    _(
        "Costs: the cost per person-year and the other costs entered by the coordinator, the "
        "events budgets and the costs recorded on events."
    ),
    _(
        "Areas and population: the city's major districts and districts and their statistics, as "
        "loaded in Luotsi."
    ),
]
