"""The audit log search form. Every field is optional; dates are whole local days."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.privacy.audit_selectors import AuditFilter
from luotsi.privacy.models import AuditAction

FIRST_YEAR, LAST_YEAR = 2000, 2999
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditSearchForm(forms.Form):
    actor = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=100,
        help_text=_("Part of the person's e-mail address or name."),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.CharField(
        label=_("Object type"),
        required=False,
        max_length=50,
        help_text=_("For example network.contact or events.registration."),
        widget=forms.TextInput(attrs={"list": "audit-object-types"}),
    )
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=50)
    q = forms.CharField(
        label=_("Summary contains"),
        required=False,
        max_length=100,
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *AuditAction.choices]  # type: ignore[attr-defined]

    def _in_range(self, name: str) -> datetime.date | None:
        # Far-off years would overflow the time zone arithmetic (a 500, not an answer).
        day: datetime.date | None = self.cleaned_data[name]
        if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Give a date between the years %(first)d and %(last)d."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return day

    def clean_start(self) -> datetime.date | None:
        return self._in_range("start")

    def clean_end(self) -> datetime.date | None:
        return self._in_range("end")

    def clean_object_type(self) -> str:
        # Types are stored as lower-case model labels ("app.model").
        value: str = self.cleaned_data["object_type"].strip().lower()
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must not be before the start date."))
        return cleaned

    def to_filter(self) -> AuditFilter:
        """Precondition: the form is valid (or unbound, which filters nothing)."""
        if not self.is_bound:
            return AuditFilter()
        data = self.cleaned_data
        end = data["end"]
        return AuditFilter(
            actor=data["actor"].strip(),
            action=data["action"],
            object_type=data["object_type"],
            object_id=data["object_id"].strip(),
            text=data["q"].strip(),
            start=_day_start(data["start"]) if data["start"] else None,
            # "Until" includes the whole day: up to the start of the next one.
            end=_day_start(end + datetime.timedelta(days=1)) if end else None,
        )
