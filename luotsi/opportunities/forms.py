from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import Role, User
from luotsi.areas.models import MajorDistrict
from luotsi.events.forms import DATETIME, DATETIME_FORMATS
from luotsi.network.models import Topic
from luotsi.network.permissions import districts_for_recording
from luotsi.opportunities import permissions
from luotsi.opportunities.models import Opportunity

BOUNDARIES = ("geometry", "geometry_simplified")


class TakePartFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.CharField(
        label=_("Language"),
        required=False,
        max_length=3,
        help_text=_("A language code, e.g. sv, en, so, ar."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topics = Topic.objects.order_by("name")
        self.fields["topic"].choices = [  # type: ignore[attr-defined]
            ("", _("All topics")),
            *((t.slug, t.name) for t in topics),
        ]

    def clean_language(self) -> str:
        code: str = self.cleaned_data["language"].strip().lower()
        if code and not code.isalpha():
            raise forms.ValidationError(_("Enter a language code such as sv or en."))
        return code


class OpportunityForm(forms.ModelForm):
    link = forms.URLField(
        label=_("web address"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Opportunity
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "summary_fi",
            "summary_sv",
            "summary_en",
            "summary_plain_fi",
            "kind",
            "city_wide",
            "major_districts",
            "districts",
            "topics",
            "opens_at",
            "deadline",
            "link",
            "place",
            "contact_officer",
            "material_languages",
            "material_formats",
            "is_published",
        ]
        widgets = {
            "opens_at": DATETIME,
            "deadline": DATETIME,
            "summary_fi": forms.Textarea(attrs={"rows": 4}),
            "summary_sv": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
            "summary_plain_fi": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "title_fi": _("Title in Finnish"),
            "title_sv": _("Title in Swedish"),
            "title_en": _("Title in English"),
            "summary_fi": _("Summary in Finnish"),
            "summary_sv": _("Summary in Swedish"),
            "summary_en": _("Summary in English"),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_fi"].required = True
        for name in ("opens_at", "deadline"):
            self.fields[name].input_formats = DATETIME_FORMATS  # type: ignore[attr-defined]
        allowed = districts_for_recording(user).defer(*BOUNDARIES).order_by("code")
        self.fields["districts"].queryset = allowed  # type: ignore[attr-defined]
        self.fields["major_districts"].queryset = (  # type: ignore[attr-defined]
            MajorDistrict.objects.filter(pk__in=allowed.values("major_district"))
            .defer(*BOUNDARIES)
            .order_by("number")
        )
        self.fields["topics"].queryset = Topic.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["contact_officer"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True,
            role__in=[Role.COORDINATOR, Role.DISTRICT_OFFICER, Role.BUSINESS_OFFICER],
        ).order_by("full_name")
        if not permissions.may_choose_city_wide(user):
            del self.fields["city_wide"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, deadline = data.get("opens_at"), data.get("deadline")
        if opens and deadline and deadline < opens:
            self.add_error("deadline", _("The deadline must be after the opening."))
        return data
