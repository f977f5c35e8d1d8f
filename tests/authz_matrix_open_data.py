"""Authorization matrix entries for the open data (merged into tests/authz_matrix.MATRIX).

Everything is public: every persona, signed in or not, gets the same 200 (an unknown dataset
is 404 for everyone, a malformed filter 422)."""

from tests.authz_matrix_common import EVERYONE_OK, Case, expect

NOT_FOUND = expect(404)
INVALID = expect(422)

MATRIX: dict[str, list[Case]] = {
    "open-data/": [Case("/open-data/", EVERYONE_OK)],
    "open-data/dictionary/": [Case("/open-data/dictionary/", EVERYONE_OK)],
    "open-data/dictionary.json": [Case("/open-data/dictionary.json", EVERYONE_OK)],
    "open-data/<slug:dataset>.csv": [
        Case("/open-data/participation.csv", EVERYONE_OK),
        Case("/open-data/events.csv", EVERYONE_OK),
        Case("/open-data/concerns.csv", EVERYONE_OK),
        Case("/open-data/pb-results.csv", EVERYONE_OK),
        Case("/open-data/pb-implementation.csv", EVERYONE_OK),
        Case("/open-data/campaign-coverage.csv", EVERYONE_OK),
        Case("/open-data/nothing.csv", NOT_FOUND),
    ],
    "open-data/<slug:dataset>.json": [
        Case("/open-data/participation.json", EVERYONE_OK),
        Case("/open-data/events.json", EVERYONE_OK),
        Case("/open-data/concerns.json", EVERYONE_OK),
        Case("/open-data/pb-results.json", EVERYONE_OK),
        Case("/open-data/pb-implementation.json", EVERYONE_OK),
        Case("/open-data/campaign-coverage.json", EVERYONE_OK),
        Case("/open-data/nothing.json", NOT_FOUND),
    ],
    "GET /api/v1/open/": [Case("/api/v1/open/", EVERYONE_OK)],
    "GET /api/v1/open/dictionary": [Case("/api/v1/open/dictionary", EVERYONE_OK)],
    "GET /api/v1/open/participation": [
        Case("/api/v1/open/participation", EVERYONE_OK),
        Case("/api/v1/open/participation?district=101&month_from=2026-01", EVERYONE_OK),
        Case("/api/v1/open/participation?month_from=2026-13", INVALID),
        Case("/api/v1/open/participation?page=0", INVALID),
    ],
    "GET /api/v1/open/events": [
        Case("/api/v1/open/events", EVERYONE_OK),
        Case("/api/v1/open/events?district=101&page_size=5", EVERYONE_OK),
        Case("/api/v1/open/events?page_size=100000", INVALID),
    ],
    "GET /api/v1/open/concerns": [
        Case("/api/v1/open/concerns", EVERYONE_OK),
        Case("/api/v1/open/concerns?district=101", EVERYONE_OK),
    ],
    "GET /api/v1/open/pb-results": [
        Case("/api/v1/open/pb-results", EVERYONE_OK),
        Case("/api/v1/open/pb-results?cycle=nothing", EVERYONE_OK),
    ],
    "GET /api/v1/open/pb-implementation": [
        Case("/api/v1/open/pb-implementation", EVERYONE_OK),
    ],
    "GET /api/v1/open/campaign-coverage": [
        Case("/api/v1/open/campaign-coverage", EVERYONE_OK),
        Case("/api/v1/open/campaign-coverage?page=1000000000000", INVALID),
    ],
}
