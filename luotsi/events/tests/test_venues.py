import csv

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from luotsi.areas.importing import ImportProblems
from luotsi.areas.models import City
from luotsi.events.models import Venue
from luotsi.events.venues import load_city_venues, load_venues

pytestmark = pytest.mark.django_db


def test_the_citys_venue_list_is_loaded_and_located_in_the_districts_the_source_names():
    venues = Venue.objects.filter(source="myhelsinki").select_related("district")
    assert venues.count() == 837
    with (settings.BASE_DIR / "data" / "helsinki" / "venues.csv").open(encoding="utf-8") as f:
        source = {row["id"]: row["peruspiiri"] for row in csv.DictReader(f)}
    agree = sum(1 for v in venues if v.district and v.district.name_fi == source[v.source_id])
    # The file's own district column was derived by point-in-polygon too; a few points on
    # a boundary may fall either way.
    assert agree >= 0.98 * 837
    regina = venues.get(name_fi="Kino Regina")
    assert regina.district is not None and regina.district.code == "101"
    assert regina.name_en is None  # the same name in English: falls back to Finnish


def test_reloading_keeps_what_officers_added(personas):
    venue = Venue.objects.filter(source="myhelsinki").order_by("source_id")[0]
    venue.step_free, venue.accessibility_notes_fi = True, "Hissi pääovelta"
    venue.save()
    summary = load_city_venues("helsinki")
    assert summary is not None
    assert (summary.created, summary.updated) == (0, 837)
    venue.refresh_from_db()
    assert venue.step_free is True and venue.accessibility_notes_fi == "Hissi pääovelta"


def test_a_bad_venue_file_is_reported_line_by_line_and_nothing_is_written(tmp_path):
    path = tmp_path / "venues.csv"
    path.write_text(
        "id,name_fi,lat,lon\n1,Talo,60.17,24.94\n2,,60.1,24.9\n3,Paikka,north,east\n",
        encoding="utf-8",
    )
    before = Venue.objects.count()
    with translation.override("en"), pytest.raises(ImportProblems) as error:
        load_venues(City.objects.get(slug="helsinki"), path, "test")
    assert [p.split(": ", 1)[0].rsplit(" ", 2)[-2:] for p in error.value.problems] == [
        ["line", "3"],
        ["line", "4"],
    ]
    assert Venue.objects.count() == before
    (tmp_path / "empty.csv").write_text("name\nx\n", encoding="utf-8")
    with pytest.raises(ImportProblems):
        load_venues(City.objects.get(slug="helsinki"), tmp_path / "empty.csv", "test")


def test_load_venues_needs_the_city_first():
    with pytest.raises(CommandError):
        call_command("load_venues", "nowhere-city")


def test_an_officer_adds_a_venue_located_by_its_address(personas):
    client = Client()
    client.force_login(personas.officer_east)
    response = client.post(
        "/events/venues/new/",
        {
            "name_fi": "Vuosaaren kerhotila",
            "street_address": "Vuotie 45",
            "step_free": "true",
            "induction_loop": "unknown",
            "accessible_toilet": "false",
            "quiet_room": "unknown",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    venue = Venue.objects.get(name_fi="Vuosaaren kerhotila")
    assert venue.district is not None and venue.district.code == "704"
    assert (venue.step_free, venue.induction_loop, venue.accessible_toilet) == (True, None, False)

    unknown = client.post(
        "/events/venues/new/", {"name_fi": "Nowhere", "street_address": "Eiolemassa-katu 999"}
    )
    assert unknown.status_code == 400 and "street_address" in unknown.context["form"].errors
