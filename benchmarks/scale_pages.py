"""Pages and vote casting at Helsinki scale through a real server, against a bare Django view
on the same server in the same run (`make bench-scale`; `make bench` runs it too).

    python -m benchmarks.scale_pages --database postgres://postgres@127.0.0.1:5432/scale \
        [--generate 670000] [--votes] [--json var/bench/scale_pages.json] [--readme README.md]

It starts gunicorn (2 sync workers, production settings with DEBUG off, the URLconf of
`benchmarks.server_settings`, which adds `/bench/bare/`) on a free loopback port against the
given database, which must hold `manage.py generate_scale` data; with `--generate N` a
database without it is migrated, given the Helsinki territory and generated at N residents
first (a missing PostgreSQL database is created). Officers are signed in by sessions written
straight into the session table, as the test client's `force_login` does.

Latency: one client requests every page in turn (round robin, so that noise from other jobs on
the machine hits all pages alike), a new connection per request (gunicorn's sync workers close
it), timing from connect to the last byte; p50 and p95 over the rounds, and their ratio to the
bare view's.

Votes (`--votes`): concurrent voters, each with its own identified session for the cycle in
its voting phase, open the ballot of their major district and POST a ballot (one plan); a vote
counts when the POST answers the redirect to the ballot page. Then the same threads request
the bare view for as long. The benchmark's ballots and sessions are deleted afterwards.
"""

import argparse
import datetime
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SETTINGS = "benchmarks.server_settings"
WORKERS = 2
# 150 voters a minute at the peak, with a tenfold margin.
TARGET_VOTES_PER_SECOND = 150 * 10 / 60
README_START = "<!-- bench-scale:start -->"
README_END = "<!-- bench-scale:end -->"


def server_environment(database_url: str) -> dict[str, str]:
    """The server's environment (and this process's, which writes its sessions): production
    settings, plain HTTP on loopback, keys made up for the run."""
    static_root = ROOT / "var" / "bench" / "static"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "PB_VOTER_KEY_SECRET": secrets.token_urlsafe(32),
        "PB_DEV_IDENTITY_PROVIDER": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        # The coordinator's dashboard is measured, not the two-factor setup it would redirect to.
        "TWO_FACTOR_REQUIRED_FOR_COORDINATOR": "0",
        "TASKS_BACKEND": "database",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def ensure_postgres_database(database_url: str) -> None:
    """Create the PostgreSQL database named in the URL when it does not exist."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        print(f"   creating the PostgreSQL database {name}")
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare_database(env: dict[str, str], residents: int | None) -> None:
    """Migrate (cheap when up to date), fill a database without scale data when asked to, and
    analyse it."""
    if env["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(env["DATABASE_URL"])
    else:
        (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    import django

    django.setup()
    from benchmarks.scale_budgeting import SLUG_PREFIX
    from luotsi.budgeting.models import Cycle

    if not Cycle.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        _generate(env, residents)
    # PostgreSQL: fresh planner statistics, as autovacuum keeps them in production (right
    # after a bulk load it may not have analysed the tables yet). Not SQLite: nothing runs
    # ANALYZE there in production, and its statistics make some pages slower (see README).
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _generate(env: dict[str, str], residents: int | None) -> None:
    from benchmarks.scale import HELSINKI_RESIDENTS
    from luotsi.areas.models import City

    if residents is None:
        raise SystemExit(
            f"{env['DATABASE_URL']} holds no scale data: run `manage.py generate_scale` into it "
            "or pass --generate RESIDENTS."
        )
    if not City.objects.filter(slug="helsinki", districts__isnull=False).exists():
        manage(env, "load_city", "helsinki")
    print(f"   generating scale data at {residents:,} residents (Helsinki {HELSINKI_RESIDENTS:,})")
    started = time.monotonic()
    manage(env, "generate_scale", "--residents", str(residents))
    print(f"   generated in {time.monotonic() - started:.0f} s")


# --- Who requests what ------------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    path: str
    session: str | None = None  # a session cookie, or anonymous
    target_ms: float = 100.0  # p95 target (issue 14: 100 ms; the programme dashboard 500 ms)
    samples: list[float] = field(default_factory=list)


@dataclass
class Fixtures:
    endpoints: list[Endpoint]
    voting_cycle: str
    ballot_choices: list[tuple[int, int]]  # (major district number, plan id)
    cleanup: list[Callable[[], None]] = field(default_factory=list)


def _session_for(user: Any) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "luotsi.accounts.backends.RoleModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def fixtures() -> Fixtures:
    """The pages to request, chosen in the scale data: the first district officer's district
    and their busiest contact, the latest counted cycle's results, the open cycle's ballot."""
    from django.contrib.sessions.models import Session
    from django.db.models import Count
    from django.utils import timezone

    from benchmarks.scale_budgeting import SLUG_PREFIX
    from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
    from luotsi.areas.models import District
    from luotsi.budgeting.models import Cycle, Plan, PlanStatus
    from luotsi.network.models import Contact

    today = timezone.localdate()
    assignment = (
        OfficerAssignment.objects.active_on(today)
        .filter(kind=AssignmentKind.DISTRICT, officer__is_active=True)
        .order_by("pk")
        .first()
    )
    if assignment is None:
        raise SystemExit("The scale data has no district officer.")
    officer = assignment.officer
    major = assignment.major_districts.order_by("number").first()
    coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()
    district = District.objects.filter(major_district=major).order_by("code").first()
    if major is None or coordinator is None or district is None:
        raise SystemExit("The scale data has no coordinator or no officer's district.")
    contact = (
        Contact.objects.filter(district__major_district=major, erased_at=None)
        .annotate(n=Count("interactions"))
        .order_by("-n", "pk")
        .first()
    )
    if contact is None:
        raise SystemExit("The scale data has no contact in the officer's district.")
    word = contact.full_name.split()[-1]
    cycles = Cycle.objects.filter(slug__startswith=SLUG_PREFIX)
    counted = cycles.filter(results_published_at__isnull=False).order_by("-voting_starts_at")[0]
    voting = next(c for c in cycles.order_by("-voting_starts_at") if c.voting_open_at())
    choices: list[tuple[int, int]] = []
    for plan in (
        Plan.objects.filter(cycle=voting, status=PlanStatus.APPROVED, major_district__isnull=False)
        .select_related("major_district")
        .order_by("major_district__number", "cost_estimate", "pk")
    ):
        number = plan.major_district.number if plan.major_district else 0
        if all(chosen != number for chosen, _ in choices):
            choices.append((number, plan.pk))
    # Last, so that nothing above can fail and leave the sessions behind.
    officer_session = _session_for(officer)
    coordinator_session = _session_for(coordinator)

    def cleanup() -> None:
        Session.objects.filter(session_key__in=[officer_session, coordinator_session]).delete()

    lat, lon = 60.1699, 24.9384  # Helsinki's centre (Kluuvi)
    endpoints = [
        Endpoint("bare Django view", "/bench/bare/"),
        Endpoint("home", "/"),
        Endpoint("find your officer", "/areas/"),
        Endpoint("district page", f"/areas/{district.code}/"),
        Endpoint("event listing", "/events/"),
        Endpoint("PB results", f"/budgeting/{counted.slug}/results/"),
        Endpoint("contact page (officer)", f"/network/contacts/{contact.pk}/", officer_session),
        Endpoint(
            "network search (officer)",
            "/network/search/?" + urlencode({"q": word}),
            officer_session,
        ),
        Endpoint("concerns queue (officer)", "/concerns/queue/", officer_session),
        Endpoint("officer's network home", "/network/", officer_session),
        Endpoint("dashboard (coordinator)", "/dashboard/", coordinator_session),
        Endpoint("inclusion overview (coord.)", "/inclusion/", coordinator_session),
        # A full past year, which the scale data (the last two years) covers: as served
        # (counts reused for PROGRAMME_DASHBOARD_CACHE_SECONDS) and counted on every request.
        Endpoint(
            "programme dashboard, a year (coord.)",
            f"/programme/?year={today.year - 1}",
            coordinator_session,
            target_ms=500.0,
        ),
        Endpoint(
            "the same, counted afresh",
            f"/bench/programme-uncached/?year={today.year - 1}",
            coordinator_session,
            target_ms=500.0,
        ),
        Endpoint("API events", "/api/v1/events/"),
        Endpoint("API locate", "/api/v1/areas/locate?" + urlencode({"lat": lat, "lon": lon})),
        Endpoint("API PB results", f"/api/v1/budgeting/cycles/{counted.slug}/results"),
        Endpoint("API contacts (officer)", "/api/v1/network/contacts", officer_session),
    ]
    return Fixtures(endpoints, voting.slug, choices, [cleanup])


# --- The server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            [
                PY,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    status, _ = request(port, "/healthz")
                    if status == 200:
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start: see {log}")
                time.sleep(0.2)
            yield
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def request(
    port: int,
    path: str,
    *,
    cookies: dict[str, str] | None = None,
    body: dict[str, Any] | None = None,
) -> tuple[int, bytes]:
    """One request on a new connection: (status, body)."""
    headers = {"Accept-Language": "fi", "Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    data = None
    if body is not None:
        data = urlencode(body, doseq=True).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST" if body is not None else "GET", path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# --- Latency --------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_pages(
    port: int, endpoints: list[Endpoint], rounds: int, max_seconds: float
) -> list[dict[str, Any]]:
    def get(endpoint: Endpoint) -> float:
        cookies = {"sessionid": endpoint.session} if endpoint.session else None
        started = time.perf_counter()
        status, _ = request(port, endpoint.path, cookies=cookies)
        elapsed = time.perf_counter() - started
        if status != 200:
            raise SystemExit(f"{endpoint.name} ({endpoint.path}) answered {status}")
        return elapsed

    for _ in range(3):  # warm both workers (imports, templates, connections)
        for endpoint in endpoints:
            get(endpoint)
    started = time.monotonic()
    done = 0
    while done < rounds and (done < 10 or time.monotonic() - started < max_seconds):
        for endpoint in endpoints:
            endpoint.samples.append(get(endpoint))
        done += 1
    bare = endpoints[0]
    bare_p50, bare_p95 = percentile(bare.samples, 0.5), percentile(bare.samples, 0.95)
    rows = []
    for endpoint in endpoints:
        p50, p95 = percentile(endpoint.samples, 0.5), percentile(endpoint.samples, 0.95)
        rows.append(
            {
                "name": endpoint.name,
                "path": endpoint.path,
                "target_ms": endpoint.target_ms,
                "samples": len(endpoint.samples),
                "p50_ms": round(p50 * 1000, 1),
                "p95_ms": round(p95 * 1000, 1),
                "mean_ms": round(statistics.fmean(endpoint.samples) * 1000, 1),
                "p50_ratio": round(p50 / bare_p50, 1),
                "p95_ratio": round(p95 / bare_p95, 1),
            }
        )
    return rows


# --- Votes ------------------------------------------------------------------------------------


def voter_sessions(
    cycle_slug: str, count: int, run: str
) -> tuple[list[str], list[str], Callable[[], None]]:
    """`count` sessions, each holding a fresh verified voter identity; their voters' ballot
    keys; and their clean-up (the sessions and the ballots they cast)."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from luotsi.budgeting.identity import SESSION_KEY, VoterIdentity, person_hash
    from luotsi.budgeting.models import Ballot, Cycle

    cycle = Cycle.objects.get(slug=cycle_slug)
    now = timezone.now()
    expires = now + datetime.timedelta(hours=2)
    keys, voter_keys, rows = [], [], []
    for number in range(count):
        identity = VoterIdentity(
            person=person_hash(f"BENCH-{run}-{number}"),
            age=40,
            resident=True,
            verified_at=now,
            method="oidc",
        )
        key = secrets.token_hex(16)
        keys.append(key)
        voter_keys.append(identity.key_for(cycle.pk))
        data = SessionStore().encode({SESSION_KEY: identity.as_session()})
        rows.append(Session(session_key=key, session_data=data, expire_date=expires))
    Session.objects.bulk_create(rows, batch_size=1000)

    def cleanup() -> None:
        for start in range(0, count, 1000):
            part = slice(start, start + 1000)
            Ballot.objects.filter(cycle=cycle, voter_key__in=voter_keys[part]).delete()
            Session.objects.filter(session_key__in=keys[part]).delete()

    return keys, voter_keys, cleanup


def run_threads(threads: int, seconds: float, work: Callable[[int], bool]) -> dict[str, Any]:
    """`threads` threads calling `work(n)` (True: success) with increasing n until `seconds`
    have passed; counts and latencies of the calls."""
    lock = threading.Lock()
    counter = iter(range(10**9))
    durations: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < stop:
            with lock:
                number = next(counter)
            started = time.perf_counter()
            try:
                ok = work(number)
            except Exception as exc:  # every failure is an error to report
                ok = False
                with lock:
                    errors.append(repr(exc))
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    durations.append(elapsed)
                elif len(errors) < 1000:
                    errors.append(f"call {number} failed")

    started = time.monotonic()
    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall = time.monotonic() - started
    return {
        "done": len(durations),
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(wall, 1),
        "per_second": round(len(durations) / wall, 1),
        "p50_ms": round(percentile(durations, 0.5) * 1000, 1) if durations else None,
        "p95_ms": round(percentile(durations, 0.95) * 1000, 1) if durations else None,
    }


def measure_votes(
    port: int, fx: Fixtures, threads: int, seconds: float, run: str
) -> dict[str, Any]:
    # More sessions than the server can use in the time: each voter votes once.
    sessions, voter_keys, cleanup = voter_sessions(fx.voting_cycle, 4000, run)
    fx.cleanup.append(cleanup)
    vote_path = f"/budgeting/{fx.voting_cycle}/vote/"
    csrf = secrets.token_hex(16)  # a 32-character CSRF secret, sent as cookie and form field

    def vote(number: int) -> bool:
        if number >= len(sessions):
            raise RuntimeError("out of voter sessions")
        district, plan = fx.ballot_choices[number % len(fx.ballot_choices)]
        cookies = {"sessionid": sessions[number], "csrftoken": csrf}
        status, _ = request(port, f"{vote_path}?district={district}", cookies=cookies)
        if status != 200:
            raise RuntimeError(f"ballot page answered {status}")
        status, body = request(
            port,
            vote_path,
            cookies=cookies,
            body={"csrfmiddlewaretoken": csrf, "major_district": district, "plans": [plan]},
        )
        if status != 302:
            raise RuntimeError(f"vote answered {status}: {body[:200]!r}")
        return True

    def bare(number: int) -> bool:
        status, _ = request(port, "/bench/bare/")
        return status == 200

    votes = run_threads(threads, seconds, vote)
    baseline = run_threads(threads, seconds / 2, bare)
    from luotsi.budgeting.models import Ballot

    attempted = voter_keys[: votes["done"] + votes["errors"] + threads]
    recorded = Ballot.objects.filter(voter_key__in=attempted).count()
    return {
        "threads": threads,
        "votes": votes,
        "bare": baseline,
        "ballots_recorded": recorded,
        "requests_per_vote": 2,
        "bare_requests_per_vote": round(baseline["per_second"] / votes["per_second"], 1)
        if votes["per_second"]
        else None,
    }


# --- Output -----------------------------------------------------------------------------------


def table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [f"{'page':<30} {'p50 ms':>8} {'p95 ms':>8} {'p50 ×bare':>10} {'p95 ×bare':>10}"]
    for row in rows:
        target = row.get("target_ms", 100.0)
        flag = "" if row["p95_ms"] < target else f"  > {target:.0f} ms"
        lines.append(
            f"{row['name']:<30} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{row['p50_ratio']:>9.1f}× {row['p95_ratio']:>9.1f}×{flag}"
        )
    return lines


def vote_lines(result: dict[str, Any]) -> list[str]:
    votes, bare = result["votes"], result["bare"]
    met = votes["per_second"] >= TARGET_VOTES_PER_SECOND and votes["errors"] == 0
    return [
        f"votes: {votes['per_second']:.1f} votes/s with {result['threads']} concurrent voters "
        f"({votes['done']} votes in {votes['seconds']} s, {votes['errors']} errors, "
        f"{result['ballots_recorded']} ballots recorded; a vote = ballot page + POST, "
        f"p50 {votes['p50_ms']} ms, p95 {votes['p95_ms']} ms)",
        f"bare view: {bare['per_second']:.1f} requests/s, same threads "
        f"({bare['errors']} errors): a vote costs {result['bare_requests_per_vote']} bare requests",
        f"target ≥ {TARGET_VOTES_PER_SECOND:.0f} votes/s (150 a minute ×10), zero errors: "
        + ("met" if met else "NOT met"),
    ]


def markdown(report: dict[str, Any]) -> str:
    """The README's table: one column pair per database measured."""
    labels = [label for label in ("postgresql", "sqlite") if label in report]
    header = "| Page | " + " | ".join(
        f"{label_name(label)} p50 | p95 | p95 ×bare" for label in labels
    )
    lines = [header + " |", "|---" * (1 + 3 * len(labels)) + "|"]
    names = [row["name"] for row in report[labels[0]]["pages"]]
    for name in names:
        cells = [name]
        for label in labels:
            row = next(r for r in report[label]["pages"] if r["name"] == name)
            p95 = f"{row['p95_ms']:.0f} ms"
            if row["p95_ms"] >= row.get("target_ms", 100.0):
                p95 = f"**{p95}**"
            cells += [f"{row['p50_ms']:.0f} ms", p95, f"{row['p95_ratio']:.1f}×"]
        lines.append("| " + " | ".join(cells) + " |")
    for label in labels:
        votes = report[label].get("votes")
        if votes:
            v, b = votes["votes"], votes["bare"]
            lines += [
                "",
                f"Vote casting on {label_name(label)}: **{v['per_second']:.1f} votes/s** with "
                f"{votes['threads']} concurrent voters ({v['done']} votes in {v['seconds']} s, "
                f"{v['errors']} errors; a vote is the ballot page plus the POST, p95 "
                f"{v['p95_ms']:.0f} ms), against {b['per_second']:.0f} bare requests/s on the "
                f"same server: **a vote costs {votes['bare_requests_per_vote']} bare requests**.",
            ]
    meta = report[labels[0]]
    lines += ["", f"Measured {meta['measured_at']} at {meta['residents']}."]
    return "\n".join(lines)


def label_name(label: str) -> str:
    return {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(label, label)


def update_readme(readme: Path, report: dict[str, Any]) -> None:
    text = readme.read_text()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        print(f"   {readme} has no {README_START} … {README_END} block: not updated")
        return
    block = f"{README_START}\n{markdown(report)}\n{README_END}"
    readme.write_text(text[:start] + block + text[end + len(README_END) :])
    print(f"   updated the Performance table in {readme}")


def scale_description() -> str:
    from benchmarks.scale import HELSINKI_RESIDENTS
    from luotsi.budgeting.models import Ballot
    from luotsi.network.models import Contact, Interaction

    contacts, interactions = Contact.objects.count(), Interaction.objects.count()
    ballots = Ballot.objects.count()
    share = interactions / 1_000_000
    return (
        f"~{round(share * HELSINKI_RESIDENTS, -3):,.0f} residents' scale "
        f"({contacts:,} contacts, {interactions:,} interactions, {ballots:,} ballots)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("SCALE_DATABASE_URL"))
    parser.add_argument("--generate", type=int, metavar="RESIDENTS")
    parser.add_argument("--votes", action="store_true", help="measure vote casting too")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--max-seconds", type=float, default=180)
    parser.add_argument("--vote-seconds", type=float, default=30)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "bench" / "scale_pages.json")
    parser.add_argument("--readme", type=Path)
    args = parser.parse_args(argv)
    if not args.database:
        parser.error("--database (or SCALE_DATABASE_URL) is required")
    env = server_environment(args.database)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    label = "postgresql" if args.database.startswith("postgres") else "sqlite"
    print(f"== scale pages on {label_name(label)}: real server, {WORKERS} gunicorn workers")
    prepare_database(env, args.generate)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    import logging

    logging.getLogger("django").setLevel(logging.WARNING)
    fx = fixtures()
    scale = scale_description()
    print(f"   data: {scale}")
    port = free_port()
    log = ROOT / "var" / "bench" / f"gunicorn-{label}.log"
    run = secrets.token_hex(4)
    result: dict[str, Any] = {
        "measured_at": datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
        "database": label,
        "residents": scale,
        "workers": WORKERS,
        "cpus": os.cpu_count(),
    }
    try:
        with server(env, port, log):
            result["pages"] = measure_pages(port, fx.endpoints, args.rounds, args.max_seconds)
            for line in table(result["pages"]):
                print(f"   {line}")
            if args.votes:
                result["votes"] = measure_votes(port, fx, args.threads, args.vote_seconds, run)
                for line in vote_lines(result["votes"]):
                    print(f"   {line}")
    finally:
        for clean in fx.cleanup:
            clean()
    slow = [row["name"] for row in result["pages"] if row["p95_ms"] >= row.get("target_ms", 100.0)]
    print(
        "   target p95 < 100 ms (the programme dashboard 500 ms): "
        + (f"NOT met by {', '.join(slow)}" if slow else "met by every page")
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = json.loads(args.json.read_text()) if args.json.exists() else {}
    report[label] = result
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"   wrote {args.json}")
    if args.readme:
        update_readme(args.readme, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
