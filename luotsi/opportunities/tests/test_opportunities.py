"""Ways to take part: the merged list (opportunities + events), the public pages and feeds,
the officers' pages and the feed importers."""

import datetime
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.test import Client
from django.utils import timezone, translation

from luotsi.areas.models import District
from luotsi.network.models import Topic
from luotsi.opportunities.importers import FeedError, import_feed
from luotsi.opportunities.models import Opportunity, OpportunityKind
from luotsi.opportunities.selectors import items_for
from luotsi.privacy.models import AuditEvent
from luotsi.testing import events as ev
from luotsi.testing import opportunities as op
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages are checked in the source language (the default language is Finnish)."""
    with translation.override("en"):
        yield


FIXTURES = Path(__file__).parent / "fixtures"
ATOM = "{http://www.w3.org/2005/Atom}"
DAY = datetime.timedelta(days=1)


def _south() -> QuerySet[District]:
    return District.objects.filter(code="101")


def _keys(items: list) -> list[str]:
    return [i.key for i in items]


# --- items_for -------------------------------------------------------------------------


def test_items_for_matches_the_district_its_major_district_and_city_wide(personas: Personas):
    here = op.opportunity(title_fi="Täällä")
    major = op.opportunity(district_codes=(), major_numbers=(1,), title_fi="Suurpiiri")
    city = op.opportunity(district_codes=(), city_wide=True, title_fi="Koko kaupunki")
    elsewhere = op.opportunity(district_codes=("704",), title_fi="Muualla")
    keys = _keys(items_for(districts=_south()))
    for row in (here, major, city):
        assert f"opportunity:{row.pk}" in keys
    assert f"opportunity:{elsewhere.pk}" not in keys


def test_items_for_leaves_out_closed_far_future_and_unpublished(personas: Personas):
    now = timezone.now()
    open_ = op.opportunity()
    soon = op.opportunity(opens_at=now + 10 * DAY, deadline=now + 20 * DAY)
    closed = op.opportunity(opens_at=now - 9 * DAY, deadline=now - DAY)
    far = op.opportunity(opens_at=now + 90 * DAY, deadline=now + 100 * DAY)
    hidden = op.opportunity(is_published=False)
    keys = _keys(items_for(districts=_south(), now=now, horizon_days=60))
    assert f"opportunity:{open_.pk}" in keys and f"opportunity:{soon.pk}" in keys
    for row in (closed, far, hidden):
        assert f"opportunity:{row.pk}" not in keys


def test_items_for_filters_by_topic_and_language_and_sorts_by_deadline(personas: Personas):
    now = timezone.now()
    parks = Topic.objects.create(name="Puistot", slug="test-parks")
    late = op.opportunity(deadline=now + 30 * DAY, topics=(parks,), material_languages="fi,so")
    early = op.opportunity(deadline=now + 2 * DAY, topics=(parks,), material_languages="")
    open_ended = op.opportunity(deadline=None, topics=(parks,), material_languages="so")
    other_topic = op.opportunity(deadline=now + 3 * DAY)

    by_topic = _keys(items_for(districts=_south(), topics=["test-parks"], now=now))
    assert by_topic == [f"opportunity:{r.pk}" for r in (early, late, open_ended)]
    assert f"opportunity:{other_topic.pk}" not in by_topic

    somali = _keys(items_for(districts=_south(), topics=["test-parks"], language="so", now=now))
    assert somali == [f"opportunity:{late.pk}", f"opportunity:{open_ended.pk}"]
    # Nothing listed counts as Finnish.
    finnish = _keys(items_for(districts=_south(), topics=["test-parks"], language="fi", now=now))
    assert finnish == [f"opportunity:{early.pk}", f"opportunity:{late.pk}"]


def test_a_public_event_appears_automatically_without_being_copied(personas: Personas):
    before = Opportunity.objects.count()
    cafe = ev.event(personas, interpretation="ar")
    draft = ev.event(personas, status="draft")
    items = items_for(districts=_south())
    event_items = [i for i in items if i.key == f"event:{cafe.pk}"]
    assert len(event_items) == 1
    item = event_items[0]
    assert item.kind == OpportunityKind.EVENT
    assert item.url == f"/events/{cafe.pk}/"
    assert item.deadline == cafe.start
    assert item.languages == ["fi", "sv", "ar"]
    assert f"event:{draft.pk}" not in _keys(items)
    assert Opportunity.objects.count() == before
    assert f"event:{cafe.pk}" in _keys(items_for(districts=_south(), language="ar"))
    assert f"event:{cafe.pk}" not in _keys(items_for(districts=_south(), language="so"))
    assert f"event:{cafe.pk}" not in _keys(items_for(districts=District.objects.filter(code="704")))


def test_titles_come_in_the_active_language(personas: Personas):
    from django.utils import translation

    op.opportunity()
    with translation.override("en"):
        assert "Hearing on the park" in [i.title for i in items_for(districts=_south())]
    with translation.override("sv"):
        assert "Hörande om parken" in [i.title for i in items_for(districts=_south())]


# --- public pages ----------------------------------------------------------------------


def test_the_index_lists_major_districts_and_districts(client: Client, personas: Personas):
    response = client.get("/take-part/")
    assert response.status_code == 200
    assert b'href="/take-part/1/"' in response.content
    assert b'href="/take-part/101/"' in response.content
    assert b'<p><a href="/areas/">' in response.content  # find your officer by address


def test_the_area_page_separates_open_now_from_coming_soon(client: Client, personas: Personas):
    now = timezone.now()
    op.opportunity(title_fi="Avoinna nyt", material_formats="selkokieli")
    op.opportunity(title_fi="Tulossa pian", opens_at=now + 5 * DAY, deadline=now + 9 * DAY)
    response = client.get("/take-part/101/")
    assert response.status_code == 200
    html = response.content.decode()
    open_part, soon_part = html.split('id="soon-heading"')
    assert "Avoinna nyt" in open_part and "Tulossa pian" not in open_part
    assert "Tulossa pian" in soon_part
    assert "selkokieli" in html
    assert "Sofia South" in html  # the officer to ask
    assert client.get("/take-part/1/").status_code == 200
    assert client.get("/take-part/nowhere/").status_code == 404


def test_the_area_page_filters_by_language(client: Client, personas: Personas):
    op.opportunity(title_fi="Suomeksi", material_languages="fi")
    op.opportunity(title_fi="Somaliksi", material_languages="so")
    html = client.get("/take-part/101/?language=so").content.decode()
    assert "Somaliksi" in html and "Suomeksi" not in html
    assert client.get("/take-part/101/?language=1!").status_code == 400


def test_plain_text_and_atom_versions(client: Client, personas: Personas):
    hearing = op.opportunity(title_fi="Puiston kuuleminen")
    cafe = ev.event(personas)
    text = client.get("/take-part/101.txt")
    assert text.status_code == 200
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    body = text.content.decode()
    assert "Puiston kuuleminen" in body and "Asukaskahvila" in body
    assert "&lt;" not in body and "&#x27;" not in body  # plain text, not HTML-escaped

    atom = client.get("/take-part/101/feed.atom")
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.content)  # noqa: S314 (our own output)
    assert root.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert "Puiston kuuleminen" in titles and "Asukaskahvila" in titles
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    assert any(i and i.endswith(f"opportunity:{hearing.pk}") for i in ids)
    assert any(i and i.endswith(f"event:{cafe.pk}") for i in ids)


# --- managing --------------------------------------------------------------------------


def test_a_resident_is_refused_the_manage_pages(client: Client, personas: Personas):
    client.force_login(personas.resident)
    assert client.get("/take-part/manage/").status_code == 403
    assert client.get("/take-part/manage/new/").status_code == 403


def test_an_officer_of_another_district_gets_404_on_the_edit_page(
    client: Client, personas: Personas
):
    south = op.opportunity()
    client.force_login(personas.officer_east)
    assert client.get(f"/take-part/manage/{south.pk}/edit/").status_code == 404
    client.force_login(personas.officer_south)
    assert client.get(f"/take-part/manage/{south.pk}/edit/").status_code == 200


def test_an_officer_creates_one_in_their_district_but_not_city_wide(
    client: Client, personas: Personas
):
    client.force_login(personas.officer_south)
    district = District.objects.get(code="101")
    data = {
        "title_fi": "Uusi kysely",
        "kind": "survey",
        "districts": [district.pk],
        "opens_at": "2026-01-01T10:00",
        "deadline": "2099-01-01T10:00",
        "material_languages": "fi,sv",
        "is_published": "on",
        "city_wide": "on",  # not offered to a district officer: ignored
    }
    response = client.post("/take-part/manage/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Opportunity.objects.get(title_fi="Uusi kysely")
    assert not created.city_wide and created.created_by == personas.officer_south
    assert list(created.districts.all()) == [district]
    assert AuditEvent.objects.filter(object_id=str(created.pk)).exists()

    bad = dict(data, title_fi="Väärin", deadline="2025-01-01T10:00")
    assert client.post("/take-part/manage/new/", bad).status_code == 400
    east = District.objects.get(code="704")
    assert client.post("/take-part/manage/new/", dict(data, districts=[east.pk])).status_code == 400
    nowhere = {k: v for k, v in data.items() if k != "districts"}
    assert client.post("/take-part/manage/new/", nowhere).status_code == 400


# --- feeds in --------------------------------------------------------------------------


class _FixtureHandler(SimpleHTTPRequestHandler):
    """Serves the recorded responses, with their `next` links pointing back here."""

    def do_GET(self) -> None:
        path = FIXTURES / self.path.lstrip("/").split("?")[0]
        if not path.is_file() or path.parent != FIXTURES:
            self.send_error(404)
            return
        port = self.server.server_port  # type: ignore[attr-defined]
        body = path.read_text().replace("{BASE}", f"http://127.0.0.1:{port}").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_FixtureHandler))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_kerrokantasi_import_follows_pages_skips_bad_records_and_is_idempotent(
    personas: Personas, feed_server: str
):
    report = import_feed("kerrokantasi", f"{feed_server}/kerrokantasi-1.json")
    assert report.pages == 2
    assert (report.created, report.updated) == (2, 0)
    assert [record_id for record_id, _reason in report.skipped] == ["broken1"]
    assert "open_at" in report.skipped[0][1]
    park = Opportunity.objects.get(source="kerrokantasi", source_id="aBcD1234")
    assert not park.city_wide and [d.code for d in park.districts.all()] == ["704"]
    assert park.summary_fi == "Kerro mielipiteesi puistosta."
    assert park.title_sv == "Nordsjö: en ny park"
    strategy = Opportunity.objects.get(source="kerrokantasi", source_id="eFgH5678")
    assert strategy.city_wide

    Opportunity.objects.filter(pk=park.pk).update(title_fi="Changed locally")
    again = import_feed("kerrokantasi", f"{feed_server}/kerrokantasi-1.json")
    assert (again.created, again.updated) == (0, 2)
    assert Opportunity.objects.filter(source="kerrokantasi").count() == 2
    park.refresh_from_db()
    assert park.title_fi == "Vuosaari: uusi puisto"


def test_linked_events_import_locates_events_and_reads_languages(
    personas: Personas, feed_server: str
):
    report = import_feed("linkedevents", f"{feed_server}/linkedevents-1.json")
    assert report.pages == 2 and report.created == 2
    assert [record_id for record_id, _reason in report.skipped] == ["helsinki:nostart"]
    evening = Opportunity.objects.get(source="linkedevents", source_id="helsinki:agmmbk3a2e")
    assert evening.kind == OpportunityKind.EVENT
    assert evening.material_languages == "fi,so"
    assert [d.code for d in evening.districts.all()] == ["704"]
    assert evening.place == "Vuotalo, Mosaiikkitori 2"
    online = Opportunity.objects.get(source_id="helsinki:citywide1")
    assert online.city_wide and online.link == "https://example.org/workshop"
    assert import_feed("linkedevents", f"{feed_server}/linkedevents-1.json").updated == 2
    assert Opportunity.objects.filter(source="linkedevents").count() == 2


def test_a_feed_that_cannot_be_read_writes_nothing(personas: Personas, feed_server: str):
    with pytest.raises(FeedError):
        import_feed("kerrokantasi", f"{feed_server}/missing.json")
    with pytest.raises(FeedError):
        import_feed("kerrokantasi", "file:///etc/passwd")
    assert not Opportunity.objects.filter(source="kerrokantasi").exists()


def test_the_command_reports_skipped_records(personas: Personas, feed_server: str, capsys):
    call_command("import_opportunities", "kerrokantasi", f"{feed_server}/kerrokantasi-1.json")
    out, err = capsys.readouterr()
    assert "broken1" in err
    assert "2 created" in out
