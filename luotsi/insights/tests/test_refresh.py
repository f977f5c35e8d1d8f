"""participation_refresh: every channel counted into the right district, sub-district, month
and groups; the same result when run twice; no row that could point at a person."""

import datetime
import secrets

from django.db import models
from django.utils import timezone

from luotsi.areas.models import District, SubDistrict
from luotsi.insights.models import ParticipationCount, ParticipationRefresh
from luotsi.insights.services import participation_refresh
from luotsi.officehours.models import Appointment
from luotsi.testing import campaigns as camp
from luotsi.testing import concerns, network
from luotsi.testing import events as ev
from luotsi.testing import insights as ins
from luotsi.testing.personas import Personas


def _rows(**filters: object) -> dict[tuple[str, str], int]:
    return {
        (row.dimension, row.group): row.count
        for row in ParticipationCount.objects.filter(**filters)
    }


def test_refresh_counts_event_attendance_into_its_district_month_and_groups(personas: Personas):
    start = timezone.now() - datetime.timedelta(days=3)
    event = ins.held_event(
        personas,
        came={"fi": 3, "sv": 1, "en": 1},
        needs=1,
        walk_ins=4,
        interpreted=3,
        ages={"65_plus": 2, "0_14": 1},
        start=start,
    )
    participation_refresh()
    month = timezone.localtime(start).date().replace(day=1)
    rows = _rows(
        channel="event",
        month=month,
        district=event.district,
        sub_district=event.sub_district,
    )
    # 6 registrants came + 4 walk-ins = 10. "en" and the stated language need are other
    # languages (2); walk-ins' language is not known (interpretation counts are not used).
    assert rows == {
        ("language", "finnish"): 3,
        ("language", "swedish"): 1,
        ("language", "foreign"): 2,
        ("language", "unknown"): 4,
        ("age", "65_plus"): 2,
        ("age", "0_14"): 1,
        ("age", "unknown"): 7,
    }


def test_age_counts_above_the_head_count_raise_it(personas: Personas):
    ins.held_event(personas, came={"fi": 2}, ages={"15_64": 9})
    participation_refresh()
    rows = _rows(channel="event")
    assert rows[("age", "15_64")] == 9 and ("age", "unknown") not in rows
    assert rows[("language", "finnish")] == 2 and rows[("language", "unknown")] == 7


def test_refresh_counts_each_channel_once(personas: Personas):
    vironniemi = District.objects.get(code="101")
    concerns.message(language="sv")  # a point in Vironniemi
    business = camp.business(personas, "Kahvila Oy")
    target = camp.target(camp.campaign(personas), business)
    camp.response(target, {}, language="en")
    contact = network.contact(personas, preferred_language="so")
    logged = network.interaction(personas)
    logged.contacts.add(contact, network.contact(personas, name="Pekka", preferred_language="fi"))
    network.interaction(personas, summary="Met the housing company")  # no contacts: 1 unknown
    # Interactions made by the events and office-hours apps are counted in their own channel.
    event = ins.held_event(personas, came={"fi": 1})
    event.interaction = network.interaction(personas, summary="the café")
    event.save()
    now = timezone.now()
    Appointment.objects.create(
        officer=personas.officer_south,
        venue=ev.venue("101"),
        starts_at=now - datetime.timedelta(days=2, hours=1),
        ends_at=now - datetime.timedelta(days=2),
        name="Amal",
        email="amal@example.org",
        language="interpreter",
        interpreter_language="ar",
        token=secrets.token_urlsafe(32),
        interaction=network.interaction(personas, summary="office hours"),
    )
    participation_refresh()

    def channel(name: str) -> dict[tuple[str, str], int]:
        totals: dict[tuple[str, str], int] = {}
        for key, n in _rows(channel=name).items():
            totals[key] = totals.get(key, 0) + n
        return totals

    assert channel("concern") == {("language", "swedish"): 1, ("age", "unknown"): 1}
    assert channel("campaign") == {("language", "foreign"): 1, ("age", "unknown"): 1}
    assert channel("interaction") == {
        ("language", "foreign"): 1,
        ("language", "finnish"): 1,
        ("language", "unknown"): 1,
        ("age", "unknown"): 3,
    }
    assert channel("office_hours") == {("language", "foreign"): 1, ("age", "unknown"): 1}
    assert channel("event") == {("language", "finnish"): 1, ("age", "unknown"): 1}
    assert set(
        ParticipationCount.objects.filter(channel="campaign").values_list("district", flat=True)
    ) == {business.district_id}
    assert set(
        ParticipationCount.objects.filter(channel="concern").values_list("district", flat=True)
    ) == {vironniemi.pk}


def test_events_not_yet_held_are_not_counted(personas: Personas):
    ins.held_event(personas, came={"fi": 4}, start=timezone.now() + datetime.timedelta(days=2))
    participation_refresh()
    assert not ParticipationCount.objects.exists()


def test_refresh_is_idempotent_and_replaces_old_rows(personas: Personas):
    ins.held_event(personas, came={"fi": 5, "sv": 2})
    first = participation_refresh()
    rows = sorted(ParticipationCount.objects.values_list("district", "channel", "group", "count"))
    second = participation_refresh()
    again = sorted(ParticipationCount.objects.values_list("district", "channel", "group", "count"))
    assert rows == again and len(rows) == first.rows == second.rows
    assert ParticipationRefresh.objects.count() == 1


def test_no_analytics_table_links_a_person_to_an_attribute():
    for model in (ParticipationCount, ParticipationRefresh):
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey):
                assert field.related_model in (District, SubDistrict), field.name
