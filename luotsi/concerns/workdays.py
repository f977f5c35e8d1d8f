"""Working days: Monday to Friday except Finnish public holidays."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("FI", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (a message sent on Christmas Eve with 2
    working days is due on the 29th of December, not the 26th)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
