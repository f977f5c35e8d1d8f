from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.materials import permissions
from luotsi.materials.models import (
    LANGUAGE_CODE,
    USUAL_SET,
    Format,
    Item,
    Variant,
    VariantStatus,
    validate_material_language,
)
from luotsi.materials.uploads import accepted_types, max_bytes
from luotsi.web.languages import PLAIN_FINNISH, language_name

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
# Offered in the language list; any other two- or three-letter code can be typed.
COMMON_LANGUAGES = (
    "fi",
    "sv",
    "en",
    PLAIN_FINNISH,
    "so",
    "ar",
    "ru",
    "et",
    "fa",
    "ku",
    "uk",
    "zh",
    "fse",
    "fss",
    "se",
)


def language_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((code, f"{language_name(code)} ({code})") for code in COMMON_LANGUAGES)]


def clean_language_code(value: str) -> str:
    code = value.strip()
    code = code if code == PLAIN_FINNISH else code.lower()
    if code:
        validate_material_language(code)
    return code


class FilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)
    language = forms.CharField(
        label=_("Language"),
        required=False,
        max_length=20,
        help_text=_("A language code, e.g. sv, so, fi-x-plain."),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [  # type: ignore[attr-defined]
            ("", _("All districts")),
            ("city", _("City-wide")),
            *((d.code, f"{d.code} {d.name}") for d in districts),
        ]
        self.fields["status"].choices = [("", _("Any status")), *VariantStatus.choices]  # type: ignore[attr-defined]

    def clean_language(self) -> str:
        return clean_language_code(self.cleaned_data["language"])


class ItemForm(forms.ModelForm):
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )

    class Meta:
        model = Item
        fields = ["title_fi", "title_sv", "title_en", "summary_fi", "summary_sv", "summary_en"]
        fields += ["public"]
        widgets = {
            f"summary_{code}": forms.Textarea(attrs={"rows": 3}) for code in ("fi", "sv", "en")
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_fi"].required = True
        if self.instance.linked is not None:
            del self.fields["district"]  # it follows the event, campaign or case
            return
        district = self.fields["district"]
        district.queryset = permissions.districts_for_items(user).order_by("code")  # type: ignore[attr-defined]
        district.label_from_instance = lambda d: f"{d.code} {d.name}"  # type: ignore[attr-defined]
        district.initial = self.instance.district_id
        if permissions.may_make_city_wide(user):
            district.empty_label = _("The whole city")  # type: ignore[attr-defined]
            district.help_text = _("Empty: the material is for the whole city.")
        else:
            district.required = True


class DeclareForm(forms.Form):
    """Which versions are needed: the usual set, and/or languages × formats chosen freely."""

    usual = forms.BooleanField(
        label=_("The usual set: Finnish, Swedish and English web text, and plain Finnish"),
        required=False,
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    other_language = forms.CharField(
        label=_("Or another language code"),
        required=False,
        max_length=20,
        help_text=_("Two or three letters, e.g. ti, ps, yi."),
    )
    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=Format.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(str(_("Choose a language")))  # type: ignore[attr-defined]

    def clean_other_language(self) -> str:
        code = self.cleaned_data["other_language"].strip().lower()
        if code and not LANGUAGE_CODE.match(code):
            raise forms.ValidationError(_("Give a language code of two or three letters."))
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        language = cleaned.get("other_language") or cleaned.get("language")
        formats = cleaned.get("formats") or []
        if not cleaned.get("usual") and not language and not formats and not self.errors:
            raise forms.ValidationError(_("Tick the usual set or choose a language and formats."))
        if language and not formats:
            self.add_error("formats", _("Choose at least one format."))
        if formats and not language:
            self.add_error("language", _("Choose the language."))
        cleaned["chosen_language"] = language
        return cleaned

    def needs(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        chosen = [(data["chosen_language"], f) for f in data["formats"]]
        return [*(USUAL_SET if data["usual"] else ()), *chosen]


class VariantForm(forms.ModelForm):
    file = forms.FileField(label=_("File"), required=False)
    remove_file = forms.BooleanField(label=_("Remove the file"), required=False)

    class Meta:
        model = Variant
        fields = ["status", "text", "reviewed_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12}), "reviewed_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mb = max_bytes() // (1024 * 1024)
        self.fields["file"].help_text = _(
            "Accepted for this format: %(types)s, at most %(mb)d MB."
        ) % {"types": accepted_types(self.instance.format), "mb": mb}
        self.fields["text"].help_text = _("The text itself, or a file below (or both).")
        if not self.instance.file:
            del self.fields["remove_file"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=VariantStatus.choices)
