from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.areas.finding import NotFound, find_by_address
from luotsi.areas.models import District
from luotsi.network import permissions
from luotsi.network.models import (
    Channel,
    ConsentSource,
    Contact,
    KnowledgeNote,
    LawfulBasis,
    Organisation,
    RelationshipType,
    Topic,
)
from luotsi.network.validators import normalise_business_id, validate_business_id

# Browsers exchange ISO dates with <input type="date">, whatever the page language.
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ContactForm(forms.ModelForm[Contact]):
    class Meta:
        model = Contact
        fields = [
            "full_name",
            "title",
            "email",
            "phone",
            "preferred_language",
            "spoken_languages",
            "district",
            "visibility",
            "lawful_basis",
            "consent_purpose",
            "consent_source",
            "consent_date",
            "consent_wording_version",
        ]
        widgets = {
            "consent_date": DATE,
            "full_name": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = permissions.districts_for_recording(user)  # type: ignore[attr-defined]


class OrganisationForm(forms.ModelForm[Organisation]):
    """The street address is located with the city's address points, which sets the district;
    without an address, choose the district."""

    class Meta:
        model = Organisation
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "kind",
            "street_address",
            "email",
            "phone",
            "website",
            "languages",
            "business_id",
            "trade_names",
            "sector",
            "preferred_language",
            "topics",
            "is_active",
            "visibility",
        ]
        widgets = {"trade_names": forms.Textarea(attrs={"rows": 3})}

    # Longer than the stored nine characters so that "0201256 - 6" can be tidied up in
    # clean_business_id rather than refused for its length.
    business_id = forms.CharField(
        label=_("Business ID"),
        max_length=20,
        required=False,
        help_text=_("The Finnish business ID (Y-tunnus), e.g. 0201256-6."),
    )
    # A web address typed without a scheme is taken to be https (Django 6's default too).
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    # Derived from the address when there is one (LocatedModel), so not a model form field.
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        help_text=_("Only needed when there is no street address."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_fi"].required = True
        self.fields["district"].queryset = permissions.districts_for_recording(user)  # type: ignore[attr-defined]
        self.fields["district"].initial = self.instance.district_id
        self.point: tuple[float, float] | None = None

    def clean_business_id(self) -> str:
        value = normalise_business_id(self.cleaned_data.get("business_id") or "")
        if not value:
            return ""
        validate_business_id(value)
        # The whole register, visible or not, is checked; the answer reveals nothing about
        # the other record but that it exists.
        taken = Organisation.objects.filter(business_id=value)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This business ID is already in the register."), code="business_id_taken"
            )
        return value

    def clean_trade_names(self) -> str:
        lines = (self.cleaned_data.get("trade_names") or "").splitlines()
        names = dict.fromkeys(line.strip() for line in lines if line.strip())
        return "\n".join(names)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        address = (cleaned.get("street_address") or "").strip()
        if address and "street_address" not in self.changed_data and self.instance.pk:
            return cleaned
        if address:
            try:
                finding = find_by_address(address)
            except NotFound as exc:
                self.add_error("street_address", str(exc))
                return cleaned
            self.point = (finding.lat, finding.lon)
            cleaned["district"] = finding.location.district
        elif not cleaned.get("district"):
            self.add_error("district", _("Give a street address or choose the district."))
        return cleaned


class InteractionForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DATE)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none())
    # Participants come from the page the entry is made on (a contact's or an organisation's);
    # a select of every contact would not scale to a city's network.
    contacts = forms.ModelMultipleChoiceField(
        queryset=Contact.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), required=False
    )
    commitment = forms.CharField(
        label=_("Promised to do (optional)"),
        max_length=300,
        required=False,
        help_text=_("A commitment is added to your list with its due date."),
    )
    commitment_due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = permissions.districts_for_recording(user)  # type: ignore[attr-defined]
        self.fields["contacts"].queryset = permissions.contacts_visible_to(user)  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = permissions.organisations_visible_to(user)  # type: ignore[attr-defined]


class NoteForm(forms.ModelForm[KnowledgeNote]):
    class Meta:
        model = KnowledgeNote
        fields = ["title", "body", "district", "topics", "organisations", "visibility"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = permissions.districts_for_recording(user)  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = permissions.organisations_visible_to(user)  # type: ignore[attr-defined]


class HandoverForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Successor"),
        queryset=User.objects.filter(role__in=permissions.NETWORK_ROLES, is_active=True),
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        help_text=_("One person per row; the first row names the columns."),
    )
    district = forms.ModelChoiceField(
        label=_("District for rows without one"), queryset=District.objects.none(), required=False
    )
    lawful_basis = forms.ChoiceField(label=_("Lawful basis"), choices=LawfulBasis.choices)
    consent_purpose = forms.CharField(label=_("Purpose"), max_length=300)
    consent_source = forms.ChoiceField(label=_("Source"), choices=ConsentSource.choices)
    consent_date = forms.DateField(label=_("Date of consent or record"), widget=DATE)
    consent_wording_version = forms.CharField(
        label=_("Version of the wording shown"), max_length=50, required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = permissions.districts_for_recording(user)  # type: ignore[attr-defined]

    def consent(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "lawful_basis": data["lawful_basis"],
            "consent_purpose": data["consent_purpose"],
            "consent_source": data["consent_source"],
            "consent_date": data["consent_date"].isoformat(),
            "consent_wording_version": data["consent_wording_version"],
        }


class ImportMappingForm(forms.Form):
    """One select per field Luotsi can fill, listing the file's columns."""

    def __init__(
        self, *args: Any, columns: list[str], mapping: dict[str, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in the file)"))] + [
            (str(i), name) for i, name in enumerate(columns)
        ]
        for field, label in FIELD_LABELS.items():
            initial = mapping.get(field)
            self.fields[field] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                initial="" if initial is None else str(initial),
            )

    def mapping(self) -> dict[str, int | None]:
        chosen = {field: str(self.cleaned_data.get(field) or "") for field in FIELD_LABELS}
        return {field: int(value) if value else None for field, value in chosen.items()}


FIELD_LABELS = {
    "full_name": _("Name"),
    "title": _("Title"),
    "email": _("E-mail"),
    "phone": _("Phone"),
    "district": _("District"),
    "organisation": _("Organisation"),
    "role": _("Role in the organisation"),
}


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("The duplicate to merge into this person"), queryset=Contact.objects.none()
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = candidates  # type: ignore[attr-defined]


class AffiliationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.CharField(label=_("Role in the organisation"), max_length=100, required=False)
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: User, contact: Contact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = permissions.organisations_visible_to(user)
        if contact.district_id:
            organisations = organisations.filter(district=contact.district)
        self.fields["organisation"].queryset = organisations.order_by("name")  # type: ignore[attr-defined]


class RelationshipForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Relationship"), queryset=RelationshipType.objects.all())
    to_contact = forms.ModelChoiceField(
        label=_("Person"), queryset=Contact.objects.none(), required=False
    )
    to_organisation = forms.ModelChoiceField(
        label=_("or organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: User, contact: Contact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Candidates are the people met together with this person or in the same
        # organisations: a list of a whole district's people would not scale.
        met_with = Contact.interactions.through.objects.filter(
            interaction__contacts=contact
        ).values("contact_id")
        colleagues = Contact.objects.filter(
            affiliations__organisation__affiliations__contact=contact
        ).values("pk")
        people = (
            permissions.contacts_visible_to(user)
            .filter(Q(pk__in=met_with) | Q(pk__in=colleagues))
            .exclude(pk=contact.pk)
        )
        organisations = permissions.organisations_visible_to(user)
        if contact.district_id:
            organisations = organisations.filter(district=contact.district)
        self.fields["to_contact"].queryset = people.order_by("full_name")  # type: ignore[attr-defined]
        self.fields["to_organisation"].queryset = organisations.order_by("name")  # type: ignore[attr-defined]


class BusinessImportForm(forms.Form):
    """Upload (action "check") or commit the checked batch (action "commit"): the batch comes
    back signed in `batch`, or, when it was too large to carry in the page, as the file again."""

    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        required=False,
        help_text=_(
            "One business per row; the first row names the columns, e.g. y-tunnus, nimi, "
            "aputoiminimet, toimiala, katuosoite, sähköposti, puhelin, kieli (or the same in "
            "Swedish or English)."
        ),
    )
    update_existing = forms.BooleanField(
        label=_("Fill in the empty details of businesses already in the register"),
        required=False,
    )
    batch = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("file") and not cleaned.get("batch"):
            self.add_error("file", _("Choose the file to import."))
        return cleaned
