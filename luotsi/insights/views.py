"""Inclusion pages: overview, a district's detail, outreach gaps (ranked table + map), the
representation table as CSV, and the staff's "refresh now". HTTP only: the figures come
from figures.compute (suppressed once for the whole city) cut down by permissions."""

import csv
from typing import cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.insights import exports, figures, gaps, permissions, services
from luotsi.insights.models import PENDING_CHANNELS, Dimension, ParticipationChannel
from luotsi.web.decorators import signed_in_as
from luotsi.web.maps import map_settings

staff_view = signed_in_as(permissions.can_view_insights)


class GapsForm(forms.Form):
    indicator = forms.ChoiceField(
        label=gettext_lazy("Indicator"),
        choices=list(gaps.INDICATORS.items()),
        required=False,
    )

    def indicator_or_default(self) -> str:
        return self.cleaned_data.get("indicator") or gaps.PER_1000


def _common(data: figures.Figures) -> dict[str, object]:
    return {
        "figures": data,
        "pending_channels": ", ".join(str(c) for c in PENDING_CHANNELS),
        "channels": ParticipationChannel.choices,
        "threshold": 5,
    }


def _districts(user: User) -> list[District]:
    return list(
        permissions.districts_visible_to(user)
        .defer("geometry", "geometry_simplified")
        .order_by("code")
    )


@staff_view
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    data = figures.current()
    visible = set(permissions.major_districts_visible_to(user).values_list("pk", flat=True))
    majors = [m for m in data.majors if m.pk in visible]
    city = figures.CITY
    return render(
        request,
        "insights/overview.html",
        {
            **_common(data),
            "city_total": data.cell(city),
            "city_rate": data.per_1000(city),
            "language_rows": data.representation(city, Dimension.LANGUAGE),
            "age_rows": data.representation(city, Dimension.AGE),
            "majors": [
                {
                    "major": major,
                    "total": data.cell(("major", major.pk)),
                    "per_1000": data.per_1000(("major", major.pk)),
                    "districts": [
                        {
                            "district": district,
                            "total": data.cell(("district", district.pk)),
                            "per_1000": data.per_1000(("district", district.pk)),
                        }
                        for district in data.districts.get(major.pk, [])
                    ],
                }
                for major in majors
            ],
            "rates": [(m.name, data.per_1000(("major", m.pk))) for m in majors],
            "channel_cells": [
                (label, data.cell(city, ("channel", code)))
                for code, label in ParticipationChannel.choices
            ],
        },
    )


@staff_view
@require_safe
def district_detail(request: HttpRequest, code: str) -> HttpResponse:
    district = permissions.access_district(cast(User, request.user), code)
    data = figures.current()
    area: figures.AreaKey = ("district", district.pk)
    parts = [(sub.name, ("sub", sub.pk)) for sub in data.subs.get(district.pk, [])]
    parts.append((_("Not placed in a sub-district"), ("unplaced", district.pk)))
    return render(
        request,
        "insights/district.html",
        {
            **_common(data),
            "district": district,
            "total": data.cell(area),
            "per_1000": data.per_1000(area),
            "population": data.population.get(area),
            "language_rows": data.representation(area, Dimension.LANGUAGE),
            "age_rows": data.representation(area, Dimension.AGE),
            "channel_cells": [
                (label, data.cell(area, ("channel", c)))
                for c, label in ParticipationChannel.choices
            ],
            "sub_rows": [
                (
                    name,
                    data.cell(key),
                    [
                        data.cell(key, (Dimension.LANGUAGE, g))
                        for g in figures.DIMENSION_GROUPS[Dimension.LANGUAGE]
                    ],
                )
                for name, key in parts
            ],
        },
    )


@staff_view
@require_safe
def gaps_page(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = GapsForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    indicator = form.indicator_or_default() if form.is_bound and valid else gaps.PER_1000
    data = figures.current()
    ranked, subs = gaps.gaps_list(
        figures=data, user=user, districts=_districts(user), indicator=indicator
    )
    breaks, classes = gaps.map_classes(ranked, indicator)
    return render(
        request,
        "insights/gaps.html",
        {
            **_common(data),
            "form": form,
            "indicator": indicator,
            "indicator_label": gaps.INDICATORS[indicator],
            "is_rate": indicator == gaps.PER_1000,
            "ranked": ranked,
            "subs": subs,
            "legend": gaps.legend(breaks, indicator),
            "legend_colours": ",".join(gaps.MAP_COLOURS),
            "map_data": classes,
            "map": map_settings(),
            "recent_days": gaps.RECENT_DAYS,
        },
        status=200 if valid else 400,
    )


@staff_view
@require_safe
def representation_csv(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    data = figures.current()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="representation.csv"'
    writer = csv.writer(response)
    for row in exports.representation_rows(
        figures=data,
        majors=list(permissions.major_districts_visible_to(user)),
        districts=_districts(user),
    ):
        writer.writerow(row)
    return response


@staff_view
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    services.participation_refresh_request(by=cast(User, request.user))
    messages.success(
        request, _("The figures are being refreshed; reload the page in a moment to see them.")
    )
    return redirect("insights:overview")
