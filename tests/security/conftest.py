"""The adversarial suite: every test here is marked `security` and runs under
`make test-security` (on PostgreSQL), not in the ordinary runs."""

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/security/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.security)
