"""Forms: a resident booking a slot; an officer editing their profile and office hours."""

import datetime
from typing import Any, cast

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from luotsi.events.models import Venue
from luotsi.officehours.models import AppointmentLanguage, OfficeHours, OfficerProfile
from luotsi.officehours.selectors import Slot
from luotsi.web.languages import language_name

# Languages Helsinki's residents most often need an interpreter for (and sign languages).
INTERPRETER_LANGUAGES = (
    "ar", "so", "ru", "et", "fa", "ku", "ti", "uk", "tr", "zh", "vi", "es", "fr", "de",
    "fse", "fss",
)  # fmt: skip


def slot_label(slot: Slot) -> str:
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    day = formats.date_format(start, "D j.n.")
    return f"{day} {start:%H:%M}–{end:%H:%M}, {slot.venue.name}"


class SlotField(forms.ChoiceField):
    """Offers the free slots as choices, but leaves whether the posted time can still be
    booked to the booking service, which decides holding the officer's lock. Checked here,
    against the slots read when the request began, a time someone booked a moment earlier
    was refused as "not one of the available choices" instead of "someone has just booked
    this time" (found by tests/security/test_races.py)."""

    def valid_value(self, value: str) -> bool:
        return True


class BookingForm(forms.Form):
    slot = SlotField(label=_("Time"))
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The confirmation and your cancellation link are sent here."),
    )
    language = forms.ChoiceField(
        label=_("Language of the meeting"),
        choices=AppointmentLanguage.choices,
        initial=AppointmentLanguage.FI,
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter for which language"),
        required=False,
        help_text=_("Only if you asked for an interpreter."),
    )
    topic = forms.CharField(
        label=_("What would you like to talk about? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my details are kept to arrange this meeting and to tell me about it. "
            "They are removed after the meeting."
        ),
        error_messages={"required": _("Booking needs your consent to keep these details.")},
    )

    def __init__(self, *args: Any, slots: list[Slot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        slot_field = cast(forms.ChoiceField, self.fields["slot"])
        slot_field.choices = [(slot.starts_at.isoformat(), slot_label(slot)) for slot in slots]
        interpreter = cast(forms.ChoiceField, self.fields["interpreter_language"])
        names = sorted(
            ((code, language_name(code)) for code in INTERPRETER_LANGUAGES),
            key=lambda choice: choice[1],
        )
        interpreter.choices = [("", "—"), *names]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_slot(self) -> datetime.datetime:
        value = self.cleaned_data["slot"]
        try:
            starts_at = datetime.datetime.fromisoformat(value)
        except ValueError as exc:
            raise forms.ValidationError(_("Choose a time from the list.")) from exc
        if timezone.is_naive(starts_at):
            raise forms.ValidationError(_("Choose a time from the list."))
        return starts_at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("language") == AppointmentLanguage.INTERPRETER and not data.get(
            "interpreter_language"
        ):
            self.add_error(
                "interpreter_language", _("Choose the language you need an interpreter for.")
            )
        return data


class ProfileForm(forms.ModelForm[OfficerProfile]):
    class Meta:
        model = OfficerProfile
        fields = [
            "introduction_fi",
            "introduction_sv",
            "introduction_en",
            "working_on_fi",
            "working_on_sv",
            "working_on_en",
            "how_to_reach",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class OfficeHoursForm(forms.ModelForm[OfficeHours]):
    class Meta:
        model = OfficeHours
        fields = ["venue", "weekday", "start", "end", "slot_minutes", "valid_from", "valid_until"]
        widgets = {
            "start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        venue = cast(forms.ModelChoiceField, self.fields["venue"])
        venue.queryset = Venue.objects.filter(is_active=True).order_by("name")
        self.fields["valid_from"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data
