"""/healthz: the database and the task queue, for load balancers; and `make serve`'s script."""

import datetime
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luotsi.web.logging import JsonFormatter

ROOT = Path(__file__).resolve().parents[3]
SERVE = ROOT / "scripts" / "serve.sh"


def _ready_task(enqueued_minutes_ago: int) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="luotsi.example.task",
        backend_name="default",
        run_after=timezone.now(),
    )
    # enqueued_at is auto_now_add: set the age afterwards.
    enqueued = timezone.now() - datetime.timedelta(minutes=enqueued_minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)
    return task


@pytest.mark.django_db
def test_healthy_answers_200_with_both_checks_and_the_ready_tasks():
    _ready_task(enqueued_minutes_ago=5)
    _ready_task(enqueued_minutes_ago=1)
    finished = _ready_task(enqueued_minutes_ago=60)
    DBTaskResult.objects.filter(pk=finished.pk).update(status="SUCCESSFUL")

    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    queue = body["checks"]["task_queue"]
    assert queue["status"] == "ok" and queue["ready"] == 2
    assert 299 <= queue["oldest_ready_seconds"] <= 330


@pytest.mark.django_db
def test_an_empty_queue_has_no_oldest_task():
    queue = Client().get("/healthz").json()["checks"]["task_queue"]
    assert queue == {"status": "ok", "ready": 0, "oldest_ready_seconds": None}


@pytest.mark.django_db
def test_head_works_and_post_is_405():
    client = Client(enforce_csrf_checks=True)
    head = client.head("/healthz")
    assert head.status_code == 200 and head.content == b""
    assert client.post("/healthz").status_code == 405
    assert client.put("/healthz").status_code == 405


@pytest.mark.django_db
def test_a_missing_task_table_answers_503_naming_the_check(caplog):
    # Dropped for real inside the test's transaction, which rolls the DROP back afterwards
    # (PostgreSQL and SQLite both have transactional DDL).
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {DBTaskResult._meta.db_table}")
    with caplog.at_level(logging.ERROR, logger="luotsi.web.views.health"):
        response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "failed",
        "checks": {"database": {"status": "ok"}, "task_queue": {"status": "failed"}},
    }
    assert b"Traceback" not in response.content
    assert "Health check task_queue failed" in caplog.text


def test_an_unreachable_database_answers_503_not_500():
    # A real failure: a fresh process whose DATABASE_URL names a port nothing listens on.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz')\n"
        "print(r.status_code, r.content.decode())\n"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": f"postgres://luotsi@127.0.0.1:{closed_port}/luotsi",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    status, _, body = result.stdout.strip().splitlines()[-1].partition(" ")
    assert status == "503", result.stdout + result.stderr
    assert json.loads(body) == {
        "status": "failed",
        "checks": {"database": {"status": "failed"}, "task_queue": {"status": "failed"}},
    }


@pytest.mark.django_db
def test_exempt_from_the_https_redirect_and_the_coordinators_two_factor_setup(personas):
    client = Client()
    client.force_login(personas.coordinator)
    with override_settings(SECURE_SSL_REDIRECT=True, TWO_FACTOR_REQUIRED_FOR_COORDINATOR=True):
        assert client.get("/").status_code == 301
        assert client.get("/healthz").status_code == 200
        assert client.get("/dashboard/", secure=True).status_code == 302
        assert client.get("/healthz", secure=True).status_code == 200


def test_json_log_lines_carry_the_level_logger_message_extras_and_exception():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("luotsi.test").makeRecord(
            "luotsi.test",
            logging.ERROR,
            __file__,
            1,
            "Task %s failed",
            ("send_mail",),
            sys.exc_info(),
            extra={"task_id": 7},
        )
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "ERROR" and entry["logger"] == "luotsi.test"
    assert entry["message"] == "Task send_mail failed" and entry["task_id"] == 7
    assert "ValueError: boom" in entry["exception"]
    assert datetime.datetime.fromisoformat(entry["time"]).tzinfo is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (a local http URL)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_serve_script_refuses_to_start_without_database_url_and_secret_keys():
    secret = {"DATABASE_URL", "SECRET_KEY", "SECRET_KEY_FILE"}
    secret |= {"PB_VOTER_KEY_SECRET", "PB_VOTER_KEY_SECRET_FILE"}
    env = {k: v for k, v in os.environ.items() if k not in secret}
    result = subprocess.run(
        [str(SERVE)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr and "SECRET_KEY" in result.stderr
    assert "PB_VOTER_KEY_SECRET" in result.stderr


def test_serve_script_serves_healthz_and_static_files_then_stops_both_processes(tmp_path):
    port = _free_port()
    static_root = tmp_path / "static"
    inherited = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env = inherited | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PB_VOTER_KEY_SECRET": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "BEHIND_TLS_PROXY": "1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "PYTHON": sys.executable,
    }
    server = subprocess.Popen(
        [str(SERVE)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # migrate on a loaded machine takes its time
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, _, body = _get(f"{base}/healthz")
            except OSError:
                status = None
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, f"no healthy answer; the script said:\n{_drain(server)}"
        assert json.loads(body)["checks"]["task_queue"]["status"] == "ok"

        manifest = json.loads((static_root / "staticfiles.json").read_text())
        hashed = manifest["paths"]["leaflet/leaflet.css"]
        # As the TLS-terminating proxy forwards it (plain HTTP would redirect to HTTPS).
        status, headers, css = _get(f"{base}/static/{hashed}", **{"X-Forwarded-Proto": "https"})
        assert status == 200 and b"leaflet" in css
        assert "max-age=315360000" in headers["Cache-Control"]
        # The worker runs beside the server (the only other child of the script), in a loop
        # that starts it again when it dies (as it does when PostgreSQL restarts).
        children = _children(server.pid)
        assert len(children) == 2, children
        loop = next(pid for pid in children if "gunicorn" not in _cmdline(pid))
        first_worker = _children(loop)[0]
        os.kill(first_worker, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            workers = [pid for pid in _children(loop) if "db_worker" in _cmdline(pid)]
            if workers and workers[0] != first_worker:
                break
            time.sleep(0.5)
        else:
            raise AssertionError(f"the worker was not restarted:\n{_drain(server)}")
        assert _get(f"{base}/healthz")[0] == 200
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            output = server.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            raise
    assert server.returncode == 0, output
    assert all(not _alive(pid) for pid in children), output


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _cmdline(pid: int) -> str:
    try:
        parts = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return ""
    return " ".join(part.decode() for part in parts if part)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone in all but name; the script waits for its children, so none remain.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def _drain(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    return process.communicate(timeout=30)[0]
