"""The inclusion API (/api/v1/inclusion/…): the figures of the pages, under the same
permissions and the same small-cell protection (a hidden count is null with a marker)."""

from typing import Any, Literal, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from luotsi.accounts.models import User
from luotsi.api.errors import responses
from luotsi.insights import exports, figures, gaps, permissions
from luotsi.insights.figures import CITY, AreaKey
from luotsi.insights.suppression import Cell

router = Router(tags=["inclusion"])


def _user(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not permissions.can_view_insights(user):
        raise PermissionDenied
    return user


class CountOut(Schema):
    count: int | None = Field(description="null when hidden to protect privacy")
    suppressed: Literal["<5", "hidden"] | None = Field(
        description='"<5": 1–4 people; "hidden": hidden so a small count cannot be worked out'
    )


def _count(cell: Cell) -> dict[str, Any]:
    return {"count": cell.public_value, "suppressed": cell.marker}


class GroupOut(Schema):
    dimension: str
    group: str
    label: str
    participants: CountOut
    known: CountOut = Field(description="participants whose group in this dimension is known")
    participant_share: float | None
    population_share: float | None
    ratio: float | None = Field(description="participant share ÷ population share")
    ratio_low: float | None = Field(description="95 % Wilson interval, lower end")
    ratio_high: float | None
    small_sample: bool | None = Field(description="fewer than 30 participants of known group")


class RepresentationOut(Schema):
    level: str
    code: str | None
    name: str
    refreshed_at: str | None
    since: str
    participations: CountOut
    per_1000_residents: float | None
    population: int | None
    population_year: int | None
    groups: list[GroupOut]


class GapOut(Schema):
    rank: int
    code: str
    name: str
    major_district: str
    participations: CountOut
    per_1000_residents: float | None
    value: float | None = Field(description="the indicator; null when hidden or not known")
    events_recent: int
    campaigns_recent: int
    interactions_recent: int


def _representation(
    data: figures.Figures, area: AreaKey, level: str, code: str | None, name: str
) -> dict[str, Any]:
    stats = data.population.get(area)
    groups = []
    for record in exports.representation_records(data, area):
        groups.append(
            {
                **record,
                "participants": _count(record["participants"]),
                "known": _count(record["known"]),
            }
        )
    return {
        "level": level,
        "code": code,
        "name": name,
        "refreshed_at": data.refreshed_at.isoformat() if data.refreshed_at else None,
        "since": data.start.isoformat(),
        "participations": _count(data.cell(area)),
        "per_1000_residents": data.per_1000(area),
        "population": stats.population if stats else None,
        "population_year": stats.year if stats else None,
        "groups": groups,
    }


@router.get(
    "/inclusion/representation",
    response=responses(RepresentationOut, 401, 403, 404, 422),
    summary="Participants' composition against the population's, for the city or a district",
)
def representation(request: HttpRequest, district: str | None = None) -> dict[str, Any]:
    user = _user(request)
    data = figures.current()
    if not district:
        return _representation(data, CITY, "city", None, _("City"))
    area = permissions.access_district(user, district)
    return _representation(data, ("district", area.pk), "district", area.code, area.name)


@router.get(
    "/inclusion/gaps",
    response=responses(list[GapOut], 401, 403, 422),
    summary="Districts ranked by an indicator, lowest first, with recent activity",
)
def gaps_ranked(request: HttpRequest, indicator: str = gaps.PER_1000) -> list[dict[str, Any]]:
    user = _user(request)
    if indicator not in gaps.INDICATORS:
        raise ValidationError(
            {
                "indicator": _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(gaps.INDICATORS)}
            }
        )
    data = figures.current()
    districts = list(
        permissions.districts_visible_to(user).defer("geometry", "geometry_simplified")
    )
    ranked, _subs = gaps.gaps_list(
        figures=data, user=user, districts=districts, indicator=indicator
    )
    return [
        {
            "rank": rank,
            "code": row.area.code,
            "name": row.area.name,
            "major_district": row.major.code,
            "participations": _count(row.total),
            "per_1000_residents": row.per_1000,
            "value": row.value,
            "events_recent": row.activity.events,
            "campaigns_recent": row.activity.campaigns or 0,
            "interactions_recent": row.activity.interactions,
        }
        for rank, row in enumerate(ranked, start=1)
    ]
