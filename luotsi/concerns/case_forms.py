"""Forms of the conflict case pages. Rules live in `cases.py`; these only parse input and
offer the choices the user may make."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.areas.finding import NotFound, find_by_address
from luotsi.areas.models import District, SubDistrict
from luotsi.concerns import case_selectors
from luotsi.concerns.models import CaseStatus, ConflictCase, Position, Stakeholder
from luotsi.events.models import Event
from luotsi.network import permissions as network
from luotsi.network.models import Contact, Organisation

# Browsers exchange ISO dates with <input type="date">, whatever the page language.
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
LEVELS = [(n, str(n)) for n in range(1, 6)]
NO_BOUNDARIES = ("geometry", "geometry_simplified")


def _districts(user: User) -> QuerySet[District]:
    return network.districts_for_recording(user).defer(*NO_BOUNDARIES).order_by("name")


class SubDistrictChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.district.name})"


class CaseForm(forms.ModelForm[ConflictCase]):
    """The street address is located with the city's address points, which sets the
    district; without an address, choose the district."""

    class Meta:
        model = ConflictCase
        fields = ["title", "summary", "status", "sub_districts"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    street_address = forms.CharField(
        label=_("Street address"),
        max_length=200,
        required=False,
        help_text=_("Where the building, park or street is, if it has an address."),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        help_text=_("Only needed when there is no street address."),
    )
    sub_districts = SubDistrictChoice(
        label=_("Sub-districts concerned"),
        queryset=SubDistrict.objects.none(),
        required=False,
        help_text=_("Optional: the parts of the district the case is about."),
    )
    field_order = ["title", "summary", "street_address", "district", "sub_districts", "status"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        districts = _districts(user)
        if self.instance.district_id:
            districts = (
                districts | District.objects.filter(pk=self.instance.district_id)
            ).order_by("name")
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["district"].initial = self.instance.district_id
        self.fields["sub_districts"].queryset = (  # type: ignore[attr-defined]
            SubDistrict.objects.filter(district__in=districts)
            .select_related("district")
            .defer(*NO_BOUNDARIES, *(f"district__{f}" for f in NO_BOUNDARIES))
            .order_by("district__name", "name")
        )
        self.point: tuple[float, float] | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        address = (cleaned.get("street_address") or "").strip()
        if address:
            try:
                finding = find_by_address(address)
            except NotFound as exc:
                self.add_error("street_address", str(exc))
                return cleaned
            self.point = (finding.lat, finding.lon)
        elif not cleaned.get("district") and not self.instance.district_id:
            self.add_error("district", _("Give a street address or choose the district."))
        return cleaned

    def chosen_district(self) -> District | None:
        """The district only when the user chose one; an unchanged choice keeps the case's
        point (set from an address earlier)."""
        if self.point is None and "district" in self.changed_data:
            district: District | None = self.cleaned_data.get("district")
            return district
        return None


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *CaseStatus.choices], required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = case_selectors.list_districts(user)  # type: ignore[attr-defined]


class PositionFields(forms.Form):
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    interest = forms.TypedChoiceField(
        label=_("Interest (1–5)"),
        choices=LEVELS,
        coerce=int,
        initial=3,
        help_text=_("How much the case matters to them."),
    )
    influence = forms.TypedChoiceField(
        label=_("Influence (1–5)"),
        choices=LEVELS,
        coerce=int,
        initial=3,
        help_text=_("How much they can affect the outcome."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class StakeholderForm(PositionFields):
    """Offers the network's organisations and people of the case's district; `party`
    (a name to search for) widens the choice to everyone the user can see."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    contact = forms.ModelChoiceField(
        label=_("or person"), queryset=Contact.objects.none(), required=False
    )
    field_order = ["organisation", "contact", "position", "interest", "influence", "notes"]

    def __init__(
        self, *args: Any, user: User, case: ConflictCase, party: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        organisations = network.organisations_visible_to(user)
        contacts = network.contacts_visible_to(user)
        if not self.is_bound:  # a POST may name any party the user can see
            if party:
                organisations = organisations.filter(name__icontains=party)
                contacts = contacts.filter(full_name__icontains=party)
            else:
                organisations = organisations.filter(district=case.district)
                contacts = contacts.filter(district=case.district)
            on_case = case.stakeholders.all()
            organisations = organisations.exclude(
                pk__in=on_case.filter(organisation__isnull=False).values("organisation")
            )
            contacts = contacts.exclude(
                pk__in=on_case.filter(contact__isnull=False).values("contact")
            )
        self.fields["organisation"].queryset = organisations.order_by("name")  # type: ignore[attr-defined]
        self.fields["contact"].queryset = contacts.order_by("full_name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        one_party = bool(cleaned.get("organisation")) != bool(cleaned.get("contact"))
        if not one_party and "organisation" not in self.errors and "contact" not in self.errors:
            self.add_error("organisation", _("Choose an organisation or a person, not both."))
        return cleaned


class StakeholderEditForm(PositionFields):
    """Where a party stands now (bound to the stakeholder's current values as `initial`)."""

    @classmethod
    def initial_for(cls, stakeholder: Stakeholder) -> dict[str, Any]:
        return {
            "position": stakeholder.position,
            "interest": stakeholder.interest,
            "influence": stakeholder.influence,
            "notes": stakeholder.notes,
        }


class StepForm(forms.Form):
    happened_on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DATE)
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    document_title = forms.CharField(label=_("Document (optional)"), max_length=200, required=False)
    document_url = forms.URLField(
        label=_("Link to the document"), required=False, assume_scheme="https"
    )


class MessageLinkForm(forms.Form):
    reference = forms.CharField(
        label=_("Message reference"),
        max_length=20,
        help_text=_("For example 2026-00012."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class EventChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = formats.date_format(timezone.localtime(obj.start), "SHORT_DATE_FORMAT")
        return f"{when} {obj.title}"


class MeetingLinkForm(forms.Form):
    event = EventChoice(label=_("Event"), queryset=Event.objects.none())

    def __init__(self, *args: Any, user: User, case: ConflictCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = case_selectors.meeting_choices(user, case)  # type: ignore[attr-defined]
