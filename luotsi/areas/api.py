"""Public territory API: the area tree, one area with its statistics, boundaries as GeoJSON,
and locating a point or an address with the officer who serves it."""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from luotsi.accounts.models import User
from luotsi.accounts.selectors import officers_serving
from luotsi.api.errors import ApiNotFound, ErrorOut, NotFoundOut, responses
from luotsi.areas import selectors
from luotsi.areas.finding import Finding, NotFound, find_by_address, find_by_point
from luotsi.areas.locate import default_city
from luotsi.areas.models import Area, AreaLevel, District, MajorDistrict, SubDistrict

router = Router(auth=None, tags=["areas"])


class AreaRef(Schema):
    code: str
    name: str
    level: AreaLevel


class OfficerCard(Schema):
    name: str
    email: str
    phone: str
    languages: list[str]


class AddressOut(Schema):
    label: str
    lat: float
    lon: float


class LocateOut(Schema):
    sub_district: AreaRef | None
    district: AreaRef
    major_district: AreaRef
    officer: OfficerCard | None
    officers: list[OfficerCard]
    address: AddressOut | None = None
    address_corrected: bool = False


class LocateQuery(Schema):
    lat: float | None = Field(None, ge=-90, le=90, description="latitude (WGS84)")
    lon: float | None = Field(None, ge=-180, le=180, description="longitude (WGS84)")
    address: str | None = Field(None, max_length=200, description="street and number")


class TreeDistrict(AreaRef):
    sub_districts: list[AreaRef]


class TreeMajor(AreaRef):
    districts: list[TreeDistrict]


class StatisticsOut(Schema):
    year: int
    population: int
    shares: dict[str, float | None]
    counts: dict[str, int]
    years_available: list[int]


class AreaOut(AreaRef):
    names: dict[str, str | None]
    parent: AreaRef | None
    children: list[AreaRef]
    statistics: StatisticsOut | None
    officers: list[OfficerCard]


def ref(area: Area) -> AreaRef:
    return AreaRef(code=area.code, name=area.name, level=area.level)


def officer_card(user: User) -> OfficerCard:
    return OfficerCard(
        name=user.full_name or user.email,
        email=user.email,
        phone=user.phone,
        languages=user.spoken_language_codes,
    )


def _locate_out(finding: Finding, request: HttpRequest) -> LocateOut:
    location = finding.location
    cards = [officer_card(o) for o in finding.officers]
    language = getattr(request, "LANGUAGE_CODE", "fi")
    return LocateOut(
        sub_district=ref(location.sub_district) if location.sub_district else None,
        district=ref(location.district),
        major_district=ref(location.major_district),
        officer=cards[0] if cards else None,
        officers=cards,
        address=(
            AddressOut(label=finding.address.label(language), lat=finding.lat, lon=finding.lon)
            if finding.address
            else None
        ),
        address_corrected=finding.corrected,
    )


@router.get(
    "/areas/", response=responses(list[TreeMajor], 422), summary="The city's areas as a tree"
)
def areas_tree(request: HttpRequest) -> list[TreeMajor]:
    city = default_city()
    subs: dict[int, list[AreaRef]] = {}
    for sub in SubDistrict.objects.filter(city=city).order_by("code"):
        subs.setdefault(sub.district_id, []).append(ref(sub))
    return [
        TreeMajor(
            **ref(major).dict(),
            districts=[
                TreeDistrict(**ref(d).dict(), sub_districts=subs.get(d.pk, []))
                for d in major.districts.all()
            ],
        )
        for major in selectors.major_districts_list(city)
    ]


@router.get(
    "/areas/locate",
    response={200: LocateOut, 404: NotFoundOut, 422: ErrorOut},
    summary="The areas and the liaison officer for a point (lat, lon) or an address",
)
def areas_locate(request: HttpRequest, query: Query[LocateQuery]) -> LocateOut:
    has_point = query.lat is not None and query.lon is not None
    if has_point == bool(query.address):
        raise HttpError(422, _("Give either lat and lon, or address."))
    try:
        if query.address:
            finding = find_by_address(query.address)
        else:
            finding = find_by_point(float(query.lat or 0), float(query.lon or 0))
    except NotFound as exc:
        language = getattr(request, "LANGUAGE_CODE", "fi")
        raise ApiNotFound(str(exc), candidates=[c.label(language) for c in exc.candidates]) from exc
    return _locate_out(finding, request)


@router.get(
    "/areas/geojson",
    response=responses(dict[str, Any], 422),
    summary="Simplified boundaries of one level, for maps",
)
def areas_geojson(request: HttpRequest, level: AreaLevel = AreaLevel.DISTRICT) -> dict[str, Any]:
    city = default_city()
    areas: list[Area]
    if level == AreaLevel.MAJOR_DISTRICT:
        areas = list(MajorDistrict.objects.filter(city=city).defer("geometry").order_by("number"))
    elif level == AreaLevel.SUB_DISTRICT:
        areas = list(SubDistrict.objects.filter(city=city).defer("geometry").order_by("code"))
    else:
        areas = list(District.objects.filter(city=city).defer("geometry").order_by("code"))
    return {"type": "FeatureCollection", "features": [a.boundary_feature() for a in areas]}


def _area_or_404(code: str) -> Area:
    # No code has a NUL in it, and PostgreSQL refuses to even look for one (a 500).
    area = None if "\x00" in code else selectors.area_by_code(default_city(), code)
    if area is None:
        raise Http404(_("No area with this code."))
    return area


@router.get(
    "/areas/{code}/geojson",
    response=responses(dict[str, Any], 404, 422),
    summary="One area's simplified boundary",
)
def area_geojson(request: HttpRequest, code: str) -> dict[str, Any]:
    return _area_or_404(code).boundary_feature()


@router.get(
    "/areas/{code}",
    response=responses(AreaOut, 404, 422),
    summary="One area with its population figures",
)
def area_detail(request: HttpRequest, code: str, year: int | None = None) -> AreaOut:
    area = _area_or_404(code)
    parent: Area | None = None
    children: list[Area] = []
    major: MajorDistrict | None = None
    if isinstance(area, MajorDistrict):
        children, major = list(area.districts.order_by("code")), area
    elif isinstance(area, District):
        parent, major = area.major_district, area.major_district
        children = list(selectors.sub_districts_of(area))
    elif isinstance(area, SubDistrict):
        parent, major = area.district, area.district.major_district
    stats = selectors.area_statistics(area, year)
    return AreaOut(
        **ref(area).dict(),
        names={lang: getattr(area, f"name_{lang}") for lang in ("fi", "sv", "en")},
        parent=ref(parent) if parent else None,
        children=[ref(c) for c in children],
        statistics=(
            StatisticsOut(
                year=stats.year,
                population=stats.population,
                shares={f: stats.share(f) for f in stats.counts},
                counts=stats.counts,
                years_available=selectors.statistics_years(area),
            )
            if stats
            else None
        ),
        officers=[officer_card(o) for o in officers_serving(major)] if major else [],
    )
