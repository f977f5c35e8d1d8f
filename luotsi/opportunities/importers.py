"""Feeds in: Kerrokantasi hearings and Linked Events events become Opportunities.

Each record is keyed by (source, source_id), so a second run updates in place. A record that
cannot be read is skipped and reported with its id and the reason; the rest of a run is
written in one transaction, so a failure half-way (a page that cannot be fetched) leaves
nothing half-written.
"""

import json
import re
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from luotsi.areas.locate import OutsideCity, locate
from luotsi.areas.models import District
from luotsi.events.codes import join_codes
from luotsi.opportunities.models import Opportunity, OpportunityKind, OpportunitySource

TIMEOUT_SECONDS = 20
MAX_PAGES = 200
LANGUAGES = ("fi", "sv", "en")


class FeedError(Exception):
    """The feed itself cannot be read (bad URL, network, not JSON): nothing is written."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (record id, reason)
    pages: int = 0


@dataclass
class Parsed:
    source_id: str
    values: dict[str, Any]
    districts: list[District] = field(default_factory=list)


def fetch_json(url: str) -> Any:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FeedError(_("Only http and https addresses can be read: %(url)s") % {"url": url})
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (scheme checked above)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (scheme checked above)  # nosec B310
            return json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as error:
        raise FeedError(
            _("Cannot read %(url)s: %(error)s") % {"url": url, "error": error}
        ) from error


def _pages(url: str, records: Callable[[Any], tuple[list[Any], str | None]]) -> Iterator[Any]:
    seen: set[str] = set()
    next_url: str | None = url
    while next_url and next_url not in seen and len(seen) < MAX_PAGES:
        seen.add(next_url)
        rows, next_url = records(fetch_json(next_url))
        yield rows


def _texts(value: Any) -> dict[str, str]:
    """A translated text as {fi, sv, en}; anything else as empty."""
    if not isinstance(value, dict):
        return {}
    return {lang: str(value[lang]).strip() for lang in LANGUAGES if value.get(lang)}


def _when(value: Any, name: str) -> Any:
    if value in (None, ""):
        return None
    parsed = parse_datetime(str(value))
    if parsed is None:
        raise ValueError(
            _("%(field)s is not a date and time: %(value)s") % {"field": name, "value": value}
        )
    return parsed


def _translated(values: dict[str, Any], name: str, texts: dict[str, str], limit: int = 0) -> None:
    for lang in LANGUAGES:
        text = texts.get(lang, "")
        values[f"{name}_{lang}"] = text[:limit] if limit else text
    values[name] = values[f"{name}_fi"] or next((t for t in texts.values() if t), "")


_TAGS = re.compile(r"<[^>]+>")


def _plain(texts: dict[str, str]) -> dict[str, str]:
    return {lang: _TAGS.sub("", text).strip() for lang, text in texts.items()}


def _named_districts(texts: list[str]) -> list[District]:
    """Districts whose name (in any language) a text mentions as a word."""
    found = []
    haystack = " ".join(texts)
    for district in District.objects.defer("geometry", "geometry_simplified"):
        names = {n for n in (district.name_fi, district.name_sv, district.name_en) if n}
        if any(re.search(rf"\b{re.escape(n)}", haystack, re.IGNORECASE) for n in names):
            found.append(district)
    return found


def parse_hearing(row: dict[str, Any], base: str) -> Parsed:
    source_id = str(row.get("id") or "").strip()
    if not source_id:
        raise ValueError(_("no id"))
    titles = _texts(row.get("title"))
    if not titles:
        raise ValueError(_("no title"))
    abstracts = _plain(_texts(row.get("abstract")))
    values: dict[str, Any] = {"kind": OpportunityKind.HEARING}
    _translated(values, "title", titles, 250)
    _translated(values, "summary", abstracts)
    values["opens_at"] = _when(row.get("open_at"), "open_at")
    values["deadline"] = _when(row.get("close_at"), "close_at")
    values["is_published"] = bool(row.get("published", True))
    values["link"] = f"{base}/{row.get('slug') or source_id}"[:500]
    values["material_languages"] = join_codes(titles)
    districts = _named_districts([*titles.values(), *abstracts.values()])
    values["city_wide"] = not districts
    return Parsed(source_id, values, districts)


def _code(entry: Any) -> str:
    if not isinstance(entry, dict):
        return ""
    if entry.get("id"):
        return str(entry["id"])
    return str(entry.get("@id", "")).rstrip("/").rsplit("/", 1)[-1]


def parse_linked_event(row: dict[str, Any], base: str) -> Parsed:
    source_id = str(row.get("id") or "").strip()
    if not source_id:
        raise ValueError(_("no id"))
    titles = _texts(row.get("name"))
    if not titles:
        raise ValueError(_("no name"))
    summaries = _plain(_texts(row.get("short_description")) or _texts(row.get("description")))
    start = _when(row.get("start_time"), "start_time")
    if start is None:
        raise ValueError(_("no start_time"))
    values: dict[str, Any] = {"kind": OpportunityKind.EVENT}
    _translated(values, "title", titles, 250)
    _translated(values, "summary", summaries)
    values["opens_at"] = None
    values["deadline"] = start
    values["is_published"] = True
    info = _texts(row.get("info_url"))
    values["link"] = (info.get("fi") or next(iter(info.values()), "") or f"{base}/{source_id}")[
        :500
    ]
    raw_location = row.get("location")
    location: dict[str, Any] = raw_location if isinstance(raw_location, dict) else {}
    place = [*_texts(location.get("name")).values()][:1] + [
        *_texts(location.get("street_address")).values()
    ][:1]
    values["place"] = ", ".join(place)[:250]
    values["material_languages"] = join_codes(_code(e) for e in row.get("in_language") or [])
    districts: list[District] = []
    coordinates = (location.get("position") or {}).get("coordinates")
    if isinstance(coordinates, list) and len(coordinates) == 2:
        try:
            districts = [locate(float(coordinates[1]), float(coordinates[0])).district]
        except (OutsideCity, TypeError, ValueError):
            districts = []
    values["city_wide"] = not districts
    return Parsed(source_id, values, districts)


def _kerrokantasi_page(body: Any) -> tuple[list[Any], str | None]:
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        raise FeedError(_("Not a Kerrokantasi hearings list."))
    return body["results"], body.get("next")


def _linked_events_page(body: Any) -> tuple[list[Any], str | None]:
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise FeedError(_("Not a Linked Events events list."))
    meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
    return body["data"], (meta or {}).get("next")


SOURCES: dict[
    str, tuple[Callable[..., Parsed], Callable[[Any], tuple[list[Any], str | None]], str]
] = {
    OpportunitySource.KERROKANTASI: (
        parse_hearing,
        _kerrokantasi_page,
        "https://kerrokantasi.hel.fi",
    ),
    OpportunitySource.LINKED_EVENTS: (
        parse_linked_event,
        _linked_events_page,
        "https://tapahtumat.hel.fi/fi/events",
    ),
}


def _save(source: str, parsed: Parsed, report: ImportReport) -> None:
    row = Opportunity.objects.filter(source=source, source_id=parsed.source_id).first()
    created = row is None
    row = row or Opportunity(source=source, source_id=parsed.source_id)
    for name, value in parsed.values.items():
        setattr(row, name, value)
    row.full_clean(validate_unique=False)
    row.save()
    row.districts.set(parsed.districts)
    if created:
        report.created += 1
    else:
        report.updated += 1


@transaction.atomic
def import_feed(source: str, url: str) -> ImportReport:
    """Read every page of the feed at `url` (following `next`) into Opportunities.
    Raises FeedError (and writes nothing) when a page cannot be read."""
    if source not in SOURCES:
        raise FeedError(_("Unknown feed type: %(kind)s") % {"kind": source})
    parse, page_of, base = SOURCES[source]
    report = ImportReport()
    for rows in _pages(url, page_of):
        report.pages += 1
        for raw in rows:
            record_id = str(raw.get("id", "?")) if isinstance(raw, dict) else "?"
            try:
                if not isinstance(raw, dict):
                    raise ValueError(_("not an object"))
                parsed = parse(raw, base)
                with transaction.atomic():  # a savepoint: a bad record leaves no trace
                    _save(source, parsed, report)
            except ValidationError as error:
                report.skipped.append((record_id, "; ".join(error.messages)))
            except (ValueError, TypeError, KeyError) as error:
                report.skipped.append((record_id, str(error)))
    return report
