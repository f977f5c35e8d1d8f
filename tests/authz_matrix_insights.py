"""Authorization matrix entries for the inclusion figures (merged into tests/authz_matrix.MATRIX).

Officers, business officers and the coordinator see the figures; officials and residents 403;
anonymous visitors sign in. A district's detail is 404 for a district officer of another
major district (officer_east for Vironniemi 101, officer_south for Vuosaari 704).
"""

from tests.authz_matrix_common import API_NETWORK, NETWORK, Case, expect

STAFF_BAD = expect(400, anonymous=302, resident=403, official=403)
SOUTH_DISTRICT = expect(
    404,
    anonymous=302,
    resident=403,
    official=403,
    officer_south=200,
    business_officer=200,
    coordinator=200,
)
EAST_DISTRICT = expect(
    404,
    anonymous=302,
    resident=403,
    official=403,
    officer_east=200,
    business_officer=200,
    coordinator=200,
)
API_NOT_FOUND = expect(404, anonymous=401, resident=403, official=403)

MATRIX: dict[str, list[Case]] = {
    "inclusion/": [Case("/inclusion/", NETWORK)],
    "inclusion/districts/<str:code>/": [
        Case("/inclusion/districts/101/", SOUTH_DISTRICT),
        Case("/inclusion/districts/704/", EAST_DISTRICT),
        Case("/inclusion/districts/999/", expect(404, anonymous=302, resident=403, official=403)),
    ],
    "inclusion/gaps/": [
        Case("/inclusion/gaps/", NETWORK),
        Case("/inclusion/gaps/?indicator=age_65_plus", NETWORK),
        Case("/inclusion/gaps/?indicator=nonsense", STAFF_BAD),
    ],
    "inclusion/export/representation.csv": [Case("/inclusion/export/representation.csv", NETWORK)],
    "inclusion/refresh/": [
        Case("/inclusion/refresh/", expect(302, resident=403, official=403), method="POST"),
        Case("/inclusion/refresh/", expect(405, anonymous=302, resident=403, official=403)),
    ],
    "GET /api/v1/inclusion/representation": [
        Case("/api/v1/inclusion/representation", API_NETWORK),
        Case(
            "/api/v1/inclusion/representation?district=101",
            expect(
                404,
                anonymous=401,
                resident=403,
                official=403,
                officer_south=200,
                business_officer=200,
                coordinator=200,
            ),
        ),
        Case("/api/v1/inclusion/representation?district=nowhere", API_NOT_FOUND),
    ],
    "GET /api/v1/inclusion/gaps": [
        Case("/api/v1/inclusion/gaps", API_NETWORK),
        Case("/api/v1/inclusion/gaps?indicator=language_swedish", API_NETWORK),
        Case(
            "/api/v1/inclusion/gaps?indicator=nonsense",
            expect(422, anonymous=401, resident=403, official=403),
        ),
    ],
}
