"""Forms of the cycle, proposal and plan pages. The rules live in the services; these forms
only parse what people type and show the services' errors on the right fields."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from luotsi.areas.finding import NotFound, find_by_address
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import Cycle, Proposal
from luotsi.budgeting.services.proposals import clean_language_code
from luotsi.concerns.photos import MAX_BYTES
from luotsi.events.models import Event
from luotsi.network.models import Topic

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATETIME = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
# Single-segment addresses under /budgeting/ that a cycle's identifier must not take.
RESERVED_SLUGS = {"manage", "api", "staff", "new"}


def area_choices(majors: Any, *, citywide_label: Any = None) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("Choose"))]
    choices += [(str(m.number), m.name) for m in majors]
    choices.append(("city", citywide_label or _("The whole city")))
    return choices


class ProposalFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Major district"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )

    def __init__(self, *args: Any, majors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = area_choices(majors, citywide_label=_("City-wide"))
        choices[0] = ("", _("All major districts"))
        self.fields["area"].choices = choices  # type: ignore[attr-defined]


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Your proposal"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What should be done, where, and for whom? Any language is welcome."),
    )
    language = forms.CharField(
        label=_("Language of the proposal"),
        max_length=8,
        help_text=_("A language code, e.g. fi, sv, en, so, ar."),
    )
    area = forms.ChoiceField(
        label=_("Major district"),
        required=False,
        help_text=_("Needed when you give no place: choose a major district or the whole city."),
    )
    address = forms.CharField(
        label=_("Street address (optional)"),
        max_length=200,
        required=False,
        help_text=_("The place the proposal is about: its district is found from it."),
    )
    lat = forms.FloatField(
        label=_("Latitude (optional)"), required=False, min_value=-90, max_value=90
    )
    lon = forms.FloatField(
        label=_("Longitude (optional)"), required=False, min_value=-180, max_value=180
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        help_text=_(
            "A JPEG, PNG or WebP image of at most %(mb)d MB. Its location and camera details "
            "are removed."
        )
        % {"mb": MAX_BYTES // (1024 * 1024)},
    )
    image_alt = forms.CharField(
        label=_("Image description"),
        max_length=300,
        required=False,
        help_text=_("Needed with an image: what it shows, for those who cannot see it."),
    )
    author_display_name = forms.CharField(
        label=_("Name shown with the proposal (optional)"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to propose anonymously."),
    )

    def __init__(self, *args: Any, majors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.majors = {str(m.number): m for m in majors}
        self.fields["area"].choices = area_choices(majors)  # type: ignore[attr-defined]
        self.fields["language"].initial = (get_language() or "fi")[:2]
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
        self.point: tuple[float, float] | None = None

    def clean_language(self) -> str:
        try:
            return clean_language_code(self.cleaned_data["language"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["language"]) from exc

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        address = (cleaned.get("address") or "").strip()
        if lat is not None and lon is not None:
            self.point = (lat, lon)
        elif (lat is None) != (lon is None) and "lat" not in self.errors:
            self.add_error("lat", _("Give both the latitude and the longitude."))
        elif address:
            try:
                finding = find_by_address(address)
            except NotFound as exc:
                self.add_error("address", str(exc))
            else:
                self.point = (finding.lat, finding.lon)
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error(
                "image_alt", _("Describe what the image shows, for those who cannot see it.")
            )
        return cleaned

    @property
    def major_district(self) -> MajorDistrict | None:
        return self.majors.get(self.cleaned_data.get("area") or "")


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("reject", _("Do not publish"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (shown to the author)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the proposal is not published."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the proposal is not published."))
        return cleaned


PLAN_TEXT_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
)


class PlanForm(forms.Form):
    major_district = forms.ChoiceField(label=_("Major district"))
    title_fi = forms.CharField(label=_("Title in Finnish"), max_length=200, required=False)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    description_fi = forms.CharField(
        label=_("Description in Finnish"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals to merge into the plan"),
        queryset=Proposal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Merged proposals point to this plan and leave the list of open proposals."),
    )
    workshops = forms.ModelMultipleChoiceField(
        label=_("Co-creation workshops"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Participatory budgeting workshops of the plan's district."),
    )

    def __init__(
        self,
        *args: Any,
        majors: Any,
        proposals: Any,
        workshops: Any,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.majors = {str(m.number): m for m in majors}
        self.fields["major_district"].choices = area_choices(majors)  # type: ignore[attr-defined]
        self.fields["proposals"].queryset = proposals  # type: ignore[attr-defined]
        self.fields["workshops"].queryset = workshops  # type: ignore[attr-defined]
        self.fields["proposals"].label_from_instance = lambda p: (  # type: ignore[attr-defined]
            f"{p.title} ({p.major_district.name if p.major_district else _('city-wide')})"
        )
        self.fields["workshops"].label_from_instance = lambda e: (  # type: ignore[attr-defined]
            f"{e.title} ({e.start:%d.%m.%Y})"
        )
        if editing:
            # A plan stays in the district it was made for.
            del self.fields["major_district"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any((cleaned.get(f"title_{lang}") or "").strip() for lang in ("fi", "sv", "en")):
            self.add_error("title_fi", _("Give the plan a title in at least one language."))
        return cleaned

    @property
    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in PLAN_TEXT_FIELDS}

    @property
    def chosen_major_district(self) -> MajorDistrict | None:
        return self.majors.get(self.cleaned_data.get("major_district") or "")


class CostForm(forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("Can the plan be carried out?"),
        choices=[("yes", _("Yes, at this cost")), ("no", _("No, it is not feasible"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    cost_estimate = forms.IntegerField(
        label=_("Cost estimate (€)"),
        required=False,
        min_value=1,
        max_value=10**12,
        help_text=_("Whole euros, e.g. 150000."),
    )
    feasibility_note = forms.CharField(
        label=_("Feasibility note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the estimate assumes; needed when the plan is not feasible."),
    )


class ApproveForm(forms.Form):
    code = forms.CharField(
        label=_("Ballot code"),
        max_length=12,
        help_text=_("Unique in the cycle, e.g. the district's letter and a number: E12."),
    )


CYCLE_FIELDS = [
    "slug",
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "published",
    "total_budget",
    "citywide_percent",
    "split_formula",
    "population_year",
    "proposals_start",
    "proposals_end",
    "cocreation_start",
    "cocreation_end",
    "costing_start",
    "costing_end",
    "voting_starts_at",
    "voting_ends_at",
    "implementation_start",
    "min_age",
    "residency_required",
    "ballot_format",
    "max_choices",
    "max_project_share_percent",
    "counting_rule",
    "tie_break",
]
DATE_FIELDS = {
    "proposals_start",
    "proposals_end",
    "cocreation_start",
    "cocreation_end",
    "costing_start",
    "costing_end",
    "implementation_start",
}


class CycleForm(forms.Form):
    """Every field of a cycle, built from the model. A plain form, not a ModelForm: the
    service (`cycle_create`/`cycle_update`) checks the dates and the frozen rules and names
    the fields it refuses, instead of the model's constraint messages."""

    def __init__(self, *args: Any, cycle: Cycle | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        widgets: dict[str, Any] = dict.fromkeys(DATE_FIELDS, DATE)
        widgets.update({"voting_starts_at": DATETIME, "voting_ends_at": DATETIME})
        widgets.update(
            {
                f"description_{lang}": forms.Textarea(attrs={"rows": 4})
                for lang in ("fi", "sv", "en")
            }
        )
        for name, field in fields_for_model(Cycle, fields=CYCLE_FIELDS, widgets=widgets).items():
            if field is None:
                continue
            if name in ("voting_starts_at", "voting_ends_at"):
                field.input_formats = DATETIME_FORMATS
            self.fields[name] = field
        self.fields["title_fi"].required = True
        if cycle is not None:
            for name in CYCLE_FIELDS:
                self.initial.setdefault(name, getattr(cycle, name))
            if cycle.rules_frozen_at_moment():
                for name in Cycle.RULE_FIELDS:
                    self.fields[name].help_text = _(
                        "Frozen: voting has opened, so this can no longer be changed."
                    )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This identifier is reserved; choose another."))
        taken = Cycle.objects.filter(slug=slug)
        if self.cycle is not None:
            taken = taken.exclude(pk=self.cycle.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another cycle already has this identifier."))
        return slug

    def changes(self) -> dict[str, Any]:
        """The fields whose value differs from the cycle's (all of them for a new cycle)."""
        data = {name: self.cleaned_data.get(name) for name in CYCLE_FIELDS}
        if self.cycle is None:
            return data
        return {
            name: value
            for name, value in data.items()
            if _comparable(getattr(self.cycle, name)) != _comparable(value)
        }


def _comparable(value: Any) -> Any:
    """The form shows times to the minute: a time with seconds, posted back unchanged, is
    not a change (it would otherwise be refused as a rule change once voting has opened)."""
    if isinstance(value, datetime.datetime):
        return value.replace(second=0, microsecond=0)
    if value is None:
        return ""
    return value
