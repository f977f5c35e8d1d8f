"""Schemathesis against both APIs, through the project's own WSGI application: every operation
of /api/v1/openapi.json as anonymous, officer_south (bearer token) and the coordinator (bearer
token), and every Open311 operation (/open311/v2/openapi.json) without a key and as a client
with its api_key. Each answer must be no 5xx, a documented status, the documented content
type, a body matching the documented schema and the documented headers.

Deterministic (a fixed seed, derandomized Hypothesis, no example database) and bounded
(FUZZ_MAX_EXAMPLES generated cases per operation and persona, plus schemathesis's coverage
cases); LUOTSI_FUZZ_EXAMPLES raises the bound for a deeper run. The terminal summary ends with
one line: operations × personas, cases run, failures.

Random strings rarely put a NUL character where it reaches the database (PostgreSQL cannot
store or even compare one: it was a 500 in nine places), so the NUL sweep at the end sends one
in every text parameter and body field of both schemas, one at a time.
"""

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from luotsi.testing.personas import Personas
from tests.security.fuzz_world import PB_SLUG, World, credentials, fill

FUZZ_MAX_EXAMPLES = int(os.environ.get("LUOTSI_FUZZ_EXAMPLES", "20"))
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 13,
        "generation": {
            "deterministic": True,
            "max-examples": FUZZ_MAX_EXAMPLES,
            "database": "none",
            "unique-inputs": True,
        },
    }
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
API_PERSONAS = ("anonymous", "officer_south", "coordinator")
# Operations whose answers the summary counts by status (the world must make them answer 200
# as well as 404 and 422, `test_budgeting_world_answers_every_operation`).
STATUS_SHOWN = ("GET /api/v1/budgeting/",)
OPEN311_CLIENTS = ("anonymous", "open311_client")

# Loaded at collection (no database needed): one pytest item per operation and persona.
api_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)
open311_schema = schemathesis.openapi.from_wsgi(
    "/open311/v2/openapi.json", application, config=CONFIG
)
fuzz_settings = settings(
    # The world is built once per operation and persona, not per generated case, on purpose.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@dataclass
class Tally:
    cases: Counter[tuple[str, str]] = field(default_factory=Counter)
    operations: dict[str, set[str]] = field(default_factory=dict)
    personas: dict[str, set[str]] = field(default_factory=dict)

    def count(self, api: str, operation: str, persona: str) -> None:
        self.cases[api, persona] += 1
        self.operations.setdefault(api, set()).add(operation)
        self.personas.setdefault(api, set()).add(persona)

    swept: Counter[str] = field(default_factory=Counter)
    # Answers by operation (of the operations whose statuses the summary shows).
    statuses: dict[str, Counter[int]] = field(default_factory=dict)

    def answered(self, operation: str, status: int) -> None:
        if any(operation.startswith(prefix) for prefix in STATUS_SHOWN):
            self.statuses.setdefault(operation, Counter())[status] += 1

    def lines(self, failed: int) -> list[str]:
        parts = []
        for api in sorted(self.operations):
            per_persona = ", ".join(
                f"{persona} {n}" for (name, persona), n in sorted(self.cases.items()) if name == api
            )
            parts.append(
                f"{api}: {len(self.operations[api])} operations × "
                f"{len(self.personas[api])} personas ({per_persona} cases)"
            )
        for operation, statuses in sorted(self.statuses.items()):
            shown = ", ".join(f"{status}×{n}" for status, n in sorted(statuses.items()))
            parts.append(f"{operation}: {shown}")
        if self.swept:
            swept = ", ".join(f"{api} {n}" for api, n in sorted(self.swept.items()))
            parts.append(f"NUL sweep: {sum(self.swept.values())} text parameters ({swept})")
        total = sum(self.cases.values()) + sum(self.swept.values())
        return [*parts, f"API fuzzing: {total} cases, {failed} failed test items"]


class TallyReport:
    """Prints the tally at the end of the run (a plugin registered by the tally fixture)."""

    def __init__(self, tally: Tally) -> None:
        self.tally = tally

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        failed = [
            report
            for report in terminalreporter.stats.get("failed", [])
            if __name__.rsplit(".", 1)[-1] in report.nodeid
        ]
        terminalreporter.section("API fuzzing")
        for line in self.tally.lines(len(failed)):
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def tally(pytestconfig: pytest.Config) -> Tally:
    found = Tally()
    pytestconfig.pluginmanager.register(TallyReport(found), "luotsi-api-fuzz-tally")
    return found


@pytest.fixture
def keys(personas: Personas) -> Iterator[World]:
    # The WSGI handler closes "old" connections when a request starts and ends, and to it the
    # test's open transaction looks old: on PostgreSQL the next query would find the
    # connection closed. Django's own test client disconnects the same handler.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield credentials(personas)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(personas: Personas, keys: World) -> World:
    fill(personas, keys)
    return keys


@pytest.mark.parametrize("persona", API_PERSONAS)
@api_schema.parametrize()
@fuzz_settings
def test_api_v1(case: schemathesis.Case, persona: str, world: World, tally: Tally) -> None:
    token = world.tokens.get(persona)
    headers = {"Authorization": f"Bearer {token}"} if token else None
    tally.count("/api/v1", case.operation.label, persona)
    response = case.call_and_validate(headers=headers, checks=CHECKS)
    tally.answered(case.operation.label, response.status_code)


@pytest.mark.parametrize("client", OPEN311_CLIENTS)
@open311_schema.parametrize()
@fuzz_settings
def test_open311(case: schemathesis.Case, client: str, world: World, tally: Tally) -> None:
    params = {"api_key": world.open311_key} if client == "open311_client" else None
    tally.count("/open311/v2", case.operation.label, client)
    case.call_and_validate(params=params, checks=CHECKS)


def test_budgeting_world_answers_every_operation(world: World) -> None:
    """The schema's example slug is the world's published cycle, so generated cases reach its
    200s: each budgeting operation answers it 200 with a body matching its schema, an unknown
    cycle 404 and page 0 422."""
    labels = [
        f"{method.upper()} {path}"
        for path, methods in api_schema.raw_schema["paths"].items()
        for method in methods
        if f"{method.upper()} {path}".startswith(STATUS_SHOWN)
    ]
    assert len(labels) == 4
    for label in labels:
        operation = api_schema.find_operation_by_label(label)
        assert operation is not None
        slugs = [p for p in operation.path_parameters if p.name == "slug"]
        assert all(p.definition["example"] == PB_SLUG for p in slugs), operation.label
        pages = any(p.name == "page" for p in operation.query)
        for slug, query, status in (
            (PB_SLUG, None, 200),
            ("no-such-cycle", None, 404 if slugs else 200),
            (PB_SLUG, {"page": 0} if pages else None, 422 if pages else 200),
        ):
            path = {"slug": slug} if slugs else {}
            response = operation.Case(path_parameters=path, query=query).call_and_validate(
                checks=CHECKS
            )
            assert response.status_code == status, (operation.label, slug, query)
            body = response.json()
            if status == 200 and "count" in body:
                assert body["count"] > 0, operation.label
            if status == 200 and "areas" in body and "counted_at" in body:
                assert any(p["selected"] for area in body["areas"] for p in area["plans"])


# --- The NUL sweep ------------------------------------------------------------------------

NUL_TEXT = "a\x00b"
# Values that let a request get past everything but the parameter under test.
PATH_VALUES: dict[str, Any] = {
    "code": "101",
    "pk": 1,
    "format": "json",
    "service_code": "parks",
    "service_request_id": "2026-00001",
    "token": "abc",
    "slug": PB_SLUG,
}
BODIES: dict[str, dict[str, Any]] = {
    "PATCH /api/v1/me": {"full_name": "Named Anew"},
    "POST /api/v1/network/interactions": {
        "occurred_on": "2026-05-04",
        "channel": "meeting",
        "summary": "Met the board",
        "district": "101",
    },
    "POST /open311/v2/requests.{format}": {
        "service_code": "parks",
        "lat": 60.17225,
        "long": 24.95524,
        "description": "The fence is broken.",
    },
}


def _resolved(raw: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in spec:
        node: Any = raw
        for part in spec["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        spec = node
    return spec


def _is_text(raw: dict[str, Any], spec: dict[str, Any]) -> bool:
    """A free text: a string without an enum (an enum value is checked against its list)."""
    spec = _resolved(raw, spec)
    kinds = spec.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if "string" in kinds and "enum" not in spec:
        return True
    return any(_is_text(raw, option) for option in spec.get("anyOf", []))


def nul_targets(api: str, raw: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(api, operation label, where, name) for every text parameter and body field."""
    found = []
    for path, item in raw["paths"].items():
        for method, operation in item.items():
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                where, name = parameter["in"], parameter["name"]
                text = _is_text(raw, parameter["schema"])
                if text and where in ("query", "path") and name != "format":
                    found.append((api, label, where, name))
            for media in operation.get("requestBody", {}).get("content", {}).values():
                body = _resolved(raw, media["schema"])
                for name, spec in body.get("properties", {}).items():
                    if _is_text(raw, spec):
                        found.append((api, label, "body", name))
    return found


NUL_TARGETS = [
    *nul_targets("/api/v1", api_schema.raw_schema),
    *nul_targets("/open311/v2", open311_schema.raw_schema),
]


def _case(label: str, where: str, name: str) -> schemathesis.Case:
    schema = api_schema if label.split(" ", 1)[1].startswith("/api/") else open311_schema
    operation = schema.find_operation_by_label(label)
    assert operation is not None
    path = {p.name: PATH_VALUES[p.name] for p in operation.path_parameters}
    body = dict(BODIES[label]) if operation.body else None
    if where == "path":
        path[name] = NUL_TEXT
    elif where == "body":
        assert body is not None
        body[name] = NUL_TEXT
    query = {name: NUL_TEXT} if where == "query" else None
    if body is None:
        return operation.Case(path_parameters=path, query=query)
    return operation.Case(path_parameters=path, query=query, body=body)


def test_every_body_has_a_sweep_baseline() -> None:
    """The sweep needs a valid body per operation; a new operation with one must add it."""
    with_body = {label for _api, label, where, _name in NUL_TARGETS if where == "body"}
    assert with_body <= set(BODIES)
    assert len(NUL_TARGETS) >= 20  # the enumeration found the text parameters at all


@pytest.mark.parametrize(
    ("api", "label", "where", "name"),
    NUL_TARGETS,
    ids=[f"{label} {where}:{name}" for _api, label, where, name in NUL_TARGETS],
)
def test_a_nul_character_is_refused_naming_the_parameter(
    api: str, label: str, where: str, name: str, keys: World, tally: Tally
) -> None:
    case = _case(label, where, name)
    tally.swept[api] += 1
    if api == "/api/v1":
        # As the coordinator, so that nothing is refused before the parameter is read.
        headers = {"Authorization": f"Bearer {keys.tokens['coordinator']}"}
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        if where == "path":
            assert response.status_code == 404  # no area has such a code
        else:
            assert response.status_code == 422
            assert [error["field"] for error in response.json()["errors"]] == [name]
        return
    params = None if name == "api_key" else {"api_key": keys.open311_key}
    response = case.call_and_validate(params=params, checks=CHECKS)
    assert response.status_code == 400
    assert [error["description"].split(":")[0] for error in response.json()] == [name]
