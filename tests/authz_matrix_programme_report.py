"""Authorization matrix entries for the programme report pages (merged into
tests/authz_matrix.MATRIX).

The coordinator reports on any scope; a district officer on the whole city and their own major
districts (others 404); a business officer on the whole city (every major district 404);
officials and residents 403; anonymous visitors sign in. Bad query parameters: the form with
the errors, 400. Major district 1 is officer_south's, 7 officer_east's."""

from tests.authz_matrix_common import Case, expect

READ = expect(200, anonymous=302, resident=403, official=403)
READ_BAD = expect(400, anonymous=302, resident=403, official=403)
SOUTH = expect(404, anonymous=302, resident=403, official=403, officer_south=200, coordinator=200)
EAST = expect(404, anonymous=302, resident=403, official=403, officer_east=200, coordinator=200)

MATRIX: dict[str, list[Case]] = {
    "programme/report/": [
        Case("/programme/report/", READ),
        Case("/programme/report/?year=2025&scope=city&language=sv", READ),
        Case("/programme/report/?year=2025&scope=1", SOUTH),
        Case("/programme/report/?year=abc", READ_BAD),
        Case("/programme/report/?scope=nowhere", READ_BAD),
    ],
    "programme/report/view/": [
        Case("/programme/report/view/", READ),
        Case("/programme/report/view/?start=2025-01-01&end=2025-06-30&language=fi", READ),
        Case("/programme/report/view/?year=2025&scope=7", EAST),
        Case("/programme/report/view/?language=de", READ_BAD),
    ],
    "programme/report/pdf/": [
        Case("/programme/report/pdf/?year=2025&scope=1&language=sv", SOUTH),
        Case("/programme/report/pdf/?start=2025-01-01", READ_BAD),
    ],
}
