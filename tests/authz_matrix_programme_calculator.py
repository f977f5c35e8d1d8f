"""Authorization matrix entries for the programme design calculator (merged into
tests/authz_matrix.MATRIX): everyone who may see the programme pages (officers, business
officers, the coordinator); officials and residents 403; anonymous visitors sign in. Bad input
is 400 naming the field."""

from tests.authz_matrix_common import Case, expect

PROGRAMME = expect(200, anonymous=302, resident=403, official=403)
PROGRAMME_BAD = expect(400, anonymous=302, resident=403, official=403)

MATRIX: dict[str, list[Case]] = {
    "programme/calculator/": [
        Case("/programme/calculator/", PROGRAMME),
        Case("/programme/calculator/?majors=1&districts=704&level=neighbourhood", PROGRAMME),
        Case("/programme/calculator/?level=officers&officers=3", PROGRAMME),
        Case("/programme/calculator/?level=custom", PROGRAMME_BAD),
        Case("/programme/calculator/?districts=999", PROGRAMME_BAD),
    ],
}
