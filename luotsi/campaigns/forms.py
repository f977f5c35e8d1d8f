"""Forms for running campaigns: the campaign and its area, recording a contact, adding a
target by hand."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.campaigns.area import area_errors, polygon_geometry, split_kinds
from luotsi.campaigns.models import AreaKind, Campaign, Target, TargetStatus
from luotsi.network.models import Channel, Organisation, OrganisationKind
from luotsi.network.permissions import NETWORK_ROLES

# Browsers exchange ISO values with date and datetime-local inputs, whatever the language.
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATETIME = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: to the fields it names when the form
    has them, otherwise to the form as a whole (so nothing is lost and nothing raises)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class GeoJSONField(forms.JSONField):
    """JSON in a textarea that shows nothing (not "null") when there is no value."""

    def prepare_value(self, value: Any) -> Any:
        return "" if value is None else super().prepare_value(value)


class CampaignForm(forms.ModelForm[Campaign]):
    class Meta:
        model = Campaign
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "city_project",
            "department",
            "project_contact",
            "information_starts_on",
            "feedback_deadline",
            "works_start_on",
            "works_end_on",
            "area_kind",
            "street",
            "number_from",
            "number_to",
            "buffer_metres",
            "polygon",
        ]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 3}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "information_starts_on": DATE,
            "feedback_deadline": DATETIME,
            "works_start_on": DATE,
            "works_end_on": DATE,
            "area_kind": forms.RadioSelect,
        }
        help_texts = {
            "street": _("In Finnish or Swedish, e.g. Bulevardi or Bulevarden."),
            "number_from": _("Leave the house numbers empty for the whole street."),
            "buffer_metres": _(
                "Only for “a distance along a street”: organisations within this distance of "
                "any address on the street (or on its numbers above) become targets."
            ),
        }

    polygon = GeoJSONField(
        label=_("Area drawn on the map (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            "Only for “an area drawn on the map”: a GeoJSON geometry of type Polygon, with "
            "longitude and latitude (WGS84). Draw the area at geojson.io (or in the city's map "
            "service), then copy its “geometry” here; a whole Feature is accepted too."
        ),
    )
    target_kinds = forms.MultipleChoiceField(
        label=_("Organisation types"),
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which kinds of organisations in the area become targets."),
    )
    officers = forms.ModelMultipleChoiceField(
        label=_("Responsible officers"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_fi"].required = True
        self.fields["feedback_deadline"].input_formats = DATETIME_FORMATS  # type: ignore[attr-defined]
        self.fields["area_kind"].choices = AreaKind.choices  # type: ignore[attr-defined]
        self.fields["officers"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=NETWORK_ROLES
        ).order_by("full_name", "email")
        if self.instance.pk:
            self.fields["target_kinds"].initial = split_kinds(self.instance.target_kinds)
            self.fields["officers"].initial = list(self.instance.officers.all())
        else:
            self.fields["officers"].initial = [user]
            # The blank instance's own (empty) value would win over a field's initial.
            self.initial["area_kind"] = AreaKind.STREET
            self.fields["target_kinds"].initial = [OrganisationKind.BUSINESS]

    def clean_polygon(self) -> Any:
        value = self.cleaned_data.get("polygon")
        if isinstance(value, dict) and value.get("type") == "FeatureCollection":
            features = value.get("features") or []
            if len(features) != 1:
                raise ValidationError(_("Give one area (one feature), not several."))
            value = features[0]
        if isinstance(value, dict) and value.get("type") == "Feature":
            value = value.get("geometry")
        return value or None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kinds = cleaned.get("target_kinds") or []
        self.instance.target_kinds = ",".join(kinds)
        errors = area_errors(
            area_kind=cleaned.get("area_kind") or "",
            street=cleaned.get("street") or "",
            number_from=cleaned.get("number_from"),
            number_to=cleaned.get("number_to"),
            buffer_metres=cleaned.get("buffer_metres"),
            polygon=cleaned.get("polygon"),
            target_kinds=",".join(kinds),
        )
        for name, message in errors.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        if cleaned.get("area_kind") == AreaKind.POLYGON and cleaned.get("polygon"):
            try:
                polygon_geometry(cleaned["polygon"])
            except ValidationError as exc:
                add_errors(self, exc)
        return cleaned


# What can come of a contact (not "not contacted", which is where every target starts).
CONTACT_OUTCOMES = [
    (status, label)
    for status, label in TargetStatus.choices
    if status != TargetStatus.NOT_CONTACTED
]


class TargetContactForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Target"), coerce=int)
    status = forms.ChoiceField(
        label=_("Outcome"), choices=CONTACT_OUTCOMES, initial=TargetStatus.INFORMED
    )
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices, initial=Channel.VISIT)
    contacted_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Saved with the interaction in the network."),
    )

    def __init__(self, *args: Any, targets: list[Target], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "contact")
        super().__init__(*args, **kwargs)
        self.fields["contacted_on"].initial = timezone.localdate
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            (
                t.pk,
                f"{t.organisation.name} – {t.organisation.street_address} "
                f"({t.get_status_display()})",
            )
            for t in targets
        ]


class TargetAddForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "add")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisation"].label_from_instance = (  # type: ignore[attr-defined]
            lambda o: f"{o.name} – {o.street_address}" if o.street_address else o.name
        )
