"""Every page of the project as concrete URLs, the clients that request them, and what the
sweeps need to read the answers (bodies, content types, captured log records).

The URLs come from the authorization matrix (tests/authz_matrix*.py): it has a concrete URL
for every route and API operation, and tests/test_authorization_matrix.py fails when a new
one lacks its line, so the sweeps cover a new page the day it is added. The admin's change
pages are enumerated from the admin registry.

Matrix URLs are built by calling the cases' URL functions, which create the records they
name: call `matrix_get_urls` *before* writing payloads or canaries, so those records get
them too.
"""

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpResponseBase
from django.test import Client
from django.urls import NoReverseMatch, reverse

from luotsi.testing.personas import Personas
from tests.authz_matrix import MATRIX

# The personas the XSS sweep requests every page as (the brief: the public, a resident, a
# district officer and the coordinator, who is also the admin).
SWEEP_PERSONAS = ("anonymous", "resident", "officer_south", "coordinator")
# Change pages requested per registered admin model (the newest rows: the sweep's own).
ADMIN_OBJECTS_PER_MODEL = 2

HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("application/xml", "text/xml", "application/atom+xml", "application/rss+xml")
JSON_TYPES = ("application/json", "application/geo+json", "application/problem+json")


def matrix_get_urls(p: Personas) -> list[tuple[str, str]]:
    """(matrix key, URL) of every GET case, in matrix order, without repeats."""
    seen: set[str] = set()
    urls: list[tuple[str, str]] = []
    for key, cases in MATRIX.items():
        for case in cases:
            if case.method != "GET":
                continue
            url = case.url(p)
            if url not in seen:
                seen.add(url)
                urls.append((key, url))
    return urls


def admin_urls() -> list[str]:
    """The change list and the newest rows' change pages of every registered model."""
    urls: list[str] = []
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        opts = model._meta
        try:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        except NoReverseMatch:  # pragma: no cover - every registered model has one
            continue
        default: models.Manager[Any] = model._default_manager
        for pk in default.order_by("-pk").values_list("pk", flat=True)[:ADMIN_OBJECTS_PER_MODEL]:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]))
    return urls


def clients(
    p: Personas, names: tuple[str, ...] = SWEEP_PERSONAS, language: str = "fi"
) -> dict[str, Client]:
    made: dict[str, Client] = {}
    for name in names:
        client = Client(raise_request_exception=True, HTTP_ACCEPT_LANGUAGE=language)
        person = p.get(name)
        if person.is_authenticated:
            client.force_login(person)
        made[name] = client
    return made


@dataclass
class Answer:
    url: str
    persona: str
    status: int
    content_type: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    crash: str = ""

    @property
    def kind(self) -> str:
        """html, xml, json or other (calendars, CSV, plain text, PDF, spreadsheets, images)."""
        mime = self.content_type.split(";", 1)[0].strip().lower()
        if mime in HTML_TYPES or (not mime and self.body.lstrip().startswith("<")):
            return "html"
        if mime in XML_TYPES:
            return "xml"
        if mime in JSON_TYPES or mime.endswith("+json"):
            return "json"
        return "other"

    def json(self) -> Any:
        return json.loads(self.body)


def _body(response: HttpResponseBase) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


def fetch(client: Client, persona: str, url: str) -> Answer:
    """GET `url`; an exception in the view is returned as a crash, not raised, so one page
    cannot hide the findings of the others."""
    try:
        response = client.get(url)
    except Exception as exc:  # reported as a finding with the page
        return Answer(url, persona, 500, "", "", crash=f"{type(exc).__name__}: {exc}")
    raw = _body(response)
    content_type = response.get("Content-Type", "")
    binary = not content_type.startswith(("text/", "application/")) or content_type.startswith(
        ("application/pdf", "application/vnd.", "application/zip", "application/octet-stream")
    )
    body = "" if binary else raw.decode("utf-8", errors="replace")
    return Answer(
        url,
        persona,
        response.status_code,
        content_type,
        body,
        headers={k.lower(): v for k, v in response.headers.items()},
    )


def sweep(
    p: Personas, urls: list[str], personas: tuple[str, ...] = SWEEP_PERSONAS, language: str = "fi"
) -> Iterator[Answer]:
    """Each URL as each persona, in `language` (the browser's Accept-Language)."""
    by_name = clients(p, personas, language)
    for url in urls:
        for name in personas:
            yield fetch(by_name[name], name, url)


class Capture(logging.Handler):
    """Every record logged anywhere while attached (to the root logger, at DEBUG), with the
    text an operator's log would hold: the formatted message, the traceback and the extra
    attributes handlers may print."""

    STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.texts: list[str] = []
        self._formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        try:
            text = self._formatter.format(record)
        except Exception as exc:  # a bad record is still evidence
            text = f"{record.msg!r} {record.args!r} ({exc})"
        extras = {k: v for k, v in vars(record).items() if k not in self.STANDARD}
        self.texts.append(f"{text} {extras!r}")

    def __enter__(self) -> "Capture":
        root = logging.getLogger()
        self._level = root.level
        root.addHandler(self)
        root.setLevel(logging.DEBUG)
        return self

    def __exit__(self, *exc: object) -> None:
        root = logging.getLogger()
        root.removeHandler(self)
        root.setLevel(self._level)
