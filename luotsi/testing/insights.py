"""Participation for the inclusion tests: held events with given attendance in a district,
and a refresh of the figures. Everything happened last week unless told otherwise."""

import datetime
from typing import Any

from django.utils import timezone

from luotsi.events.models import AttendanceCount, Event, EventStatus
from luotsi.insights.figures import Figures, compute
from luotsi.insights.services import participation_refresh
from luotsi.testing import events as ev
from luotsi.testing.personas import Personas

_serial = [0]


def held_event(
    p: Personas,
    *,
    district_code: str = "101",
    came: dict[str, int] | None = None,
    needs: int = 0,
    walk_ins: int = 0,
    ages: dict[str, int] | None = None,
    interpreted: int = 0,
    start: datetime.datetime | None = None,
    **fields: Any,
) -> Event:
    """A completed event with `came` = {language: how many registrants came}, `needs`
    registrants (language fi) who stated a language need, walk-ins, and age-band counts."""
    start = start or timezone.now() - datetime.timedelta(days=7)
    event = ev.event(
        p,
        district_code=district_code,
        start=start,
        status=EventStatus.COMPLETED,
        capacity=None,
        walk_ins=walk_ins,
        interpretation="ar" if interpreted else "",
        **fields,
    )
    people = [(language, "") for language, n in (came or {}).items() for _ in range(n)]
    people += [("fi", "Arabic, please")] * needs
    for language, language_needs in people:
        _serial[0] += 1
        ev.registration(
            event,
            email=f"came{_serial[0]}@example.org",
            language=language,
            language_needs=language_needs,
            attended=True,
        )
    for code, n in (ages or {}).items():
        AttendanceCount.objects.create(event=event, dimension="age", code=code, count=n)
    if interpreted:
        AttendanceCount.objects.create(
            event=event, dimension="language", code="ar", count=interpreted
        )
    return event


def refreshed() -> Figures:
    participation_refresh()
    return compute()
