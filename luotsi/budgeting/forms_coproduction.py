"""Forms of the co-production phase. Each form on the workspace page has its own prefix, so
their fields' ids never clash."""

from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.budgeting.models import ImplementationStatus, MemberRole, Plan, Workspace
from luotsi.budgeting.selectors_coproduction import meeting_choices, suggested_applicants
from luotsi.events.models import EventKind
from luotsi.network.permissions import districts_for_recording, organisations_visible_to

# Browsers exchange ISO values with date and datetime-local inputs, whatever the language.
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATETIME = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

ADDABLE_ROLES = [
    (MemberRole.APPLICANT.value, MemberRole.APPLICANT.label),
    (MemberRole.OFFICIAL.value, MemberRole.OFFICIAL.label),
    (MemberRole.STAKEHOLDER.value, MemberRole.STAKEHOLDER.label),
]


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} <{obj.email}>" if obj.full_name else str(obj.email)


class OpenForm(forms.Form):
    applicants = PersonChoice(
        label=_("Applicants to invite"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The accounts of the people who proposed what became this plan."),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        suggested = [u.pk for u in suggested_applicants(plan)]
        self.fields["applicants"].queryset = User.objects.filter(pk__in=suggested)  # type: ignore[attr-defined]
        self.initial.setdefault("applicants", suggested)


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.district.name})" if obj.district_id else str(obj.name)


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ADDABLE_ROLES)
    email = forms.EmailField(
        label=_("E-mail of the person"),
        required=False,
        help_text=_("For an applicant or a city official: the e-mail they sign in to Luotsi with."),
    )
    organisation = OrganisationChoice(
        label=_("Organisation"),
        queryset=None,  # set in __init__
        required=False,
        help_text=_("For a stakeholder organisation: from the network of the plan's area."),
    )

    def __init__(self, *args: Any, user: User, workspace: Workspace, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "member")
        super().__init__(*args, **kwargs)
        organisations = organisations_visible_to(user).filter(is_active=True)
        if workspace.plan.major_district_id is not None:
            organisations = organisations.filter(
                district__major_district_id=workspace.plan.major_district_id
            )
        self.fields["organisation"].queryset = organisations.select_related(  # type: ignore[attr-defined]
            "district"
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        data["user"] = None
        if role == MemberRole.STAKEHOLDER:
            if not data.get("organisation") and "organisation" not in self.errors:
                self.add_error("organisation", _("Choose the organisation."))
        elif role:
            email = (data.get("email") or "").strip()
            if not email:
                if "email" not in self.errors:
                    self.add_error("email", _("Give the person's e-mail address."))
            else:
                data["user"] = User.objects.filter(email__iexact=email, is_active=True).first()
                if data["user"] is None:
                    self.add_error("email", _("There is no Luotsi user with this e-mail address."))
        return data


class EventChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = formats.date_format(timezone.localtime(obj.start), "SHORT_DATE_FORMAT")
        return f"{when} {obj.title}"


class MeetingLinkForm(forms.Form):
    event = EventChoice(label=_("Event"), queryset=None)

    def __init__(self, *args: Any, user: User, workspace: Workspace, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "link")
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = meeting_choices(workspace, user)  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices, initial=EventKind.WORKSHOP)
    district = forms.ModelChoiceField(label=_("District"), queryset=District.objects.none())
    start = forms.DateTimeField(label=_("Starts"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    end = forms.DateTimeField(label=_("Ends"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    languages = forms.CharField(
        label=_("Languages spoken"),
        max_length=100,
        initial="fi",
        help_text=_("Language codes separated by commas, e.g. fi, sv, en, so."),
    )
    location_details = forms.CharField(
        label=_("Place, room or directions"), max_length=200, required=False
    )

    def __init__(self, *args: Any, user: User, workspace: Workspace, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "meeting")
        super().__init__(*args, **kwargs)
        districts = districts_for_recording(user).defer("geometry", "geometry_simplified")
        if workspace.plan.major_district_id is not None:
            districts = districts.filter(major_district_id=workspace.plan.major_district_id)
        self.fields["district"].queryset = districts.order_by("code")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The meeting must end after it starts."))
        return data

    def chosen_district(self) -> District | None:
        district: District | None = self.cleaned_data.get("district")
        return district


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)

    def __init__(
        self, *args: Any, workspace: Workspace, show_emails: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", "task")
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = User.objects.filter(  # type: ignore[attr-defined]
            pb_memberships__workspace=workspace
        ).order_by("full_name", "email")

        # Members who do not manage see names only, never others' e-mail addresses.
        def label(user: User) -> str:
            if user.full_name:
                return user.full_name
            return user.email if show_emails else str(_("A member without a name"))

        owner.label_from_instance = label  # type: ignore[attr-defined]


class UpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Implementation status"), choices=ImplementationStatus.choices
    )
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    text_fi = forms.CharField(label=_("Update in Finnish"), widget=forms.Textarea, required=False)
    text_sv = forms.CharField(label=_("Update in Swedish"), widget=forms.Textarea, required=False)
    text_en = forms.CharField(label=_("Update in English"), widget=forms.Textarea, required=False)
    public = forms.BooleanField(
        label=_("Show on the public implementation tracker"), required=False, initial=True
    )

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "update")
        super().__init__(*args, **kwargs)
        if plan is not None and not self.is_bound:
            self.initial.setdefault("status", plan.implementation_status)
            self.initial.setdefault("progress", plan.implementation_progress)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(f"text_{code}") or "").strip() for code in ("fi", "sv", "en")):
            self.add_error("text_fi", _("Write the update in at least one language."))
        return data

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text_{code}") or "" for code in ("fi", "sv", "en")}
