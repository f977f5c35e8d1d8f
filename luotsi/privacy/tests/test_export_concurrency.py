"""Two downloads of the same link at the same moment: exactly one gets the data.

Real concurrent transactions need PostgreSQL (`make test` runs the suite there too); SQLite
serialises every writer and its in-memory test database cannot run threads concurrently, so
the test is skipped there. The sequential reuse is tested on both (test_export_link.py).
"""

import threading

import pytest
from django.db import connection

from luotsi.privacy.export_services import ExportGone, export_download, export_request_create
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.privacy.portability import Subject

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
    ),
]

ATTEMPTS = 8


def test_concurrent_downloads_of_one_link_yield_one_file(personas):
    resident = personas.resident
    prepared = export_request_create(
        subject=Subject.of_user(resident), by=resident, session_key="the-session"
    )
    start = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []

    def download() -> None:
        try:
            start.wait()
            export_download(token=prepared.token, by=resident, session_key="the-session")
            outcomes.append("file")
        except ExportGone:
            outcomes.append("gone")
        except BaseException as exc:
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=download) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["file"] + ["gone"] * (ATTEMPTS - 1)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1
