"""The embedded SQLite database as production opens it: write-ahead log, and the log synced at
every commit (synchronous=FULL), so that an acknowledged write survives a power cut too, not
only a killed process. `make crash-test` kills the server mid-writes to check the rest."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_production_sqlite_connections_use_wal_with_full_synchronous(tmp_path):
    database = tmp_path / "luotsi.sqlite3"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])\n"
        "    c.execute('PRAGMA synchronous'); print(c.fetchone()[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["wal", "2"], result.stderr  # 2: FULL
