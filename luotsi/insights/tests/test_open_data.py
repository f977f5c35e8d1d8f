"""The open data (/api/v1/open/…, /open-data/…): each dataset's figures equal hand-computed
values, no count under the threshold is ever shown, no personal data leaks (canaries in every
personal field: test_open_data_privacy.py), and ETags round-trip."""

import json
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings
from django.utils import timezone

from luotsi.areas.models import District
from luotsi.budgeting.models import Plan
from luotsi.campaigns.models import CampaignStatus, TargetStatus
from luotsi.concerns import workflow
from luotsi.events.models import EventStatus
from luotsi.insights.models import ParticipationRefresh
from luotsi.insights.open_datasets import DATASETS
from luotsi.insights.services import participation_refresh
from luotsi.testing import budgeting as pb
from luotsi.testing import budgeting_results as pbr
from luotsi.testing import campaigns as cmp
from luotsi.testing import concerns as conc
from luotsi.testing import events as ev
from luotsi.testing import insights as ins
from luotsi.testing import open_data as od
from luotsi.testing.personas import Personas

# --- participation ----------------------------------------------------------------------------


@pytest.fixture
def participation(personas: Personas) -> Personas:
    """Two months ago: Vironniemi (101) 3 at an event and 6 messages (9 in all); Ullanlinna
    (102) 40 at an event (30 Finnish, 10 Swedish speakers)."""
    ins.held_event(personas, district_code="101", came={"fi": 3}, start=od.MONTH)
    ins.held_event(personas, district_code="102", came={"fi": 30, "sv": 10}, start=od.MONTH)
    for _ in range(6):
        conc.message(now=od.MONTH)
    participation_refresh()
    return personas


def _by_channel(rows: list[dict[str, Any]], district: str) -> dict[str, tuple[Any, Any]]:
    return {
        row["channel"]: (row["participations"], row["participations_suppressed"])
        for row in rows
        if row["district_code"] == district
    }


def test_participation_equals_the_hand_computed_counts(participation):
    rows = od.rows("participation", month_from=od.MONTH_TEXT, month_to=od.MONTH_TEXT)
    assert {row["month"] for row in rows} == {od.MONTH_TEXT}
    assert {row["district_code"] for row in rows} == {"101", "102"}
    assert _by_channel(rows, "102") == {
        "all": (40, None),
        "event": (40, None),
        "concern": (0, None),
        "campaign": (0, None),
        "interaction": (0, None),
        "office_hours": (0, None),
    }
    # 3 at the event is small; the 6 messages are hidden too, or 9 − 6 would give it away.
    assert _by_channel(rows, "101") == {
        "all": (9, None),
        "event": (None, "small"),
        "concern": (None, "secondary"),
        "campaign": (0, None),
        "interaction": (0, None),
        "office_hours": (0, None),
    }
    south = next(row for row in rows if row["district_code"] == "101")
    assert south["major_district_code"] == District.objects.get(code="101").major_district.code
    assert south["district_name_fi"] == "Vironniemi"


def test_participation_says_when_the_figures_were_refreshed(participation):
    meta = Client().get(od.API + "participation").json()["meta"]
    refreshed = ParticipationRefresh.objects.get().refreshed_at
    assert meta["data_as_of"] == timezone.localtime(refreshed).isoformat(timespec="seconds")
    assert Client().get(od.API + "events").json()["meta"]["data_as_of"] is None


def test_participation_filters_by_district_and_channel(participation):
    rows = od.rows("participation", district="102", channel="event")
    assert [(r["month"], r["participations"]) for r in rows] == [(od.MONTH_TEXT, 40)]


@override_settings(OPEN_DATA_MIN_CELL=10)
def test_the_threshold_is_a_setting(participation):
    rows = od.rows("participation", month_from=od.MONTH_TEXT, month_to=od.MONTH_TEXT)
    assert _by_channel(rows, "101")["all"] == (None, "small")
    assert _by_channel(rows, "102")["event"] == (40, None)
    assert Client().get(od.API + "participation").json()["meta"]["min_cell"] == 10


# --- events and concerns ----------------------------------------------------------------------


def test_events_hold_public_events_with_their_public_fields_only(personas):
    cafe = ev.event(
        personas, district_code="101", audiences="everyone,seniors", interpretation="ar"
    )
    ev.registration(cafe, email="someone@example.org", name="Rita Registrant")
    cancelled = ev.event(personas, district_code="704", status=EventStatus.CANCELLED)
    ev.event(personas, status=EventStatus.DRAFT, published_at=None, title_fi="Luonnos")
    rows = od.rows("events")
    assert [row["id"] for row in rows] == [cafe.pk, cancelled.pk]
    row = rows[0]
    district, venue = cafe.district, cafe.venue
    assert district is not None and venue is not None
    assert row == {
        "id": cafe.pk,
        "title_fi": "Asukaskahvila",
        "title_sv": "Invånarkafé",
        "title_en": "Residents' café",
        "kind": "cafe",
        "status": "published",
        "start": timezone.localtime(cafe.start).isoformat(),
        "end": timezone.localtime(cafe.end).isoformat(),
        "major_district_code": district.major_district.code,
        "district_code": "101",
        "district_name_fi": "Vironniemi",
        "district_name_sv": district.name_sv,
        "district_name_en": district.name_en,
        "venue_name_fi": venue.name_fi,
        "venue_name_sv": venue.name_sv,
        "venue_name_en": venue.name_en,
        "languages": "fi,sv",
        "interpretation": "ar",
        "audiences": "everyone,seniors",
        "url": f"{django_settings.SITE_URL}/events/{cafe.pk}/",
    }
    assert "Rita" not in json.dumps(rows) and "someone@" not in json.dumps(rows)
    assert od.rows("events", district="704") == [rows[1]]


def test_concerns_hold_only_public_messages_with_their_moderated_summary(personas):
    shown = conc.message(
        now=od.MONTH,
        description="My neighbour Pekka's dog",
        contact_name="Pekka Private",
        contact_email="pekka@example.org",
        consent=True,
    )
    workflow.message_publish(
        message=shown, by=personas.officer_south, public_text="A fence in a park is broken."
    )
    conc.message(description="Not public")
    shown.refresh_from_db()
    district = shown.district
    assert district is not None
    rows = od.rows("concerns")
    assert rows == [
        {
            "reference": shown.reference,
            "month": od.MONTH_TEXT,
            "kind": "concern",
            "category_code": "parks",
            "category_name_fi": shown.service.name_fi,
            "category_name_sv": shown.service.name_sv,
            "category_name_en": shown.service.name_en,
            "major_district_code": district.major_district.code,
            "district_code": "101",
            "district_name_fi": "Vironniemi",
            "district_name_sv": district.name_sv,
            "district_name_en": district.name_en,
            "status": shown.status,
            "public_summary": "A fence in a park is broken.",
        }
    ]


# --- participatory budgeting ------------------------------------------------------------------


def test_pb_results_equal_the_published_count_votes_included(personas):
    example = pbr.greedy_example(personas)
    rows = {row["plan_code"]: row for row in od.rows("pb-results")}
    # Votes A 5, B 4, C 3, D 2, E 0; greedy takes A, B and D (luotsi/testing/budgeting_results).
    # Votes are published exactly, as on the results pages (secret ballots: no person behind).
    assert {code: r["votes"] for code, r in rows.items()} == {
        "S-A": 5,
        "S-B": 4,
        "S-C": 3,
        "S-D": 2,
        "S-E": 0,
    }
    assert all("votes_suppressed" not in r for r in rows.values())
    assert {code: r["selected"] for code, r in rows.items()} == {
        "S-A": True,
        "S-B": True,
        "S-C": False,
        "S-D": True,
        "S-E": False,
    }
    assert {code: r["cost"] for code, r in rows.items()} == {
        "S-A": 40_000,
        "S-B": 30_000,
        "S-C": 35_000,
        "S-D": 20_000,
        "S-E": 15_000,
    }
    a = rows["S-A"]
    assert (a["cycle"], a["area"], a["plan_title_fi"], a["rank"]) == (
        example.cycle.slug,
        pb.major(1).code,
        "A",
        1,
    )
    assert a["area_name_fi"] == pb.major(1).name_fi


def test_pb_implementation_lists_the_selected_plans_with_status_and_progress(personas):
    example = pbr.greedy_example(personas)
    Plan.objects.filter(pk=example.plans["A"].pk).update(
        implementation_status="in_progress", implementation_progress=40
    )
    rows = od.rows("pb-implementation", cycle=example.cycle.slug)
    assert [(r["plan_code"], r["implementation_status"], r["progress"]) for r in rows] == [
        ("S-A", "in_progress", 40),
        ("S-B", "not_started", 0),
        ("S-D", "not_started", 0),
    ]


# --- campaigns --------------------------------------------------------------------------------


def test_campaign_coverage_equals_the_hand_computed_counts(personas):
    # 12 targets, 9 reached (5 informed, 3 answered, 1 declined), 3 not reached: the 3 could
    # be worked out from 12 − 9, so "reached" is hidden; "responded" (3) is small.
    small = cmp.campaign(personas, title_en="Small")
    od.targets(
        personas,
        small,
        {
            TargetStatus.INFORMED: 5,
            TargetStatus.FEEDBACK: 3,
            TargetStatus.DECLINED: 1,
            TargetStatus.NOT_CONTACTED: 3,
        },
        answered=3,
    )
    # 21 targets, 16 reached (10 informed, 6 answered), 5 not contacted: all shown.
    large = cmp.campaign(personas, title_en="Large", status=CampaignStatus.CLOSED)
    od.targets(
        personas,
        large,
        {TargetStatus.INFORMED: 10, TargetStatus.FEEDBACK: 6, TargetStatus.NOT_CONTACTED: 5},
        answered=6,
    )
    cmp.campaign(personas, title_en="Draft", status=CampaignStatus.DRAFT)
    rows = {row["title_en"]: row for row in od.rows("campaign-coverage")}
    assert set(rows) == {"Small", "Large"}
    figures = ("targets", "reached", "responded", "reached_percent", "responded_percent")
    assert {k: rows["Small"][k] for k in figures} == {
        "targets": 12,
        "reached": None,
        "responded": None,
        "reached_percent": None,
        "responded_percent": None,
    }
    assert (rows["Small"]["reached_suppressed"], rows["Small"]["responded_suppressed"]) == (
        "secondary",
        "small",
    )
    assert {k: rows["Large"][k] for k in figures} == {
        "targets": 21,
        "reached": 16,
        "responded": 6,
        "reached_percent": 76,
        "responded_percent": 29,
    }
    assert rows["Large"]["status"] == "closed" and rows["Large"]["street"] == "Bulevardi"


# --- caching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [od.API + "events", "/open-data/events.csv", "/open-data/events.json", od.API]
)
def test_etag_round_trip(personas, url):
    ev.event(personas)
    client = Client()
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag and "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='W/"something-else"').status_code == 200
    ev.event(personas, title_fi="Toinen kahvila")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    if url == od.API:  # the catalogue lists the datasets, not their rows
        assert changed.status_code == 304
        return
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_refresh_with_new_figures_changes_the_participation_etag(participation):
    client = Client()
    etag = client.get(od.API + "participation")["ETag"]
    assert client.get(od.API + "participation", HTTP_IF_NONE_MATCH=etag).status_code == 304
    conc.message(now=od.MONTH)
    participation_refresh()
    assert client.get(od.API + "participation", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_answers_carry_the_licence_and_attribution(personas):
    meta = Client().get(od.API + "events").json()["meta"]
    assert meta["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert meta["attribution"] == "Helsinki"
    assert meta["dictionary"].endswith("/open-data/dictionary/#events")
    assert set(meta["title"]) == {"fi", "sv", "en"} and meta["generated_at"]
    csv_file = Client().get("/open-data/events.csv")
    assert 'rel="license"' in csv_file["Link"] and "creativecommons.org" in csv_file["Link"]
    assert csv_file["X-Attribution"] == "Helsinki"
    assert csv_file.text.splitlines()[0].startswith("id,title_fi,title_sv,title_en,kind")


def test_paging_is_bounded_and_linked(personas):
    for _ in range(3):
        ev.event(personas)
    body = Client().get(od.API + "events", {"page_size": 2}).json()
    assert (body["count"], len(body["data"]), body["previous"]) == (3, 2, None)
    assert "page=2" in body["next"]
    last = Client().get(od.API + "events", {"page_size": 2, "page": 2}).json()
    assert (len(last["data"]), last["next"]) == (1, None)
    too_big = Client().get(od.API + "events", {"page_size": 1001})
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "page_size"


# --- the dictionary and the pages -------------------------------------------------------------


def test_the_dictionary_describes_every_column_of_every_dataset(personas):
    dictionary = Client().get("/open-data/dictionary.json").json()
    assert dictionary["datasets"] == Client().get(od.API + "dictionary").json()["datasets"]
    described = {entry["dataset"]: entry for entry in dictionary["datasets"]}
    assert set(described) == set(od.SLUGS)
    for slug, dataset in DATASETS.items():
        columns = described[slug]["columns"]
        assert [c["name"] for c in columns] == dataset.column_names
        for column in columns:
            assert column["type"] in dictionary["meta"]["types"]
            assert all(column["meaning"][code] for code in ("fi", "sv", "en"))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_pages_list_every_dataset_with_its_downloads(personas, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    index = client.get("/open-data/").content.decode()
    page = client.get("/open-data/dictionary/").content.decode()
    assert f'<html lang="{language}"' in index
    for slug, dataset in DATASETS.items():
        assert f'href="/open-data/{slug}.csv"' in index
        assert f'href="/open-data/{slug}.json"' in index
        assert f'id="{slug}"' in page
        for column in dataset.column_names:
            assert f"<code>{column}</code>" in page
    assert "https://creativecommons.org/licenses/by/4.0/" in index
