"""Authorization matrix entries for participatory budgeting: coproduction (merged into
tests/authz_matrix.MATRIX)."""

from tests.authz_matrix_common import Case

MATRIX: dict[str, list[Case]] = {}
