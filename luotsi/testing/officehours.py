"""Test data for office hours: a weekly rule at a real venue and the next day it applies."""

import datetime
from typing import Any

from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.officehours.models import OfficeHours
from luotsi.testing import events as ev


def next_weekday(weekday: int, after: datetime.date | None = None) -> datetime.date:
    """The first day strictly after `after` (default today) falling on `weekday`."""
    day = (after or timezone.localdate()) + datetime.timedelta(days=1)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def office_hours(officer: User, *, weekday: int | None = None, **fields: Any) -> OfficeHours:
    """Office hours at a real venue in Vironniemi (101), 10:00–12:00 in 30-minute slots,
    by default on tomorrow's weekday, valid from today."""
    if weekday is None:
        weekday = (timezone.localdate() + datetime.timedelta(days=1)).weekday()
    values: dict[str, Any] = {
        "venue": ev.venue("101"),
        "start": datetime.time(10, 0),
        "end": datetime.time(12, 0),
        "slot_minutes": 30,
        "valid_from": timezone.localdate(),
    }
    values.update(fields)
    return OfficeHours.objects.create(officer=officer, weekday=weekday, **values)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )
