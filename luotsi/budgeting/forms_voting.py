"""Forms of the voting pages. They only parse: the rules (eligibility, district, number of
plans, budgets) are the services', so a forged POST meets exactly the same checks."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from luotsi.areas.models import MajorDistrict


class AnyPlanField(forms.TypedMultipleChoiceField):
    """Plan ids as integers, whichever they are: `ballot_check` says what is wrong with
    them (not on the ballot, another district's), which a choices list could not."""

    def valid_value(self, value: Any) -> bool:
        return True


class DistrictForm(forms.Form):
    district = forms.TypedChoiceField(
        label=_("Major district"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("You vote for the plans of one major district, usually where you live."),
    )

    def __init__(self, *args: Any, districts: list[MajorDistrict], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(d.number, d.name) for d in districts]  # type: ignore[attr-defined]


class BallotForm(forms.Form):
    major_district = forms.IntegerField(widget=forms.HiddenInput, label=_("Major district"))
    plans = AnyPlanField(
        label=_("Plans"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("A plan you chose is not on this ballot.")},
    )

    # Service errors whose field is not on the form are shown above it.
    FIELD_OF_ERROR = {"plans": "plans"}

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(self.FIELD_OF_ERROR.get(field), errors)


class PaperBallotForm(BallotForm):
    polling_place = forms.CharField(
        label=_("Polling point"),
        max_length=200,
        help_text=_("Where the ballot was cast, e.g. “Kallio library”."),
    )
    identity_code = forms.CharField(
        label=_("Voter's personal identity code"),
        max_length=20,
        help_text=_(
            "From the ID the voter shows, e.g. 131052-308T. Only a keyed hash of it is kept, "
            "to make sure the person votes once."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    resident = forms.BooleanField(
        label=_("The voter lives in the city (checked from their ID or the population register)"),
        required=False,
    )

    FIELD_OF_ERROR = {
        "plans": "plans",
        "identity_code": "identity_code",
        "voter": "identity_code",
        "polling_place": "polling_place",
    }

    field_order = ["polling_place", "identity_code", "resident", "major_district", "plans"]


class PaperCorrectionForm(BallotForm):
    polling_place = forms.CharField(label=_("Polling point"), max_length=200)

    FIELD_OF_ERROR = {"plans": "plans", "polling_place": "polling_place"}
