"""The calculator's inputs (a GET form: the URL can be shared): which areas, and either a
level preset, one's own number of residents per officer, or a given number of officers."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from luotsi.areas.models import District, MajorDistrict

LEVEL_MAJOR = "major"
LEVEL_NEIGHBOURHOOD = "neighbourhood"
LEVEL_CUSTOM = "custom"
LEVEL_OFFICERS = "officers"


class CalculatorForm(forms.Form):
    majors = forms.MultipleChoiceField(
        label=_("Major districts"), required=False, widget=forms.CheckboxSelectMultiple
    )
    districts = forms.MultipleChoiceField(
        label=_("Districts"), required=False, widget=forms.CheckboxSelectMultiple
    )
    level = forms.ChoiceField(
        label=_("Area each officer serves"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            # The figures are MAJOR_DISTRICT_RESIDENTS and NEIGHBOURHOOD_RESIDENTS (calculator).
            (
                LEVEL_MAJOR,
                _("Major-district level: 120,000 residents per officer (Helsinki's model)"),
            ),
            (
                LEVEL_NEIGHBOURHOOD,
                _("Neighbourhood level: 17,500 residents per officer (districts of 15,000–20,000)"),
            ),
            (LEVEL_CUSTOM, _("My own number of residents per officer")),
            (LEVEL_OFFICERS, _("A given number of officers")),
        ],
    )
    residents_per_officer = forms.IntegerField(
        label=_("Residents per officer"),
        required=False,
        min_value=1_000,
        max_value=10_000_000,
        help_text=_("With “my own number of residents per officer”."),
    )
    officers = forms.IntegerField(
        label=_("Number of officers"),
        required=False,
        min_value=1,
        max_value=10_000,
        help_text=_("With “a given number of officers”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        majors = list(
            MajorDistrict.objects.defer("geometry", "geometry_simplified").order_by("number")
        )
        districts = list(
            District.objects.defer("geometry", "geometry_simplified").order_by(
                "major_district__number", "code"
            )
        )
        self.major_objects = {m.code: m for m in majors}
        self.district_objects = {d.code: d for d in districts}
        majors_field = cast(forms.MultipleChoiceField, self.fields["majors"])
        districts_field = cast(forms.MultipleChoiceField, self.fields["districts"])
        majors_field.choices = [(m.code, m.name) for m in majors]
        districts_field.choices = [(d.code, f"{d.code} {d.name}") for d in districts]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        level = cleaned.get("level") or LEVEL_MAJOR
        cleaned["level"] = level
        if (
            level == LEVEL_CUSTOM
            and cleaned.get("residents_per_officer") is None
            and not self.has_error("residents_per_officer")
        ):
            self.add_error("residents_per_officer", _("Give the number of residents per officer."))
        if (
            level == LEVEL_OFFICERS
            and cleaned.get("officers") is None
            and not self.has_error("officers")
        ):
            self.add_error("officers", _("Give the number of officers."))
        return cleaned

    def selected_district_pks(self) -> list[int]:
        """The districts of the selection: the ticked districts and every district of the
        ticked major districts; nothing ticked is the whole city. Call after is_valid()."""
        data = self.cleaned_data if self.is_valid() else {}
        majors = {self.major_objects[code].pk for code in data.get("majors") or []}
        ticked = set(data.get("districts") or [])
        chosen = [
            d.pk
            for code, d in self.district_objects.items()
            if code in ticked or d.major_district_id in majors
        ]
        return chosen or [d.pk for d in self.district_objects.values()]

    def district_groups(self) -> list[tuple[MajorDistrict, list[Any]]]:
        """The district checkboxes grouped under their major district (one fieldset each)."""
        by_code = {str(sub.data["value"]): sub for sub in self["districts"]}
        groups: dict[int, list[Any]] = {}
        for code, district in self.district_objects.items():
            groups.setdefault(district.major_district_id, []).append(by_code[code])
        return [
            (major, groups.get(major.pk, []))
            for major in self.major_objects.values()
            if groups.get(major.pk)
        ]
