"""Campaigns for tests: by default a business campaign on Bulevardi run by the business
officer, feedback open for two weeks. Targets are made directly (the area resolution is
tested on its own)."""

import datetime
import secrets
from typing import Any

from django.utils import timezone

from luotsi.campaigns.models import (
    AreaKind,
    Campaign,
    CampaignStatus,
    Question,
    QuestionKind,
    Response,
    Target,
)
from luotsi.network.models import Organisation, OrganisationKind
from luotsi.testing.personas import Personas


def campaign(p: Personas, **fields: Any) -> Campaign:
    values: dict[str, Any] = {
        "title": "Bulevardin peruskorjaus",
        "title_fi": "Bulevardin peruskorjaus",
        "title_sv": "Renoveringen av Bulevarden",
        "title_en": "Bulevardi renovation",
        "area_kind": AreaKind.STREET,
        "street": "Bulevardi",
        "target_kinds": OrganisationKind.BUSINESS,
        "feedback_deadline": timezone.now() + datetime.timedelta(days=14),
        "status": CampaignStatus.ACTIVE,
        "created_by": p.business_officer,
    }
    values.update(fields)
    made = Campaign.objects.create(**values)
    made.officers.set([values["created_by"]])
    return made


def business(p: Personas, name: str, address: str = "Bulevardi 5", **fields: Any) -> Organisation:
    from luotsi.areas.finding import find_by_address

    found = find_by_address(address)
    organisation = Organisation(
        name=name,
        name_fi=name,
        kind=OrganisationKind.BUSINESS,
        street_address=address,
        created_by=p.business_officer,
        visibility="shared",
        **fields,
    )
    organisation.place(lat=found.lat, lon=found.lon)
    organisation.save()
    return organisation


def target(campaign: Campaign, organisation: Organisation, **fields: Any) -> Target:
    values: dict[str, Any] = {"token": secrets.token_urlsafe(32)}
    values.update(fields)
    return Target.objects.create(campaign=campaign, organisation=organisation, **values)


def question(
    campaign: Campaign,
    text: str = "Miten toimitukset kulkevat?",
    kind: str = QuestionKind.TEXT,
    *,
    options: tuple[tuple[str, str, str, str], ...] = (),
    required: bool = False,
    text_sv: str = "",
    text_en: str = "",
    order: int = 0,
) -> Question:
    """A question made directly; `options` as (key, Finnish, Swedish, English) tuples."""
    return Question.objects.create(
        campaign=campaign,
        order=order,
        text=text,
        text_fi=text,
        text_sv=text_sv or None,
        text_en=text_en or None,
        kind=kind,
        choices=[
            {"key": key, "name": {"fi": fi, "sv": sv, "en": en}} for key, fi, sv, en in options
        ],
        required=required,
    )


def response(target: Target, answers: dict[str, Any], language: str = "fi") -> Response:
    """A response made directly (the target's status is left as it is)."""
    return Response.objects.create(target=target, answers=answers, language=language)


def unsaved(**fields: Any) -> Campaign:
    """A campaign not yet saved, for campaign_save (which gathers its targets): by default
    a business campaign on Bulevardi with feedback open for two weeks."""
    values: dict[str, Any] = {
        "title": "Bulevardin peruskorjaus",
        "title_fi": "Bulevardin peruskorjaus",
        "area_kind": AreaKind.STREET,
        "street": "Bulevardi",
        "target_kinds": OrganisationKind.BUSINESS,
        "feedback_deadline": timezone.now() + datetime.timedelta(days=14),
    }
    values.update(fields)
    return Campaign(**values)


def square_around(lat: float, lon: float, metres: float = 30.0) -> dict[str, Any]:
    """A GeoJSON polygon: a square of about 2 × `metres` around the point."""
    import math

    dlat = metres / 111_320.0
    dlon = dlat / math.cos(math.radians(lat))
    ring = [
        [lon - dlon, lat - dlat],
        [lon + dlon, lat - dlat],
        [lon + dlon, lat + dlat],
        [lon - dlon, lat + dlat],
        [lon - dlon, lat - dlat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def organisation_at(
    p: Personas, name: str, address: str, kind: str = OrganisationKind.BUSINESS, **fields: Any
) -> Organisation:
    """Like `business`, for any kind of organisation."""
    from luotsi.areas.finding import find_by_address

    found = find_by_address(address)
    values: dict[str, Any] = {"created_by": p.business_officer, "visibility": "shared"}
    values.update(fields)
    organisation = Organisation(
        name=name, name_fi=name, kind=kind, street_address=address, **values
    )
    organisation.place(lat=found.lat, lon=found.lon)
    organisation.save()
    return organisation
