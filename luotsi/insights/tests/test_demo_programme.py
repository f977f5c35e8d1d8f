import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.insights.demo_programme import seed_programme
from luotsi.insights.models import ProgrammeCost, ProgrammeYear, WorkPlan

pytestmark = pytest.mark.django_db


def test_demo_gives_two_cost_years_and_a_plan_for_every_demo_officer():
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_programme_demo", force=True, stdout=io.StringIO())
    call_command("seed_demo", force=True, stdout=io.StringIO())

    counts = seed_programme()

    year = timezone.localdate().year
    assert dict(ProgrammeYear.objects.values_list("year", "cost_per_person_year")) == {
        year - 1: Decimal("98000"),
        year: Decimal("100000"),
    }
    assert set(ProgrammeCost.objects.values_list("year", flat=True)) == {year - 1, year}
    officers = User.objects.filter(
        role__in=(Role.DISTRICT_OFFICER, Role.BUSINESS_OFFICER),
        pk__in=OfficerAssignment.objects.current().values("officer"),
    )
    assert set(WorkPlan.objects.values_list("officer", flat=True)) == set(
        officers.values_list("pk", flat=True)
    )
    assert counts["work plans"] == officers.count() == 10
    assert all(plan.goals.count() == 4 for plan in WorkPlan.objects.all())
    assert seed_programme() == {}  # once
