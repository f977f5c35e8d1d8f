from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from luotsi.accounts.models import User
from luotsi.accounts.validators import validate_phone
from luotsi.areas.finding import NotFound, find_by_address
from luotsi.areas.models import District, MajorDistrict
from luotsi.events.codes import split_codes
from luotsi.events.models import (
    AGE_BANDS,
    Audience,
    CostCategory,
    CostStatus,
    Event,
    EventKind,
    Frequency,
    Venue,
)
from luotsi.events.services import MAX_OCCURRENCES
from luotsi.network import permissions as network_permissions
from luotsi.network.models import Contact, Organisation, Topic
from luotsi.web.languages import message_language

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

# Browsers exchange ISO values with date and datetime-local inputs, whatever the language.
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATETIME = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def area_choices() -> list[tuple[str, Any]]:
    """Major districts, each followed by its districts, as one grouped list."""
    choices: list[tuple[str, Any]] = [("", _("All districts"))]
    boundaries = ("geometry", "geometry_simplified")  # large, and not needed for names
    districts = District.objects.defer(*boundaries).order_by("code")
    majors = (
        MajorDistrict.objects.defer(*boundaries)
        .order_by("number")
        .prefetch_related(Prefetch("districts", queryset=districts))
    )
    for major in majors:
        group = [(str(major.number), _("%(name)s (whole major district)") % {"name": major.name})]
        group += [(d.code, d.name) for d in major.districts.all()]
        choices.append((major.name, group))
    return choices


def areas_for(code: str) -> Any:
    """The districts an area code stands for: a major district number or a district code."""
    if not code:
        return None
    if code.isdigit() and len(code) <= 2:
        return District.objects.filter(major_district__number=int(code))
    return District.objects.filter(code=code)


class EventFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("District"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    language = forms.CharField(
        label=_("Language"),
        required=False,
        max_length=3,
        help_text=_("A language code, e.g. sv, en, so, ar."),
    )
    audience = forms.ChoiceField(label=_("For whom"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices()  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("All types")), *EventKind.choices]  # type: ignore[attr-defined]
        self.fields["audience"].choices = [("", _("Everyone")), *Audience.choices]  # type: ignore[attr-defined]

    def clean_language(self) -> str:
        code = self.cleaned_data["language"].strip().lower()
        if code and not (code.isalpha() and 2 <= len(code) <= 3):
            raise forms.ValidationError(_("Give a language code, e.g. sv, en, so."))
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must not be before the start date."))
        return cleaned


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The confirmation and your cancellation link are sent here."),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=32, required=False, validators=[validate_phone]
    )
    language = forms.ChoiceField(
        label=_("Language for messages"), choices=settings.MESSAGE_LANGUAGES
    )
    language_needs = forms.CharField(
        label=_("Language needs (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example: interpretation into Arabic, sign language, plain language."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: wheelchair space, induction loop, a quiet place to rest."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my details are kept to run this event and to tell me about changes. "
            "They are removed after the event."
        ),
        error_messages={"required": _("Registration needs your consent to keep these details.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = message_language()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"


class EventForm(forms.ModelForm[Event]):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "venue",
            "location_details",
            "start",
            "end",
            "languages",
            "interpretation",
            "capacity",
            "registration_enabled",
            "registration_closes_at",
            "is_free",
            "price",
        ]
        widgets = {
            "start": DATETIME,
            "end": DATETIME,
            "registration_closes_at": DATETIME,
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        help_text=_("Only needed when no venue is chosen (e.g. a school visit)."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organisers"), queryset=User.objects.none(), required=False
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"), queryset=Organisation.objects.none(), required=False
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), required=False
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        choices=[("", _("Does not repeat")), *Frequency.choices],
        required=False,
    )
    occurrences = forms.IntegerField(
        label=_("Number of events in the series"),
        min_value=2,
        max_value=MAX_OCCURRENCES,
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start", "end", "registration_closes_at"):
            self.fields[name].input_formats = DATETIME_FORMATS  # type: ignore[attr-defined]
        self.fields["title_fi"].required = True
        self.fields["venue"].queryset = Venue.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["district"].queryset = network_permissions.districts_for_recording(user)  # type: ignore[attr-defined]
        self.fields["organisers"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=network_permissions.NETWORK_ROLES
        ).order_by("full_name")
        self.fields["partners"].queryset = network_permissions.organisations_visible_to(  # type: ignore[attr-defined]
            user
        ).filter(is_active=True)
        if self.instance.pk:
            del self.fields["repeat"], self.fields["occurrences"]
            self.fields["district"].initial = self.instance.district_id
            self.fields["audiences"].initial = split_codes(self.instance.audiences)
            self.fields["organisers"].initial = list(self.instance.organisers.all())
            self.fields["partners"].initial = list(self.instance.partners.all())
            self.fields["topics"].initial = list(self.instance.topics.all())
        else:
            self.fields["organisers"].initial = [user]
            self.fields["languages"].initial = "fi"

    def clean_capacity(self) -> int | None:
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError(_("Capacity must be at least 1, or empty for no limit."))
        return capacity

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The event must end after it starts."))
        if self.instance.pk is None and start and start < timezone.now():
            self.add_error("start", _("An event cannot start in the past."))
        if not cleaned.get("venue") and not cleaned.get("district"):
            self.add_error("venue", _("Choose a venue, or the district the event is in."))
        if cleaned.get("repeat") and not cleaned.get("occurrences"):
            self.add_error("occurrences", _("Give the number of events in the series."))
        self.instance.audiences = ",".join(cleaned.get("audiences") or [])
        return cleaned


class VenueForm(forms.ModelForm[Venue]):
    class Meta:
        model = Venue
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "street_address",
            "postal_code",
            "info_url",
            "step_free",
            "induction_loop",
            "accessible_toilet",
            "quiet_room",
            "accessibility_notes_fi",
            "accessibility_notes_sv",
            "accessibility_notes_en",
            "is_active",
        ]
        widgets = {
            "accessibility_notes_fi": forms.Textarea(attrs={"rows": 2}),
            "accessibility_notes_sv": forms.Textarea(attrs={"rows": 2}),
            "accessibility_notes_en": forms.Textarea(attrs={"rows": 2}),
        }

    info_url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_fi"].required = True
        self.fields["street_address"].required = True
        self.point: tuple[float, float] | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        address = (cleaned.get("street_address") or "").strip()
        if address and ("street_address" in self.changed_data or not self.instance.pk):
            try:
                finding = find_by_address(address)
            except NotFound as exc:
                self.add_error("street_address", str(exc))
            else:
                self.point = (finding.lat, finding.lon)
        return cleaned


AGE_BAND_LABELS = (
    _("Came, aged 0–14 (estimate)"),
    _("Came, aged 15–64 (estimate)"),
    _("Came, aged 65 or over (estimate)"),
)


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Registered people who came"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    walk_ins = forms.IntegerField(label=_("Walk-ins (not registered)"), min_value=0, initial=0)
    notes = forms.CharField(
        label=_("What was learnt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Saved to the district's interaction log in the network."),
    )
    contacts = forms.ModelMultipleChoiceField(
        label=_("People met (from the network)"),
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commitment = forms.CharField(label=_("Follow-up promised"), max_length=300, required=False)
    commitment_due_on = forms.DateField(label=_("Follow-up due"), required=False, widget=DATE)

    def __init__(
        self,
        *args: Any,
        event: Event,
        user: User,
        registrations: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.count_fields: list[tuple[str, str, str]] = []
        if registrations:
            self.fields["attended"].choices = registrations  # type: ignore[attr-defined]
        else:
            del self.fields["attended"]
        contacts = network_permissions.contacts_visible_to(user).filter(
            Q(affiliations__organisation__in=event.partners.all()) | Q(district=event.district_id)
        )
        self.fields["contacts"].queryset = contacts.distinct().order_by("full_name")[:200]  # type: ignore[attr-defined]
        if event.interaction_id:
            del self.fields["commitment"], self.fields["commitment_due_on"]
        labels = dict(Audience.choices)
        for code in split_codes(event.audiences):
            self._count_field(
                "audience", code, _("Came: %(group)s") % {"group": labels.get(code, code)}
            )
        for code in split_codes(event.interpretation):
            self._count_field(
                "language", code, _("Used interpretation: %(language)s") % {"language": code}
            )
        # Estimates are enough: the inclusion figures compare them with the population.
        for code, label in zip(AGE_BANDS, AGE_BAND_LABELS, strict=True):
            self._count_field("age", code, label)

    def _count_field(self, dimension: str, code: str, label: "StrOrPromise") -> None:
        name = f"count_{dimension}_{code}"
        self.fields[name] = forms.IntegerField(label=label, min_value=0, required=False)
        self.count_fields.append((name, dimension, code))

    def counts(self) -> dict[tuple[str, str], int]:
        return {
            (dimension, code): self.cleaned_data.get(name) or 0
            for name, dimension, code in self.count_fields
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("commitment") and not cleaned.get("commitment_due_on"):
            self.add_error("commitment_due_on", _("Give a due date for the follow-up."))
        return cleaned


class CostForm(forms.Form):
    category = forms.ChoiceField(
        label=pgettext_lazy("cost", "Category"), choices=CostCategory.choices
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("Amount (€)"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2
    )
    status = forms.ChoiceField(label=_("Status"), choices=CostStatus.choices)


class BudgetForm(forms.Form):
    major_district = forms.ModelChoiceField(
        label=_("Major district"), queryset=MajorDistrict.objects.order_by("number")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    allocated = forms.DecimalField(
        label=_("Allocated (€)"), min_value=Decimal("0"), max_digits=10, decimal_places=2
    )
