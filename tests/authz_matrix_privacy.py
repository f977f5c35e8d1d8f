"""Authorization matrix entries for the privacy pages (merged into tests/authz_matrix.MATRIX).

The records of processing (GDPR art. 30) are public: everyone reads them, signed in or not.
"""

from tests.authz_matrix_common import EVERYONE_OK, Case

MATRIX: dict[str, list[Case]] = {
    "privacy/records/": [Case("/privacy/records/", EVERYONE_OK)],
}
