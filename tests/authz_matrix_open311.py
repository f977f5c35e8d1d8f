"""Authorization matrix entries (merged into tests/authz_matrix.MATRIX)."""

from tests.authz_matrix_common import Case  # noqa: F401

MATRIX: dict = {}
