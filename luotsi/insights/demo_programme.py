"""Demo programme figures for `make seed`: the cost per officer and the programme's other
costs for last year and this year (so the year-over-year view has two years), and a work plan
for every demo officer with goals measured by Luotsi's own figures and one recorded by hand.

Run after the other demo seeds (it uses the demo officers). Everything is labelled: cost
descriptions and plan texts end in MARK.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from luotsi.accounts.demo import DEMO_DOMAIN
from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.insights.models import (
    GoalIndicator,
    ProgrammeCost,
    ProgrammeCostCategory,
    ProgrammeYear,
    WorkPlan,
    WorkPlanGoal,
)

MARK = " (demo)"
# year offset → cost per officer per year (the seed: about 100,000 €)
PERSON_YEAR_COSTS = {-1: Decimal("98000"), 0: Decimal("100000")}
OTHER_COSTS = [
    # (category, description, amount this year; last year is 90 % of it)
    (ProgrammeCostCategory.COORDINATION, "Coordinator", Decimal("95000")),
    (ProgrammeCostCategory.COMMUNICATIONS, "Printed and online materials", Decimal("18000")),
    (ProgrammeCostCategory.TRANSLATION, "Translation of materials", Decimal("24000")),
    (ProgrammeCostCategory.TRAINING, "Officers' training days", Decimal("6000")),
]
GOALS = [
    # (title, indicator, target, manual value)
    ("Neighbourhood cafés in every district", GoalIndicator.EVENTS_HELD, 12, None),
    ("Meet the district's associations", GoalIndicator.ORGANISATIONS_REACHED, 30, None),
    ("Keep in touch with residents and partners", GoalIndicator.INTERACTIONS, 120, None),
    ("School visits about participation", GoalIndicator.MANUAL, 10, 6),
]


@transaction.atomic
def seed_programme() -> dict[str, int]:
    """Idempotent: does nothing when the demo work plans exist already."""
    if WorkPlan.objects.filter(initiatives__endswith=MARK).exists():
        return {}
    coordinator = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
    officers = list(  # those still at work: a former officer keeps no plan for this year
        User.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}",
            role__in=(Role.DISTRICT_OFFICER, Role.BUSINESS_OFFICER),
            pk__in=OfficerAssignment.objects.current().values("officer"),
        ).order_by("pk")
    )
    if coordinator is None or not officers:
        raise ValueError("Create the demo accounts first (seed_demo).")
    year = timezone.localdate().year
    counts = {"programme years": 0, "programme costs": 0, "work plans": 0, "goals": 0}
    for offset, cost in PERSON_YEAR_COSTS.items():
        ProgrammeYear.objects.update_or_create(
            year=year + offset,
            defaults={"cost_per_person_year": cost, "updated_by": coordinator},
        )
        counts["programme years"] += 1
        for category, description, amount in OTHER_COSTS:
            ProgrammeCost.objects.create(
                year=year + offset,
                category=category,
                description=f"{description}{MARK}",
                amount=amount if offset == 0 else (amount * Decimal("0.9")).quantize(Decimal(1)),
                recorded_by=coordinator,
            )
            counts["programme costs"] += 1
    for officer in officers:
        plan = WorkPlan.objects.create(
            officer=officer,
            year=year,
            initiatives=(
                "Reach residents who rarely take part: language cafés with interpretation, "
                f"and visits to schools and housing associations{MARK}"
            ),
        )
        counts["work plans"] += 1
        for order, (title, indicator, target, manual) in enumerate(GOALS):
            WorkPlanGoal.objects.create(
                plan=plan,
                title=title,
                indicator=indicator,
                target=target,
                manual_value=manual,
                order=order,
            )
            counts["goals"] += 1
    return counts
