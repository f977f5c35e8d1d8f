"""Open data: the machinery shared by the public API (/api/v1/open/…), the bulk downloads
(/open-data/<dataset>.csv and .json) and the data dictionary.

A dataset is a flat table: its columns (name, type, meaning) are declared once, and the
API, the CSV file, the JSON file and the dictionary are all made from that declaration, so
they cannot drift apart. The datasets themselves are in open_datasets.py.

Decisions, documented on the dictionary page too:
- Aggregates and already-public fields only. Every count of people is a pair of columns:
  `<name>` (null when hidden) and `<name>_suppressed` ("small": fewer than
  settings.OPEN_DATA_MIN_CELL; "secondary": hidden so that a small count cannot be worked
  out from a sum; null when shown). Zero is shown as 0, as on the pages (suppression.py).
- Everything is language-independent: texts come as `<name>_fi`, `_sv` and `_en` columns
  and the metadata's titles in the three languages, so one cached answer serves everyone.
- Licence and attribution: CSV has no place for metadata that every reader understands (a
  comment line breaks most CSV readers), so a CSV file carries them in HTTP headers
  (`Link: <…>; rel="license"`, `Link: <dictionary>; rel="describedby"`, `X-Attribution`);
  the JSON files, the API and the dictionary carry them in their `meta`.
- Caching: the ETag is a hash of the answer's content without its `generated_at` (a weak
  ETag, since that one field differs); If-None-Match with a current ETag answers 304.
"""

import csv
import datetime
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import parse_etags
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from luotsi.areas.locate import default_city
from luotsi.insights.suppression import Cell, State

LANGUAGES = [code for code, _name in settings.MESSAGE_LANGUAGES]
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
SOURCE_SYSTEM = "Luotsi"


def min_cell() -> int:
    """The smallest count of people published (at least 1: 0 would publish everything)."""
    return max(1, int(settings.OPEN_DATA_MIN_CELL))


class ColumnType(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    COUNT = "count"  # a number of people (or organisations), small-cell protected
    PERCENT = "percent"
    BOOLEAN = "boolean"
    DATE = "date"
    MONTH = "month"  # YYYY-MM
    DATETIME = "datetime"


TYPE_LABELS: dict[ColumnType, Promise] = {
    ColumnType.STRING: _("text"),
    ColumnType.INTEGER: _("whole number"),
    ColumnType.COUNT: _("count of people (null when hidden)"),
    ColumnType.PERCENT: _("percentage, 0–100 (null when a count it is computed from is hidden)"),
    ColumnType.BOOLEAN: _("true or false"),
    ColumnType.DATE: _("date (YYYY-MM-DD)"),
    ColumnType.MONTH: _("month (YYYY-MM)"),
    ColumnType.DATETIME: _("date and time (ISO 8601, with the UTC offset)"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    meaning: "str | Promise"
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    columns: tuple[Column, ...]
    rows: Callable[[], list[dict[str, Any]]]
    # When the source figures were last rebuilt, for datasets built by a refresh.
    as_of: Callable[[], datetime.datetime | None] | None = None

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


# --- columns and values -----------------------------------------------------------------------


def translated_columns(
    name: str, meaning: "str | Promise", *, nullable: bool = True
) -> list[Column]:
    languages = {"fi": _("in Finnish"), "sv": _("in Swedish"), "en": _("in English")}
    return [
        Column(
            f"{name}_{code}",
            ColumnType.STRING,
            format_lazy("{} ({})", meaning, languages[code]),
            nullable=nullable,
        )
        for code in LANGUAGES
    ]


def translated_values(name: str, obj: Any, field: str = "") -> dict[str, str | None]:
    """`<name>_fi`, `_sv`, `_en` from a modeltranslation field (None where not translated)."""
    field = field or name
    return {
        f"{name}_{code}": (getattr(obj, f"{field}_{code}", None) or None) if obj else None
        for code in LANGUAGES
    }


def count_columns(name: str, meaning: "str | Promise") -> list[Column]:
    return [
        Column(name, ColumnType.COUNT, meaning, nullable=True),
        Column(
            f"{name}_suppressed",
            ColumnType.STRING,
            _(
                'why the count is null: "small" (fewer people than the threshold) or '
                '"secondary" (hidden so that a small count cannot be worked out from a '
                "sum); null when the count is shown"
            ),
            nullable=True,
        ),
    ]


def count_values(name: str, cell: Cell) -> dict[str, Any]:
    flag = None
    if cell.state == State.SMALL:
        flag = "small"
    elif cell.state == State.SECONDARY:
        flag = "secondary"
    return {name: cell.public_value, f"{name}_suppressed": flag}


def month_text(day: datetime.date) -> str:
    return f"{day:%Y-%m}"


def in_each_language(text: Promise | str) -> dict[str, str]:
    texts = {}
    for code in LANGUAGES:
        with translation.override(code):
            texts[code] = str(text)
    return texts


# --- metadata ---------------------------------------------------------------------------------


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def dictionary_url(dataset: Dataset | None = None) -> str:
    url = site_url(reverse("open_data:dictionary"))
    return f"{url}#{dataset.slug}" if dataset else url


def attribution() -> str:
    city = default_city()
    return city.name_fi or city.name


def metadata(dataset: Dataset) -> dict[str, Any]:
    """What a reader needs to use and credit the dataset (every answer's `meta`)."""
    return {
        "dataset": dataset.slug,
        "title": in_each_language(dataset.title),
        "description": in_each_language(dataset.description),
        "licence": LICENCE,
        "attribution": attribution(),
        "source": f"{SOURCE_SYSTEM}, {site_url(reverse('open_data:index'))}",
        "dictionary": dictionary_url(dataset),
        "downloads": {
            "csv": site_url(reverse("open_data:csv", args=[dataset.slug])),
            "json": site_url(reverse("open_data:json", args=[dataset.slug])),
        },
        "min_cell": min_cell(),
        "columns": dataset.column_names,
        "data_as_of": _iso(dataset.as_of() if dataset.as_of else None),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
    }


def _iso(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def dictionary_entry(dataset: Dataset) -> dict[str, Any]:
    return {
        "dataset": dataset.slug,
        "title": in_each_language(dataset.title),
        "description": in_each_language(dataset.description),
        "columns": [
            {
                "name": column.name,
                "type": str(column.type),
                "nullable": column.nullable,
                "meaning": in_each_language(column.meaning),
            }
            for column in dataset.columns
        ],
    }


def dictionary(datasets: Iterable[Dataset]) -> dict[str, Any]:
    return {
        "meta": {
            "title": in_each_language(_("Open data dictionary")),
            "licence": LICENCE,
            "attribution": attribution(),
            "source": f"{SOURCE_SYSTEM}, {site_url(reverse('open_data:index'))}",
            "min_cell": min_cell(),
            "types": {str(t): in_each_language(label) for t, label in TYPE_LABELS.items()},
            "generated_at": timezone.now().isoformat(timespec="seconds"),
        },
        "datasets": [dictionary_entry(dataset) for dataset in datasets],
    }


# --- caching ----------------------------------------------------------------------------------


def etag_of(content: Any) -> str:
    """A weak ETag of `content` (JSON-able), ignoring the `generated_at` of any `meta`."""
    if isinstance(content, dict) and isinstance(content.get("meta"), dict):
        content = {**content, "meta": {**content["meta"], "generated_at": None}}
    text = content if isinstance(content, str | bytes) else _canonical(content)
    data = text.encode() if isinstance(text, str) else text
    return f'W/"{hashlib.sha256(data).hexdigest()[:32]}"'


def _canonical(content: Any) -> str:
    return json.dumps(content, sort_keys=True, default=str, separators=(",", ":"))


def is_fresh(request: HttpRequest, etag: str) -> bool:
    """True when the client's If-None-Match names `etag` (weak comparison, RFC 9110 13.1.2)."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    wanted = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in parse_etags(header))


def add_cache_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={max(0, settings.OPEN_DATA_MAX_AGE)}"
    return response


def not_modified(etag: str) -> HttpResponse:
    return add_cache_headers(HttpResponse(status=304), etag)


# --- files ------------------------------------------------------------------------------------


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_text(dataset: Dataset, rows: list[dict[str, Any]]) -> str:
    """The rows as CSV (RFC 4180, a header row of the column names; null is empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(dataset.column_names)
    for row in rows:
        writer.writerow([_csv_value(row.get(name)) for name in dataset.column_names])
    return out.getvalue()


def licence_headers(response: HttpResponse, dataset: Dataset | None = None) -> HttpResponse:
    """The licence, attribution and dictionary of a file, where CSV has no room for them."""
    response["Link"] = (
        f'<{LICENCE["url"]}>; rel="license"; title="{LICENCE["name"]}", '
        f'<{dictionary_url(dataset)}>; rel="describedby"'
    )
    response["X-Licence"] = LICENCE["name"]
    response["X-Attribution"] = attribution()
    return response


def json_bytes(content: Any) -> bytes:
    return json.dumps(content, ensure_ascii=False, default=str, indent=1).encode()
