"""Authorization matrix entries for the programme dashboard pages (merged into
tests/authz_matrix.MATRIX).

The dashboard and the team's calendar: the coordinator and the officers (each sees what
permissions_programme allows: their own rows and the team's totals); officials and residents
403; anonymous visitors sign in; a bad period 400 naming the field. A major district's
drill-down: the coordinator and that district's officer; other officers 404.
"""

from luotsi.areas.models import MajorDistrict
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import Case, expect

READ = expect(200, anonymous=302, resident=403, official=403)
READ_BAD = expect(400, anonymous=302, resident=403, official=403)
SOUTH_ONLY = expect(
    404, anonymous=302, resident=403, official=403, coordinator=200, officer_south=200
)
SOUTH_ONLY_BAD = expect(
    404, anonymous=302, resident=403, official=403, coordinator=400, officer_south=400
)
MISSING = expect(404, anonymous=302, resident=403, official=403)


def _south(_p: Personas, query: str = "") -> str:
    code = MajorDistrict.objects.get(city__slug="helsinki", number=1).code
    return f"/programme/districts/{code}/{query}"


MATRIX: dict[str, list[Case]] = {
    "programme/": [
        Case("/programme/", READ),
        Case("/programme/?year=2025", READ),
        Case("/programme/?start=2025-03-01&end=2025-02-01", READ_BAD),
        Case("/programme/?year=abc", READ_BAD),
    ],
    "programme/districts/<str:code>/": [
        Case(_south, SOUTH_ONLY),
        Case(lambda p: _south(p, "?year=2025"), SOUTH_ONLY),
        Case(lambda p: _south(p, "?year=abc"), SOUTH_ONLY_BAD),
        Case("/programme/districts/nowhere/", MISSING),
    ],
    "programme/calendar/": [
        Case("/programme/calendar/", READ),
        Case("/programme/calendar/?start=2025-01-01&end=2025-03-31", READ),
        Case("/programme/calendar/?start=2025-01-01", READ_BAD),
    ],
}
