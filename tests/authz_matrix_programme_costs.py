"""Authorization matrix entries for the programme costs pages (merged into
tests/authz_matrix.MATRIX).

Reading: the coordinator and the officers (each sees their own rows and the total);
officials and residents 403; anonymous visitors sign in. Editing a year's costs: the
coordinator only (officers 403 too). Bad input: 400 naming the field; unknown year or cost 404.
"""

from decimal import Decimal

from luotsi.insights.models import ProgrammeCost
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import Case, expect

READ = expect(200, anonymous=302, resident=403, official=403)
READ_BAD = expect(400, anonymous=302, resident=403, official=403)
EDIT = expect(403, anonymous=302, coordinator=200)
EDIT_DONE = expect(403, anonymous=302, coordinator=302)
EDIT_BAD = expect(403, anonymous=302, coordinator=400)
EDIT_MISSING = expect(403, anonymous=302, coordinator=404)


def _cost(p: Personas) -> int:
    cost, _created = ProgrammeCost.objects.get_or_create(
        year=2025,
        description="Matrix cost",
        defaults={
            "category": "premises",
            "amount": Decimal("100"),
            "recorded_by": p.coordinator,
        },
    )
    return cost.pk


MATRIX: dict[str, list[Case]] = {
    "programme/costs/": [
        Case("/programme/costs/", READ),
        Case("/programme/costs/?year=2025", READ),
        Case("/programme/costs/?start=2025-03-01&end=2025-02-01", READ_BAD),
        Case("/programme/costs/?year=abc", READ_BAD),
    ],
    "programme/costs/csv/": [
        Case("/programme/costs/csv/?year=2025", READ),
        Case("/programme/costs/csv/?start=2025-01-01", READ_BAD),
    ],
    "programme/costs/years/": [
        Case("/programme/costs/years/", READ),
        Case("/programme/costs/years/?first=2023&last=2025", READ),
        Case("/programme/costs/years/?first=2025&last=2023", READ_BAD),
    ],
    "programme/costs/<int:year>/": [
        Case("/programme/costs/2025/", EDIT),
        Case("/programme/costs/1999/", EDIT_MISSING),
        Case(
            "/programme/costs/2025/",
            EDIT_DONE,
            method="POST",
            data={"action": "rate", "cost_per_person_year": "95000"},
        ),
        Case(
            "/programme/costs/2025/",
            EDIT_BAD,
            method="POST",
            data={"action": "rate", "cost_per_person_year": "-5"},
        ),
        Case(
            "/programme/costs/2025/",
            EDIT_DONE,
            method="POST",
            data={
                "action": "add",
                "category": "training",
                "description": "Training day",
                "amount": "1200",
            },
        ),
        Case(
            "/programme/costs/2025/",
            EDIT_BAD,
            method="POST",
            data={"action": "add", "category": "nonsense", "description": "", "amount": "x"},
        ),
    ],
    "programme/costs/<int:year>/other/<int:pk>/remove/": [
        Case(lambda p: f"/programme/costs/2025/other/{_cost(p)}/remove/", EDIT),
        Case(lambda p: f"/programme/costs/2025/other/{_cost(p)}/remove/", EDIT_DONE, "POST"),
        Case("/programme/costs/2025/other/999999/remove/", EDIT_MISSING),
        Case(lambda p: f"/programme/costs/2024/other/{_cost(p)}/remove/", EDIT_MISSING),
    ],
}
