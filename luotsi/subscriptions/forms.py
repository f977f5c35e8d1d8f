from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from luotsi.areas.models import District, MajorDistrict
from luotsi.network.models import Topic
from luotsi.web.languages import message_language

BOUNDARIES = ("geometry", "geometry_simplified")  # large, and not needed for names


def grouped_area_choices(districts: QuerySet[District] | None = None) -> list[tuple[str, Any]]:
    """Major districts, each followed by its districts. Values: "m<number>" for a whole
    major district, the district code for one district. With `districts`, only those
    districts (and no whole-major-district options)."""
    rows = District.objects.defer(*BOUNDARIES).order_by("code")
    if districts is not None:
        rows = rows.filter(pk__in=districts.values("pk"))
    majors = (
        MajorDistrict.objects.defer(*BOUNDARIES)
        .order_by("number")
        .prefetch_related(Prefetch("districts", queryset=rows))
    )
    choices: list[tuple[str, Any]] = []
    for major in majors:
        group: list[tuple[str, str]] = []
        if districts is None:
            group.append(
                (f"m{major.number}", _("%(name)s (whole major district)") % {"name": major.name})
            )
        group += [(d.code, d.name) for d in major.districts.all()]
        if group:
            choices.append((major.name, group))
    return choices


def split_areas(values: list[str]) -> tuple[QuerySet[District], QuerySet[MajorDistrict]]:
    numbers = [int(v[1:]) for v in values if v.startswith("m") and v[1:].isdigit()]
    codes = [v for v in values if not v.startswith("m")]
    return District.objects.filter(code__in=codes), MajorDistrict.objects.filter(number__in=numbers)


def initial_areas(districts: Any, major_districts: Any) -> list[str]:
    return [f"m{m.number}" for m in major_districts.all()] + [d.code for d in districts.all()]


class SubscriptionChoicesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.MESSAGE_LANGUAGES
    )
    areas = forms.MultipleChoiceField(
        label=_("Areas"),
        help_text=_(
            "Choose one or more. To choose several, hold down Ctrl (or Cmd on a Mac) and click."
        ),
        error_messages={"required": _("Choose at least one area.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics (optional)"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all topics."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = message_language()
        areas = cast(forms.MultipleChoiceField, self.fields["areas"])
        areas.choices = grouped_area_choices()
        areas.widget.attrs["size"] = 12
        if not Topic.objects.exists():
            del self.fields["topics"]


class SubscribeForm(SubscriptionChoicesForm):
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send a link here: the subscription starts when you open it."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my e-mail address and choices are kept to send me these messages. "
            "Every message has a link to unsubscribe, which removes the address."
        ),
        error_messages={"required": _("A subscription needs your consent to keep the address.")},
    )
    field_order = ["email", "language", "areas", "topics", "consent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class AnnouncementForm(forms.Form):
    districts = forms.MultipleChoiceField(
        label=_("Districts"),
        help_text=_("Sent to the confirmed subscribers of these districts."),
        error_messages={"required": _("Choose at least one district.")},
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea)

    def __init__(self, *args: Any, districts: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["districts"])
        field.choices = grouped_area_choices(districts)
        field.widget.attrs["size"] = 10
        self.allowed = districts

    def chosen_districts(self) -> QuerySet[District]:
        return self.allowed.filter(code__in=self.cleaned_data["districts"])
