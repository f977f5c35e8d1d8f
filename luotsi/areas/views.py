"""Public pages: find your liaison officer, and one page per major district and district."""

from typing import cast

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from luotsi.accounts.selectors import officers_serving
from luotsi.areas import selectors
from luotsi.areas.finding import (
    Finding,
    NotFound,
    find_by_address,
    find_by_point,
    street_suggestions,
)
from luotsi.areas.locate import default_city
from luotsi.areas.models import District, MajorDistrict, SubDistrict
from luotsi.web.maps import map_settings


class FindForm(forms.Form):
    address = forms.CharField(
        label=_("Street address"),
        max_length=200,
        required=False,
        help_text=_("For example Mannerheimintie 5 or Mannerheimvägen 5."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "street-address",
                # With JavaScript, street names are suggested while typing (htmx).
                "hx-get": reverse_lazy("areas:suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#address-suggestions",
                "aria-describedby": "id_address_helptext address-suggestions",
            }
        ),
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    # The address a candidate link stands for; shown as the result's title only.
    label = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


@require_safe
def find_officer(request: HttpRequest) -> HttpResponse:
    form = FindForm(request.GET or None)
    finding: Finding | None = None
    problem: NotFound | None = None
    status = 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            if data["address"]:
                finding = find_by_address(data["address"])
            elif data["lat"] is not None and data["lon"] is not None:
                finding = find_by_point(data["lat"], data["lon"])
        except NotFound as exc:
            problem, status = exc, 404
    elif form.is_bound:
        status = 400
    city = default_city()
    return render(
        request,
        "areas/find.html",
        {
            "form": form,
            "finding": finding,
            "problem": problem,
            "label": form.cleaned_data.get("label", "")
            if form.is_bound and form.is_valid()
            else "",
            "city": city,
            "major_districts": selectors.major_districts_list(city),
            "map": map_settings(),
        },
        status=status,
    )


@require_safe
def suggest(request: HttpRequest) -> HttpResponse:
    """Street-name suggestions for the address field (htmx fills them in as one types)."""
    prefix = request.GET.get("address", "")[:200].strip()
    streets = street_suggestions(prefix) if len(prefix) >= 3 else []
    return render(request, "areas/_suggestions.html", {"streets": streets})


@require_safe
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    city = default_city()
    area = selectors.area_by_code(city, code)
    if area is None or isinstance(area, SubDistrict):
        raise Http404
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    children: list[District] | list[SubDistrict]
    if isinstance(area, MajorDistrict):
        major, children = area, list(area.districts.order_by("code"))
    else:
        district = cast(District, area)
        major, children = district.major_district, list(selectors.sub_districts_of(district))
    return render(
        request,
        "areas/area_detail.html",
        {
            "area": area,
            "is_major": isinstance(area, MajorDistrict),
            "major": major,
            "children": children,
            "officers": officers_serving(major),
            "stats": selectors.area_statistics(area, year),
            "years": selectors.statistics_years(area),
            "history": selectors.population_history(area),
            "map": map_settings(),
        },
    )
