"""The annual report's form (/programme/report/): the period (PeriodForm), the scope (the
whole city or a major district the user may see) and the report's language."""

import datetime
from dataclasses import replace
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.areas.models import MajorDistrict
from luotsi.insights.periods import Period, PeriodForm
from luotsi.insights.permissions_programme import major_districts_visible_to

CITY = "city"
# Each language by its own name (suomi, svenska, English), as language pickers do.
REPORT_LANGUAGES: list[tuple[str, str]] = [
    (code, get_language_info(code)["name_local"].capitalize())
    for code, _name in settings.MESSAGE_LANGUAGES
]


def report_language(language: str | None) -> str:
    """The report language nearest to a page language (plain Finnish → Finnish)."""
    codes = [code for code, _name in REPORT_LANGUAGES]
    if language in codes:
        return str(language)
    base = (language or "").split("-")[0]
    return base if base in codes else codes[0]


class ReportForm(PeriodForm):
    """?year= or ?start=&end= (PeriodForm), ?scope=city or a major district's code, and
    ?language=fi|sv|en. The scope choices are the major districts the user may see."""

    scope = forms.ChoiceField(label=_("Scope"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the report"), required=False, choices=REPORT_LANGUAGES
    )

    def __init__(
        self,
        data: Any = None,
        *,
        user: User | AnonymousUser,
        default_language: str,
        today: datetime.date | None = None,
    ) -> None:
        super().__init__(data)
        self.today = today or timezone.localdate()
        self.default_language = report_language(default_language)
        self.majors = list(major_districts_visible_to(user).order_by("city", "number"))
        cast(forms.ChoiceField, self.fields["scope"]).choices = [
            (CITY, _("The whole city")),
            *((major.code, major.name) for major in self.majors),
        ]
        if data is None:
            self.initial = {
                "year": self.today.year - 1,
                "scope": CITY,
                "language": self.default_language,
            }

    def clean_scope(self) -> str:
        return self.cleaned_data.get("scope") or CITY

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or self.default_language

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        start = cleaned.get("start")
        year = cleaned.get("year")
        first = start or (datetime.date(year, 1, 1) if isinstance(year, int) else None)
        if not self.errors and isinstance(first, datetime.date) and first > self.today:
            field = "start" if start else "year"
            self.add_error(
                field,
                _("The report covers days that have passed: choose a period that has started."),
            )
        return cleaned

    def period(self) -> Period:
        """The chosen period, ending today at the latest (this year's report is "so far")."""
        period = super().period()
        if period.end > self.today >= period.start:
            return replace(period, end=self.today)
        return period

    def major(self) -> MajorDistrict | None:
        """The chosen major district, None for the whole city; call after is_valid()."""
        code = self.cleaned_data.get("scope") or CITY
        return next((m for m in self.majors if m.code == code), None)

    def chosen_language(self) -> str:
        return str(self.cleaned_data.get("language") or self.default_language)

    def query(self) -> str:
        """The query string of the valid choice, for the links to the page and the PDF."""
        scope = urlencode(
            {"scope": self.cleaned_data.get("scope") or CITY, "language": self.chosen_language()}
        )
        return f"{self.period().query()}&{scope}"


def check_scope_visible(user: User | AnonymousUser, code: str | None) -> None:
    """A major district the user may not see is 404 (as on every programme page); an
    unknown code is left to the form (a field error)."""
    if not code or code == CITY:
        return
    if major_districts_visible_to(user).filter(code=code).exists():
        return
    if MajorDistrict.objects.filter(code=code).exists():
        raise Http404
