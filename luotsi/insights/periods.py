"""The period a programme page covers: a whole year (the default, this year so far) or any
date range, read from the query string by `PeriodForm` so every page (dashboard, costs,
annual report) reads ?year= or ?start=&end= the same way and reports bad input the same way."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 2000
LONGEST_PERIOD_DAYS = 5 * 366


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    def months(self) -> list[datetime.date]:
        """The first day of each month the period touches."""
        first = self.start.replace(day=1)
        result = []
        while first <= self.end:
            result.append(first)
            first = (first + datetime.timedelta(days=32)).replace(day=1)
        return result

    def start_datetime(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    def end_datetime(self) -> datetime.datetime:
        """The first moment after the period (exclusive bound for datetime filters)."""
        return timezone.make_aware(
            datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        )

    def previous_year(self) -> "Period":
        """The same dates a year earlier (29 February becomes 28 February)."""
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    def query(self) -> str:
        if self.is_calendar_year:
            return f"year={self.start.year}"
        return f"start={self.start.isoformat()}&end={self.end.isoformat()}"


def _year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def default_period(today: datetime.date | None = None) -> Period:
    """This year from 1 January to today."""
    today = today or timezone.localdate()
    return Period(datetime.date(today.year, 1, 1), today)


class PeriodForm(forms.Form):
    """?year=2026, or ?start=2026-01-01&end=2026-06-30; nothing means this year so far."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=EARLIEST_YEAR)
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)

    def clean_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("year")
        if year is not None and year > timezone.localdate().year + 1:
            raise forms.ValidationError(_("Choose a year no later than next year."))
        return year

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if (
            (start is None) != (end is None)
            and not self.has_error("start")
            and not self.has_error("end")
        ):
            field = "end" if end is None else "start"
            self.add_error(field, _("Give both the first and the last day of the period."))
        elif start and end:
            if end < start:
                self.add_error("end", _("The last day must not be before the first day."))
            elif (end - start).days >= LONGEST_PERIOD_DAYS:
                self.add_error("end", _("Choose a period of at most five years."))
        return cleaned

    def period(self) -> Period:
        """The chosen period; call after is_valid(). Invalid input gives the default period
        (the page shows the form's errors next to it)."""
        if not self.is_valid():
            return default_period()
        data = self.cleaned_data
        if data.get("start") and data.get("end"):
            return Period(data["start"], data["end"])
        if data.get("year"):
            return year_period(data["year"])
        return default_period()
