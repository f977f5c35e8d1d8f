"""The settings are typed, documented, and refuse to start insecurely."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_SOURCE = (ROOT / "config" / "settings.py").read_text()
READ_VARIABLES = set(
    re.findall(r'env_(?:str|bool|int|list|secret)\(\s*"([A-Z_]+)"', SETTINGS_SOURCE)
)


def documented(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Z][A-Z_]{2,}\b", text))


def test_every_environment_variable_is_documented_in_env_example_and_readme():
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL"} <= READ_VARIABLES
    secrets = {name for name in READ_VARIABLES if f'env_secret("{name}")' in SETTINGS_SOURCE}
    expected = READ_VARIABLES | {f"{name}_FILE" for name in secrets}
    env_example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    assert expected - documented(env_example) == set()
    assert expected - documented(readme) == set()


def _run_settings(env: dict[str, str], code: str = "") -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SECRET_KEY_FILE"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_server_refuses_to_start_without_a_secret_key():
    result = _run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_debug_is_off_unless_set():
    result = _run_settings(
        {"SECRET_KEY": "k"}, "from django.conf import settings; print(settings.DEBUG)"
    )
    assert result.stdout.strip() == "False", result.stderr


def test_a_malformed_boolean_is_refused_with_its_name():
    result = _run_settings({"SECRET_KEY": "k", "DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def test_embedded_sqlite_runs_in_wal_mode(tmp_path):
    database = tmp_path / "luotsi.sqlite3"
    result = _run_settings(
        {"SECRET_KEY": "k", "DATABASE_URL": f"sqlite:///{database}"},
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
    )
    assert result.stdout.strip() == "wal", result.stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
