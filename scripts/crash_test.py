"""Load and crash test (`make crash-test`): a bounded load through the real server on loopback
while its processes and its database are killed with SIGKILL, then a check against the
database that nothing acknowledged was lost and nothing was stored twice.

    python scripts/crash_test.py [--part postgresql|sqlite] [--json var/bench/crash.json]

PostgreSQL part. A throwaway cluster of its own (initdb into a temporary directory, a free
port, trust authentication on loopback; as the `postgres` user when run as root): the
machine's shared PostgreSQL is never touched. The database is migrated and given the Helsinki
territory, one participatory-budgeting cycle in its voting phase with four plans, and one
event with registration open and room for everyone. Then gunicorn (2 sync workers, the
production settings: DEBUG off, keys made up for the run, persistent connections) and the task
worker (`manage.py db_worker`) start, each under a small supervisor that restarts it when it
dies, as systemd does with deploy/luotsi-*.service (gunicorn after RESTART_DELAY, the worker
after 5 s, the unit's RestartSec). Voters (40, taken in turn by 8 threads; each has a session
holding a verified voter identity, written into the session table as the identity provider's
callback would) cast a ballot and change it again and again, a different plan each time;
4 registrants register for the event, a new e-mail address each time, and after a request
that got no answer they send the same one again, as a person would. During the load: SIGKILL
one gunicorn worker (the master forks a new one), later the gunicorn master (the supervisor
stops its orphaned workers, which would otherwise go on serving and holding the port, and
restarts it), later the PostgreSQL postmaster (restarted
at once, as its service would be; the app is NOT restarted: it must reconnect by itself).

SQLite part. The same load against gunicorn on a SQLite file (WAL, synchronous=FULL), and the
whole server (master and workers at once) is killed with SIGKILL three times mid-writes;
before each restart `PRAGMA integrity_check` must answer ok.

What counts. A vote is acknowledged by the redirect back to the ballot page, a registration
by the redirect to its own page (the page with its cancellation link); a registration refused
as "already registered" after an unanswered try is acknowledged too (it must exist). Every
other answer must be a 5xx or no answer at all (connection refused or dropped): anything else
(a 403, a 400 without the reason, a redirect elsewhere) is an "unexpected" answer and fails
the test. Afterwards, for every voter, the stored ballot is their last acknowledged choice, or
one they sent later without an answer (its fate unknown to them), and its revision counts at
least every acknowledged submission and at most every submission; every acknowledged
registration exists with its e-mail, no e-mail has two active registrations, no ballot has
two rows or a mixed set of choices. Recovery time of each kill: from the kill to the first
`/healthz` 200 after the last failed probe (a probe every 0.1 s).

Figures go to var/bench/crash.json; the exit status is 1 when any check failed.
"""

import argparse
import contextlib
import datetime
import html
import http.client
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WORKERS = 2
VOTERS = 40  # identified voters, taken in turn by
VOTER_THREADS = 8
REGISTRANTS = 4
PLANS = 4
RESTART_DELAY = 1.0  # the supervisor's pause before restarting gunicorn or PostgreSQL
WORKER_RESTART_DELAY = 5.0  # deploy/luotsi-worker.service: RestartSec=5
STOP_TIMEOUT = 10.0  # before a dead master's orphaned workers are killed (TimeoutStopSec)
PROBE_INTERVAL = 0.1
PAUSE_AFTER_SUCCESS = 0.02
PAUSE_AFTER_FAILURE = 0.25
CLIENT_TIMEOUT = 30.0
# (seconds into the load, what is killed); the load runs for LOAD_SECONDS in all.
POSTGRES_LOAD_SECONDS = 75.0
POSTGRES_KILLS = [(12.0, "gunicorn worker"), (30.0, "gunicorn master"), (50.0, "postmaster")]
SQLITE_LOAD_SECONDS = 42.0
SQLITE_KILLS = [(8.0, "whole server"), (18.0, "whole server"), (28.0, "whole server")]
DATABASE_NAME = "luotsi_crash"
REGISTERED = re.compile(r"^/events/registrations/([\w-]+)/$")
ALREADY_REGISTERED = "This e-mail address is already registered for the event."


def now() -> float:
    return time.monotonic()


# --- HTTP -------------------------------------------------------------------------------------


def http_request(
    port: int,
    method: str,
    path: str,
    *,
    cookies: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    timeout: float = CLIENT_TIMEOUT,
) -> tuple[int, str, str]:
    """One request on a new connection: (status, Location, body); status 0 is no answer.
    Never retried: a retried POST could be a second submission the test would not know of."""
    headers = {"Accept-Language": "en", "Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form, doseq=True).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, response.getheader("Location", ""), text
    except (http.client.HTTPException, OSError) as exc:
        return 0, "", repr(exc)
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- Processes --------------------------------------------------------------------------------


def processes() -> Iterator[tuple[int, int, int]]:
    """(pid, parent pid, process group) of every live process (from /proc; no zombies)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if state != "Z":
            yield int(entry.name), int(ppid), int(pgrp)


def children(pid: int) -> list[int]:
    return sorted(child for child, parent, _ in processes() if parent == pid)


def group(pgid: int) -> list[int]:
    return sorted(member for member, _, pgrp in processes() if pgrp == pgid)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Supervised:
    """A process restarted when it dies, after `delay`, as systemd's Restart= does. Like
    systemd (KillMode=control-group), it first stops what is left of the process (gunicorn's
    orphaned workers: SIGTERM, then SIGKILL after STOP_TIMEOUT); its own session stands for
    the unit's control group. `before_restart` runs while it is down."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        env: dict[str, str],
        log: Path,
        delay: float,
        before_restart: Callable[[], None] | None = None,
    ) -> None:
        self.name, self.argv, self.env, self.delay = name, argv, env, delay
        self.before_restart = before_restart
        self.log: TextIO = log.open("a")
        self.process: subprocess.Popen[bytes] | None = None
        self.starts: list[float] = []
        self.exits: list[tuple[float, int]] = []
        self.leftovers: list[int] = []  # processes left behind at each exit
        self.stopping = False
        self.started = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self.thread.start()
        self.started.wait(30)

    def _run(self) -> None:
        while not self.stopping:
            self.process = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdout=self.log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self.starts.append(now())
            self.started.set()
            code = self.process.wait()
            if self.stopping:
                return
            self.exits.append((now(), code))
            self.leftovers.append(stop_group(self.process.pid))
            if self.before_restart:
                self.before_restart()
            time.sleep(self.delay)

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError(f"{self.name} has not started")
        return self.process.pid

    def stop(self) -> None:
        self.stopping = True
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.thread.join(timeout=10)
        self.log.close()


def stop_group(pgid: int) -> int:
    """Stop the processes left in a dead process's group (SIGTERM, later SIGKILL): how many."""
    left = group(pgid)
    if left:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        if wait_for(lambda: not group(pgid), STOP_TIMEOUT) is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)
            wait_for(lambda: not group(pgid), 10)
    return len(left)


def gunicorn(env: dict[str, str], port: int, log: Path, **kwargs: Any) -> Supervised:
    # No control socket: gunicorn's default path is shared by every gunicorn of the user.
    argv = [PY, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    argv += ["--no-control-socket"]
    return Supervised(
        "gunicorn", [*argv, "--workers", str(WORKERS)], env, log, RESTART_DELAY, **kwargs
    )


def task_worker(env: dict[str, str], log: Path) -> Supervised:
    argv = [PY, "manage.py", "db_worker", "--queue-name", "*"]
    return Supervised("db_worker", argv, env, log, WORKER_RESTART_DELAY)


def wait_healthy(port: int, timeout: float = 90) -> float:
    started = now()
    while now() - started < timeout:
        if http_request(port, "GET", "/healthz", timeout=5)[0] == 200:
            return now() - started
        time.sleep(0.2)
    raise SystemExit(f"the server on port {port} did not answer /healthz 200 in {timeout:.0f} s")


def wait_for(condition: Callable[[], bool], timeout: float) -> float | None:
    started = now()
    while now() - started < timeout:
        if condition():
            return now() - started
        time.sleep(0.05)
    return None


# --- A throwaway PostgreSQL cluster -------------------------------------------------------------


class Cluster:
    """PostgreSQL of this test only: its own data directory, port and socket directory."""

    def __init__(self, base: Path, port: int, log: Path) -> None:
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin/postgres"),
            key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
        )
        if not versions:
            raise SystemExit("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin.")
        self.bin = versions[-1].parent
        self.base, self.port, self.log_path = base, port, log
        self.data = base / "data"
        self.owner = "postgres" if os.geteuid() == 0 else None
        self.process: subprocess.Popen[bytes] | None = None
        self.url = f"postgres://postgres@127.0.0.1:{port}/{DATABASE_NAME}"

    def _as_owner(self, argv: list[str]) -> list[str]:
        # initdb and postgres refuse to run as root.
        return ["runuser", "-u", self.owner, "--", *argv] if self.owner else argv

    def init(self) -> None:
        if self.owner:
            record = pwd.getpwnam(self.owner)
            os.chown(self.base, record.pw_uid, record.pw_gid)
        subprocess.run(
            self._as_owner(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def ready(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(
                host="127.0.0.1",
                port=self.port,
                user="postgres",
                dbname="postgres",
                connect_timeout=2,
            ):
                return True
        except psycopg.Error:
            return False

    def start(self, timeout: float = 60) -> float:
        """Start (again); after a crash, the last backends may still hold the shared memory
        for a moment, and the postmaster refuses to start until they are gone: retry."""
        started = now()
        argv = [
            str(self.bin / "postgres"),
            "-D", str(self.data),
            "-p", str(self.port),
            "-k", str(self.base),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=40",
            "-c", "shared_buffers=32MB",
        ]  # fmt: skip
        while now() - started < timeout:
            with self.log_path.open("a") as log:
                self.process = subprocess.Popen(
                    self._as_owner(argv), stdout=log, stderr=subprocess.STDOUT
                )
            while self.process.poll() is None and now() - started < timeout:
                if self.ready():
                    return now() - started
                time.sleep(0.1)
            time.sleep(0.3)
        raise SystemExit(f"the throwaway PostgreSQL did not start: see {self.log_path}")

    def kill(self) -> list[int]:
        """SIGKILL the postmaster; returns its backends, left to notice on their own."""
        pid = self.postmaster_pid()
        backends = children(pid)
        os.kill(pid, signal.SIGKILL)
        if self.process:
            self.process.wait()
        return backends

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            os.kill(self.postmaster_pid(), signal.SIGINT)  # fast shutdown
        if self.process:
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE_NAME}")


# --- Django: settings, data, sessions ----------------------------------------------------------


def environment(database_url: str, static_root: Path) -> dict[str, str]:
    """Production settings (DEBUG off) over plain HTTP on loopback, keys made up for the run.
    The development identity provider stays off: voters' identities are put into their
    sessions directly."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PB_VOTER_KEY_SECRET": secrets.token_urlsafe(32),
        "PB_DEV_IDENTITY_PROVIDER": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "TASKS_BACKEND": "database",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }


def static_is_current(static_root: Path) -> bool:
    """collectstatic (17 s here) only when a source file is newer than the last manifest."""
    from django.contrib.staticfiles.finders import get_finders

    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list([]):
            if storage.path(path) and Path(storage.path(path)).stat().st_mtime > built:
                return False
    return True


def prepare(static_root: Path) -> dict[str, float]:
    """Migrate, load the territory and collect static files in this (Django) process."""
    import io

    from django.core.management import call_command

    timings = {}
    started = now()
    call_command("migrate", interactive=False, verbosity=0)
    timings["migrate_s"] = round(now() - started, 1)
    started = now()
    call_command("load_city", "helsinki", stdout=io.StringIO())
    timings["load_city_s"] = round(now() - started, 1)
    if not static_is_current(static_root):
        started = now()
        call_command("collectstatic", interactive=False, verbosity=0)
        timings["collectstatic_s"] = round(now() - started, 1)
    return timings


@dataclass
class Voter:
    number: int
    session: str
    voter_key: str


@dataclass
class Fixtures:
    cycle_id: int
    vote_path: str
    plans: list[int]
    event_id: int
    voters: list[Voter]


def fixtures(voters: int) -> Fixtures:
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from luotsi.accounts.models import Role, User
    from luotsi.areas.models import City, MajorDistrict
    from luotsi.budgeting.identity import SESSION_KEY, VoterIdentity, person_hash
    from luotsi.budgeting.models import Plan, PlanStatus
    from luotsi.budgeting.services.cycles import cycle_create
    from luotsi.events.models import Event, EventKind, EventStatus

    day = datetime.timedelta(days=1)
    today, moment = timezone.localdate(), timezone.now()
    coordinator = User.objects.create_user(
        "crash.coordinator@example.org", None, full_name="Crash Coordinator", role=Role.COORDINATOR
    )
    officer = User.objects.create_user(
        "crash.officer@example.org", None, full_name="Crash Officer", role=Role.DISTRICT_OFFICER
    )
    cycle = cycle_create(
        by=coordinator,
        city=City.objects.get(slug="helsinki"),
        slug="crash-test",
        title="Crash test",
        title_fi="Crash test",
        title_sv="Crash test",
        title_en="Crash test",
        published=True,
        total_budget=8_800_000,
        citywide_percent=0,
        proposals_start=today - 90 * day,
        proposals_end=today - 61 * day,
        cocreation_start=today - 60 * day,
        cocreation_end=today - 31 * day,
        costing_start=today - 30 * day,
        costing_end=today - 3 * day,
        voting_starts_at=moment - 2 * day,
        voting_ends_at=moment + 20 * day,
    )
    south = MajorDistrict.objects.get(city__slug="helsinki", number=1)
    plans = [
        Plan.objects.create(
            cycle=cycle,
            major_district=south,
            title=f"Plan {n}",
            title_fi=f"Suunnitelma {n}",
            title_en=f"Plan {n}",
            description="Crash test",
            status=PlanStatus.APPROVED,
            cost_estimate=100_000,
            code=f"C-{n}",
            created_by=officer,
        ).pk
        for n in range(1, PLANS + 1)
    ]
    start = moment + 7 * day
    event = Event(
        kind=EventKind.CAFE,
        title="Crash test café",
        title_fi="Crash test café",
        title_en="Crash test café",
        start=start,
        end=start + datetime.timedelta(hours=2),
        languages="fi,sv",
        capacity=1_000_000,
        registration_enabled=True,
        status=EventStatus.PUBLISHED,
        published_at=moment,
        created_by=officer,
    )
    event.place(lat=60.1699, lon=24.9384)  # Kluuvi
    event.save()
    event.organisers.set([officer])
    people = []
    for number in range(voters):
        identity = VoterIdentity(
            person=person_hash(f"CRASH-{number}"),
            age=40,
            resident=True,
            verified_at=timezone.now(),
            method="oidc",
        )
        store = SessionStore()
        store[SESSION_KEY] = identity.as_session()
        store.create()
        people.append(Voter(number, str(store.session_key), identity.key_for(cycle.pk)))
    return Fixtures(cycle.pk, f"/budgeting/{cycle.slug}/vote/", plans, event.pk, people)


# --- The load -----------------------------------------------------------------------------------


@dataclass
class Attempt:
    kind: str  # "vote" or "registration"
    who: int
    value: str  # the plan voted for, or the e-mail address registered
    sent: float
    answered: float = 0.0
    status: int = 0
    outcome: str = ""  # ack, already (registered: acknowledged too), failed, unexpected
    token: str = ""
    detail: str = ""


class Load:
    def __init__(self, port: int, fx: Fixtures, registrants: int) -> None:
        self.port, self.fx, self.registrants = port, fx, registrants
        self.attempts: list[Attempt] = []
        self.probes: list[tuple[float, int]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []
        self.t0 = 0.0

    def start(self) -> None:
        self.t0 = now()
        targets: list[Callable[[], None]] = [self.probe]
        targets += [lambda n=n: self.voter(n) for n in range(VOTER_THREADS)]  # type: ignore[misc]
        targets += [lambda m=m: self.registrant(m) for m in range(self.registrants)]  # type: ignore[misc]
        self.threads = [threading.Thread(target=t, daemon=True) for t in targets]
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(CLIENT_TIMEOUT + 5)

    def _record(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)

    def probe(self) -> None:
        while not self.stopping.is_set():
            started = now()
            status = http_request(self.port, "GET", "/healthz", timeout=2)[0]
            with self.lock:  # when answered: a probe in flight at a kill fails after it
                self.probes.append((now(), status))
            time.sleep(max(0.0, PROBE_INTERVAL - (now() - started)))

    def voter(self, thread: int) -> None:
        """Votes of the voters thread, VOTER_THREADS + thread, …, in turn: each voter's
        submissions stay one after another, and each is a different plan from the last."""
        voters = self.fx.voters[thread::VOTER_THREADS]
        csrf = secrets.token_hex(16)  # a 32-character CSRF secret, as cookie and form field
        turn = 0
        while not self.stopping.is_set():
            voter = voters[turn % len(voters)]
            cookies = {"sessionid": voter.session, "csrftoken": csrf}
            plan = self.fx.plans[(voter.number + turn // len(voters)) % len(self.fx.plans)]
            turn += 1
            attempt = Attempt("vote", voter.number, str(plan), now())
            status, location, body = http_request(
                self.port,
                "POST",
                self.fx.vote_path,
                cookies=cookies,
                form={"csrfmiddlewaretoken": csrf, "major_district": 1, "plans": [plan]},
            )
            attempt.answered, attempt.status = now(), status
            if status == 302 and location.startswith(self.fx.vote_path + "?district="):
                attempt.outcome = "ack"
            elif status == 0 or status >= 500:
                attempt.outcome, attempt.detail = "failed", body[:200] if status == 0 else ""
            else:
                attempt.outcome = "unexpected"
                attempt.detail = f"{status} {location} {html.unescape(body)[:300]}"
            self._record(attempt)
            time.sleep(PAUSE_AFTER_SUCCESS if attempt.outcome == "ack" else PAUSE_AFTER_FAILURE)

    def registrant(self, number: int) -> None:
        csrf = secrets.token_hex(16)
        cookies = {"csrftoken": csrf}
        path = f"/events/{self.fx.event_id}/register/"
        serial = 0
        while not self.stopping.is_set():
            email = f"person{number}.{serial}@crash.example"
            serial += 1
            # The same person tries again until they get an answer (or the test ends).
            while not self.stopping.is_set():
                attempt = Attempt("registration", number, email, now())
                status, location, body = http_request(
                    self.port,
                    "POST",
                    path,
                    cookies=cookies,
                    form={
                        "csrfmiddlewaretoken": csrf,
                        "name": f"Person {number}.{serial}",
                        "email": email,
                        "phone": "",
                        "language": "en",
                        "language_needs": "",
                        "accessibility_needs": "",
                        "consent": "on",
                    },
                )
                attempt.answered, attempt.status = now(), status
                matched = REGISTERED.match(location)
                if status == 302 and matched:
                    attempt.outcome, attempt.token = "ack", matched.group(1)
                elif status == 400 and ALREADY_REGISTERED in html.unescape(body):
                    attempt.outcome = "already"
                elif status == 0 or status >= 500:
                    attempt.outcome, attempt.detail = "failed", body[:200] if status == 0 else ""
                else:
                    attempt.outcome = "unexpected"
                    attempt.detail = f"{status} {location} {html.unescape(body)[:300]}"
                self._record(attempt)
                if attempt.outcome != "failed":
                    time.sleep(PAUSE_AFTER_SUCCESS)
                    break
                time.sleep(PAUSE_AFTER_FAILURE)


# --- Verification ----------------------------------------------------------------------------


@dataclass
class Verdict:
    figures: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(text)


def verify(fx: Fixtures, attempts: list[Attempt]) -> Verdict:
    """Compare what the clients were told with what the database holds."""
    from django.db import close_old_connections, connection
    from django.db.models import Count

    from luotsi.budgeting.models import Ballot, BallotChoice
    from luotsi.events.models import ACTIVE_REGISTRATION, Registration

    close_old_connections()
    connection.close()  # the database may have been restarted under this process
    verdict = Verdict()
    outcomes = Counter(f"{a.kind} {a.outcome}" for a in attempts)
    statuses = Counter(a.status for a in attempts if a.outcome == "failed")
    lost = duplicates = phantoms = 0

    # Ballots.
    ballots = {
        b.voter_key: b
        for b in Ballot.objects.filter(cycle_id=fx.cycle_id).prefetch_related("choices")
    }
    duplicates += (
        Ballot.objects.filter(cycle_id=fx.cycle_id)
        .values("voter_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    in_doubt_committed = 0
    for voter in fx.voters:
        mine = sorted(
            (a for a in attempts if a.kind == "vote" and a.who == voter.number),
            key=lambda a: a.sent,
        )
        acks = [i for i, a in enumerate(mine) if a.outcome == "ack"]
        unknown = [a for a in mine if a.outcome == "failed"]
        ballot = ballots.get(voter.voter_key)
        if ballot is None:
            if acks:
                lost += 1
                verdict.problem(f"voter {voter.number}: {len(acks)} acknowledged, no ballot")
            continue
        if not mine:
            phantoms += 1
            verdict.problem(f"voter {voter.number}: a ballot nobody sent")
            continue
        chosen = sorted(str(c.plan_id) for c in ballot.choices.all())
        if len(chosen) != 1:
            duplicates += 1
            verdict.problem(f"voter {voter.number}: the ballot holds {chosen}")
            continue
        later = mine[acks[-1] + 1 :] if acks else mine
        allowed = {mine[acks[-1]].value} if acks else set()
        allowed |= {a.value for a in later if a.outcome == "failed"}
        if chosen[0] not in allowed:
            lost += 1
            verdict.problem(
                f"voter {voter.number}: stored plan {chosen[0]}, last acknowledged "
                f"{mine[acks[-1]].value if acks else None}, unanswered since {allowed}"
            )
        committed = ballot.revision + 1
        if committed < len(acks):
            lost += len(acks) - committed
            verdict.problem(
                f"voter {voter.number}: revision {ballot.revision} < {len(acks)} acknowledged"
            )
        if committed > len(acks) + len(unknown):
            phantoms += 1
            verdict.problem(
                f"voter {voter.number}: revision {ballot.revision} after {len(acks)} "
                f"acknowledged and {len(unknown)} unanswered submissions"
            )
        in_doubt_committed += committed - len(acks)
    verdict.figures["ballots"] = len(ballots)
    verdict.figures["ballot_choices"] = BallotChoice.objects.filter(
        ballot__cycle_id=fx.cycle_id
    ).count()
    verdict.figures["votes_unanswered_but_committed"] = in_doubt_committed

    # Registrations.
    registrations = list(Registration.objects.filter(event_id=fx.event_id))
    by_token = {r.token: r for r in registrations}
    active = Counter(
        Registration.objects.filter(ACTIVE_REGISTRATION, event_id=fx.event_id).values_list(
            "email", flat=True
        )
    )
    duplicates += sum(n - 1 for n in active.values() if n > 1)
    registered = [a for a in attempts if a.kind == "registration"]
    tried = {a.value for a in registered}
    for attempt in registered:
        if attempt.outcome == "ack":
            found = by_token.get(attempt.token)
            if found is None or found.email != attempt.value or not found.is_active:
                lost += 1
                verdict.problem(f"registration of {attempt.value} acknowledged, not stored")
        elif attempt.outcome == "already" and not active[attempt.value]:
            lost += 1
            verdict.problem(f"{attempt.value} told 'already registered', but is not")
    phantoms += sum(1 for r in registrations if r.email not in tried)
    answered = {a.value for a in registered if a.outcome in ("ack", "already")}
    unanswered = tried - answered
    verdict.figures["registrations"] = len(registrations)
    verdict.figures["registrations_never_answered"] = len(unanswered)
    verdict.figures["registrations_never_answered_but_stored"] = sum(
        1 for email in unanswered if active[email]
    )
    retried = {a.value for a in registered if a.outcome == "failed"}
    verdict.figures["registrations_retried_after_no_answer"] = len(retried)
    verdict.figures["registrations_retried_found_already_stored"] = sum(
        1 for a in registered if a.outcome == "already"
    )

    verdict.figures.update(
        {
            "requests": len(attempts),
            "votes_acknowledged": outcomes["vote ack"],
            "registrations_acknowledged": outcomes["registration ack"]
            + outcomes["registration already"],
            "failed_5xx_or_no_answer": outcomes["vote failed"] + outcomes["registration failed"],
            "failed_by_status": {str(k): v for k, v in sorted(statuses.items())},
            "unexpected_answers": outcomes["vote unexpected"] + outcomes["registration unexpected"],
            "lost": lost,
            "duplicates": duplicates,
            "phantoms": phantoms,
        }
    )
    for attempt in attempts:
        if attempt.outcome == "unexpected":
            verdict.problem(f"unexpected answer to a {attempt.kind}: {attempt.detail}")
    return verdict


def recovery(
    kills: list[dict[str, Any]],
    probes: list[tuple[float, int]],
    attempts: list[Attempt],
    end: float,
) -> list[Attempt]:
    """Per kill (times absolute): seconds from the kill to the first healthy probe after the
    last failed one before the next kill, failed probes, and failed requests in between.
    Returns the requests that failed before the first kill (there must be none)."""
    first = kills[0]["t"]
    # A request fails when its answer (or its connection's end) comes: the ones in flight at
    # a kill fail just after it.
    calm = [a for a in attempts if a.outcome == "failed" and a.answered < first]
    for index, kill in enumerate(kills):
        start = kill.pop("t")
        until = kills[index + 1]["t"] if index + 1 < len(kills) else end
        window = [(t, s) for t, s in probes if start <= t < until]
        failed = [t for t, s in window if s != 200]
        after = failed[-1] if failed else start
        healthy = next((t for t, s in window if s == 200 and t > after), None)
        kill["recovery_s"] = round(healthy - start, 1) if healthy is not None else None
        kill["failed_probes"] = len(failed)
        statuses = Counter(
            a.status for a in attempts if a.outcome == "failed" and start <= a.answered < until
        )
        kill["failed_requests"] = sum(statuses.values())
        kill["failed_by_status"] = {str(k): v for k, v in sorted(statuses.items())}
    return calm


# --- The parts ---------------------------------------------------------------------------------


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def postgres_part(workdir: Path, log_dir: Path) -> dict[str, Any]:
    port, pg_port = free_port(), free_port()
    cluster = Cluster(workdir, pg_port, log_dir / "crash-postgresql.log")
    print(f"   throwaway PostgreSQL ({cluster.bin.parent.name}) on port {pg_port} in {workdir}")
    cluster.init()
    cluster.start()
    web: Supervised | None = None
    worker: Supervised | None = None
    try:
        cluster.create_database()
        env = environment(cluster.url, ROOT / "var" / "crash" / "static")
        setup_django(env)
        result: dict[str, Any] = {"setup": prepare(Path(env["STATIC_ROOT"]))}
        fx = fixtures(VOTERS)
        from django.db import connection

        # A server that has run for a while has checkpointed: the crash recovery replays the
        # load's writes, not the migrations'.
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
        connection.close()
        web = gunicorn(env, port, log_dir / "crash-gunicorn-postgresql.log")
        worker = task_worker(env, log_dir / "crash-worker-postgresql.log")
        web.start()
        worker.start()
        wait_healthy(port)
        load = Load(port, fx, REGISTRANTS)
        load.start()
        kills: list[dict[str, Any]] = []
        for at, what in POSTGRES_KILLS:
            time.sleep(max(0.0, load.t0 + at - now()))
            if what == "gunicorn worker":
                kills.append(kill_worker(web))
            elif what == "gunicorn master":
                kills.append(kill_master(web))
            else:
                kills.append(kill_postmaster(cluster, web, worker))
            kills[-1]["at_s"] = round(kills[-1]["t"] - load.t0, 1)
        time.sleep(max(0.0, load.t0 + POSTGRES_LOAD_SECONDS - now()))
        end = now()
        load.stop()
        calm = recovery(kills, load.probes, load.attempts, end)
        verdict = verify(fx, load.attempts)
        result.update(
            {
                "failed_before_any_kill": len(calm),
                "load_seconds": round(end - load.t0, 1),
                "voters": VOTERS,
                "voter_threads": VOTER_THREADS,
                "registrants": REGISTRANTS,
                "kills": kills,
                "task_worker_exits": [
                    {"at_s": round(t - load.t0, 1), "status": code} for t, code in worker.exits
                ],
                **verdict.figures,
                "problems": verdict.problems + [f"failed before any kill: {a}" for a in calm],
            }
        )
        return result
    finally:
        for process in (worker, web):
            if process:
                process.stop()
        cluster.stop()


def kill_worker(web: Supervised) -> dict[str, Any]:
    workers = children(web.pid)
    victim = workers[0]
    t = now()
    os.kill(victim, signal.SIGKILL)

    def replaced() -> bool:
        current = children(web.pid)
        return len(current) == WORKERS and victim not in current

    after = wait_for(replaced, 30)
    return {
        "kill": "one gunicorn worker",
        "t": t,
        "note": f"master forked a new worker after {after:.1f} s"
        if after is not None
        else "no new worker within 30 s",
    }


def kill_master(web: Supervised) -> dict[str, Any]:
    master, workers = web.pid, children(web.pid)
    starts = len(web.starts)
    t = now()
    os.kill(master, signal.SIGKILL)
    gone = wait_for(lambda: not any(alive(pid) for pid in workers), 30)
    restarted = wait_for(lambda: len(web.starts) > starts, 30)
    stopped = web.leftovers[-1] if web.leftovers else 0
    return {
        "kill": "gunicorn master",
        "t": t,
        "note": (
            f"its {len(workers)} orphaned workers gone after {gone:.1f} s"
            if gone is not None
            else "its orphaned workers stayed"
        )
        + (f" ({stopped} stopped by the supervisor)" if stopped else "")
        + (f"; restarted after {restarted:.1f} s" if restarted is not None else "; no restart"),
    }


def kill_postmaster(cluster: Cluster, web: Supervised, worker: Supervised) -> dict[str, Any]:
    master, workers, starts = web.pid, children(web.pid), len(web.starts)
    t = now()
    backends = cluster.kill()
    time.sleep(RESTART_DELAY)
    if wait_for(lambda: not any(alive(pid) for pid in backends), 10) is None:
        for pid in backends:  # this cluster's own backends, by id
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    cluster.start()
    database_back = now() - t
    time.sleep(5)  # time to reconnect on its own, before judging whether it restarted
    untouched = web.pid == master and children(web.pid) == workers and len(web.starts) == starts
    worker_exits = [code for when, code in worker.exits if when >= t]
    return {
        "kill": "PostgreSQL postmaster",
        "t": t,
        "note": f"database accepting connections after {database_back:.1f} s; app "
        + ("not restarted" if untouched else "PROCESSES RESTARTED")
        + (
            f"; task worker exited ({worker_exits[0]}), restarted by its supervisor"
            if worker_exits
            else "; task worker survived"
        ),
        "app_restarted": not untouched,
    }


def sqlite_part(workdir: Path, log_dir: Path) -> dict[str, Any]:
    port = free_port()
    database = workdir / "crash.sqlite3"
    env = environment(f"sqlite:///{database}", ROOT / "var" / "crash" / "static")
    setup_django(env)
    result: dict[str, Any] = {"setup": prepare(Path(env["STATIC_ROOT"]))}
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
    result["journal_mode"], result["synchronous"] = journal, synchronous
    fx = fixtures(VOTERS)
    connection.close()
    checks: list[str] = []

    def integrity() -> None:
        with contextlib.closing(sqlite3.connect(database, timeout=30)) as db:
            checks.append(db.execute("PRAGMA integrity_check").fetchone()[0])

    web = gunicorn(env, port, log_dir / "crash-gunicorn-sqlite.log", before_restart=integrity)
    try:
        web.start()
        wait_healthy(port)
        load = Load(port, fx, REGISTRANTS)
        load.start()
        kills: list[dict[str, Any]] = []
        for at, _ in SQLITE_KILLS:
            time.sleep(max(0.0, load.t0 + at - now()))
            t = now()
            os.killpg(web.pid, signal.SIGKILL)  # master and workers at once
            done = len(checks)
            wait_for(lambda done=done: len(checks) > done, 30)  # type: ignore[misc]
            kills.append(
                {
                    "kill": "whole server (master + workers)",
                    "t": t,
                    "at_s": round(t - load.t0, 1),
                    "note": f"integrity_check before the restart: {checks[-1] if checks else '?'}",
                }
            )
        time.sleep(max(0.0, load.t0 + SQLITE_LOAD_SECONDS - now()))
        end = now()
        load.stop()
    finally:
        web.stop()
    integrity()
    calm = recovery(kills, load.probes, load.attempts, end)
    verdict = verify(fx, load.attempts)
    result.update(
        {
            "failed_before_any_kill": len(calm),
            "load_seconds": round(end - load.t0, 1),
            "voters": VOTERS,
            "voter_threads": VOTER_THREADS,
            "registrants": REGISTRANTS,
            "kills": kills,
            "integrity_checks": checks,
            **verdict.figures,
            "problems": verdict.problems + [f"failed before any kill: {a}" for a in calm],
        }
    )
    if journal != "wal" or synchronous != 2:
        result["problems"].append(f"SQLite runs journal_mode={journal}, synchronous={synchronous}")
    if any(check != "ok" for check in checks):
        result["problems"].append(f"integrity_check: {checks}")
    return result


def run_part(part: str, out: Path) -> int:
    log_dir = ROOT / "var" / "crash"
    log_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"luotsi-crash-{part}-"))
    try:
        result = (postgres_part if part == "postgresql" else sqlite_part)(workdir, log_dir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


# --- The report ---------------------------------------------------------------------------------


def failed(result: dict[str, Any]) -> bool:
    return bool(
        result.get("problems")
        or result.get("lost")
        or result.get("duplicates")
        or result.get("phantoms")
        or result.get("unexpected_answers")
        or result.get("failed_before_any_kill")
        or any(k.get("recovery_s") is None or k.get("app_restarted") for k in result["kills"])
    )


def report_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = [f"{'database':<11} {'kill (SIGKILL)':<33} {'at':>5} {'recovery':>9} "
             f"{'failed probes':>14} {'failed requests':>16}"]  # fmt: skip
    for label, result in results.items():
        for kill in result["kills"]:
            recovered = f"{kill['recovery_s']:.1f} s" if kill["recovery_s"] is not None else "NEVER"
            lines.append(
                f"{label:<11} {kill['kill']:<33} {kill['at_s']:>4.0f}s {recovered:>9} "
                f"{kill['failed_probes']:>14} {kill['failed_requests']:>16}"
            )
            lines.append(f"{'':<11}   {kill['note']}; failed by status {kill['failed_by_status']}")
    lines.append("")
    lines.append(
        f"{'database':<11} {'requests':>9} {'votes ack':>10} {'regs ack':>9} {'5xx/none':>9} "
        f"{'unexpected':>11} {'lost':>5} {'dupl.':>6} {'phantom':>8}"
    )
    for label, r in results.items():
        lines.append(
            f"{label:<11} {r['requests']:>9} {r['votes_acknowledged']:>10} "
            f"{r['registrations_acknowledged']:>9} {r['failed_5xx_or_no_answer']:>9} "
            f"{r['unexpected_answers']:>11} {r['lost']:>5} {r['duplicates']:>6} "
            f"{r['phantoms']:>8}"
        )
    for label, r in results.items():
        extra = (
            f"; journal_mode={r['journal_mode']}, synchronous={r['synchronous']}, "
            f"integrity_check {r['integrity_checks']}"
            if "integrity_checks" in r
            else ""
        )
        lines.append(
            f"{label}: {r['load_seconds']} s of load, {r['voters']} voters "
            f"({r['voter_threads']} threads), {r['registrants']} registrants; "
            f"{r['votes_unanswered_but_committed']} unanswered votes were committed; "
            f"{r['registrations_retried_after_no_answer']} registrations sent again after no "
            f"answer ({r['registrations_retried_found_already_stored']} found already stored, "
            f"{r['registrations_never_answered']} never answered); 5xx/no answer by status "
            f"{r['failed_by_status']}{extra}"
        )
        if r.get("task_worker_exits"):
            lines.append(f"{label}: task worker exits {r['task_worker_exits']}")
        for problem in r["problems"][:20]:
            lines.append(f"   PROBLEM: {problem}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["postgresql", "sqlite"], action="append")
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "bench" / "crash.json")
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)  # one part's figures
    args = parser.parse_args(argv)
    if args.out:
        return run_part(args.part[0], args.out)
    started = now()
    results: dict[str, dict[str, Any]] = {}
    for part in args.part or ["postgresql", "sqlite"]:
        print(f"== crash test on {part}")
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            # Each part in a process of its own: Django's settings (the database) are per process.
            code = subprocess.run(
                [PY, __file__, "--part", part, "--out", out.name], cwd=ROOT, check=False
            ).returncode
            text = Path(out.name).read_text()
        if code != 0 or not text:
            print(f"   the {part} part did not finish (exit status {code})")
            return 1
        results[part] = json.loads(text)
    lines = report_lines(results)
    print("\n".join(lines))
    report = {
        "measured_at": datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
        "cpus": os.cpu_count(),
        "workers": WORKERS,
        "seconds": round(now() - started),
        **results,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.json} ({report['seconds']} s in all)")
    bad = [label for label, result in results.items() if failed(result)]
    print("crash test: " + (f"FAILED on {', '.join(bad)}" if bad else "passed"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
