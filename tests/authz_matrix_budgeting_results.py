"""Authorization matrix entries for participatory budgeting: results (merged into
tests/authz_matrix.MATRIX).

Results are public once published; before that the results page says so (200) while the area
pages, the Pabulib files and the API's results are 404 for everybody. Counting and publishing
is the coordinator's: other staff and residents 403, anonymous visitors sign in.
"""

from luotsi.testing import budgeting_results as br
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, Case, expect

COORDINATOR_ONLY = expect(403, anonymous=302, coordinator=200)
COORDINATOR_BAD_POST = expect(403, anonymous=302, coordinator=400)


def _published(p: Personas) -> str:
    return br.greedy_example(p).cycle.slug


def _preview(p: Personas) -> str:
    """Counted, not yet published."""
    return br.greedy_example(p, publish=False, slug="omastadi-results-preview").cycle.slug


MATRIX: dict[str, list[Case]] = {
    "budgeting/<slug:cycle>/results/": [
        Case(lambda p: f"/budgeting/{_published(p)}/results/", EVERYONE_OK),
        Case(lambda p: f"/budgeting/{_preview(p)}/results/", EVERYONE_OK),
        Case("/budgeting/no-such-cycle/results/", expect(404)),
    ],
    "budgeting/<slug:cycle>/results/count/": [
        Case(lambda p: f"/budgeting/{_published(p)}/results/count/", COORDINATOR_ONLY),
        Case(lambda p: f"/budgeting/{_preview(p)}/results/count/", COORDINATOR_ONLY),
        # Published results cannot be counted again: the coordinator is told so.
        Case(
            lambda p: f"/budgeting/{_published(p)}/results/count/",
            COORDINATOR_BAD_POST,
            method="POST",
            data={"action": "count"},
        ),
        Case(
            lambda p: f"/budgeting/{_preview(p)}/results/count/",
            COORDINATOR_BAD_POST,
            method="POST",
            data={"action": "nonsense"},
        ),
        Case(
            "/budgeting/no-such-cycle/results/count/",
            expect(403, anonymous=302, coordinator=404),
        ),
    ],
    "budgeting/<slug:cycle>/results/<slug:area>/": [
        Case(lambda p: f"/budgeting/{_published(p)}/results/1/", EVERYONE_OK),
        Case(lambda p: f"/budgeting/{_published(p)}/results/citywide/", expect(404)),
        Case(lambda p: f"/budgeting/{_preview(p)}/results/1/", expect(404)),
    ],
    "budgeting/<slug:cycle>/results/<slug:area>.pb": [
        Case(lambda p: f"/budgeting/{_published(p)}/results/1.pb", EVERYONE_OK),
        Case(lambda p: f"/budgeting/{_published(p)}/results/9.pb", expect(404)),
        Case(lambda p: f"/budgeting/{_preview(p)}/results/1.pb", expect(404)),
    ],
    "GET /api/v1/budgeting/cycles": [
        Case("/api/v1/budgeting/cycles", EVERYONE_OK),
        Case("/api/v1/budgeting/cycles?page=0", expect(422)),
    ],
    "GET /api/v1/budgeting/cycles/{slug}": [
        Case(lambda p: f"/api/v1/budgeting/cycles/{_published(p)}", EVERYONE_OK),
        Case("/api/v1/budgeting/cycles/no-such-cycle", expect(404)),
    ],
    "GET /api/v1/budgeting/cycles/{slug}/plans": [
        Case(lambda p: f"/api/v1/budgeting/cycles/{_published(p)}/plans", EVERYONE_OK),
        Case(lambda p: f"/api/v1/budgeting/cycles/{_published(p)}/plans?page_size=0", expect(422)),
        Case("/api/v1/budgeting/cycles/no-such-cycle/plans", expect(404)),
    ],
    "GET /api/v1/budgeting/cycles/{slug}/results": [
        Case(lambda p: f"/api/v1/budgeting/cycles/{_published(p)}/results", EVERYONE_OK),
        Case(lambda p: f"/api/v1/budgeting/cycles/{_preview(p)}/results", expect(404)),
    ],
}
