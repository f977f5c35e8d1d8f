"""The network API (/api/v1/network/…), under exactly the permissions of the pages."""

import datetime
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from luotsi.accounts.models import User
from luotsi.api.errors import responses
from luotsi.api.pagination import LimitOffset
from luotsi.network import permissions, services
from luotsi.network.models import Channel, Contact, Organisation

router = Router(tags=["network"])
# The error answers: not signed in, not a network user, bad paging; and for one record, not
# one the caller may see.
LISTING = (401, 403, 422)
READING = (401, 403, 404, 422)


def _user(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not permissions.can_use_network(user) and not user.is_superuser:
        raise PermissionDenied
    return user


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    district: str | None = Field(None, alias="district.code")
    street_address: str
    email: str
    phone: str
    website: str
    languages: str
    is_active: bool
    visibility: str
    business_id: str
    trade_names: list[str] = Field(description="the trade names, one per item")
    sector: str = Field(description="a TOL 2008 industry code or a description")
    preferred_language: str = Field(description="fi, sv, en, other or empty")

    @staticmethod
    def resolve_trade_names(obj: Organisation) -> list[str]:
        return obj.trade_name_list


class ContactOut(Schema):
    id: int
    full_name: str
    title: str
    email: str
    phone: str
    preferred_language: str
    spoken_languages: str
    district: str | None = Field(None, alias="district.code")
    visibility: str


class InteractionOut(Schema):
    id: int
    occurred_on: datetime.date
    channel: str
    summary: str
    district: str = Field(alias="district.code")
    contacts: list[int]
    organisations: list[int]

    @staticmethod
    def resolve_contacts(obj: object) -> list[int]:
        return [c.pk for c in obj.contacts.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_organisations(obj: object) -> list[int]:
        return [o.pk for o in obj.organisations.all()]  # type: ignore[attr-defined]


class InteractionIn(Schema):
    occurred_on: datetime.date = Field(examples=["2026-05-04"])
    channel: Channel
    summary: str = Field(
        min_length=1, max_length=5000, examples=["Met the residents' association board"]
    )
    district: str = Field(description="district code, e.g. 101", examples=["101"])
    contacts: list[int] = []
    organisations: list[int] = []
    commitment: str = Field("", max_length=300)
    commitment_due_on: datetime.date | None = None


class CommitmentOut(Schema):
    id: int
    description: str
    due_on: datetime.date
    status: str
    owner: str = Field(alias="owner.email")
    district: str = Field(alias="district.code")


@router.get("/network/organisations", response=responses(list[OrganisationOut], *LISTING))
@paginate(LimitOffset)
def organisations_list(request: HttpRequest):  # type: ignore[no-untyped-def]
    return permissions.organisations_visible_to(_user(request)).select_related("district")


@router.get("/network/organisations/{pk}", response=responses(OrganisationOut, *READING))
def organisation_read(request: HttpRequest, pk: int) -> Organisation:
    return permissions.access_organisation(_user(request), pk)


@router.get("/network/contacts", response=responses(list[ContactOut], *LISTING))
@paginate(LimitOffset)
def contacts_list(request: HttpRequest):  # type: ignore[no-untyped-def]
    return permissions.contacts_visible_to(_user(request)).select_related("district")


@router.get("/network/contacts/{pk}", response=responses(ContactOut, *READING))
def contact_read(request: HttpRequest, pk: int) -> Contact:
    user = _user(request)
    contact = permissions.access_contact(user, pk)
    services.contact_view_audit(contact=contact, by=user)
    return contact


@router.get("/network/interactions", response=responses(list[InteractionOut], *LISTING))
@paginate(LimitOffset)
def interactions_list(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        permissions.interactions_visible_to(_user(request))
        .select_related("district")
        .prefetch_related("contacts", "organisations")
    )


@router.post(
    "/network/interactions",
    response=responses(InteractionOut, 400, 401, 403, 404, 422, status=201),
)
def interaction_create(request: HttpRequest, payload: InteractionIn):  # type: ignore[no-untyped-def]
    user = _user(request)
    district = permissions.districts_for_recording(user).filter(code=payload.district).first()
    if district is None:
        raise ValidationError({"district": _("Unknown district, or not one you work in.")})
    contacts = list(permissions.contacts_visible_to(user).filter(pk__in=payload.contacts))
    organisations = list(
        permissions.organisations_visible_to(user).filter(pk__in=payload.organisations)
    )
    if len(contacts) != len(set(payload.contacts)):
        raise Http404
    if len(organisations) != len(set(payload.organisations)):
        raise Http404
    interaction = services.interaction_log(
        by=user,
        occurred_on=payload.occurred_on,
        channel=payload.channel,
        summary=payload.summary,
        district=district,
        contacts=contacts,
        organisations=organisations,
        commitment=payload.commitment,
        commitment_due_on=payload.commitment_due_on,
    )
    return Status(201, interaction)


@router.get("/network/commitments", response=responses(list[CommitmentOut], *LISTING))
@paginate(LimitOffset)
def commitments_list(request: HttpRequest, status: str = "open"):  # type: ignore[no-untyped-def]
    return (
        permissions.commitments_visible_to(_user(request))
        .filter(status=status)
        .select_related("owner", "district")
    )
