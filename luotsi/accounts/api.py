from typing import cast

from django.http import HttpRequest
from ninja import Field, Router, Schema

from luotsi.accounts import selectors, services
from luotsi.accounts.models import Role, User
from luotsi.api.errors import responses

router = Router()


class AssignmentOut(Schema):
    kind: str
    starts_on: str
    ends_on: str | None
    major_districts: list[str]


class MeOut(Schema):
    email: str
    full_name: str
    role: Role
    preferred_language: str
    assignments: list[AssignmentOut]


class MeUpdateIn(Schema):
    """Fields left out keep their current value."""

    full_name: str | None = Field(None, max_length=150)
    preferred_language: str | None = Field(None, pattern="^(fi|sv|en)$")


def _me(user: User) -> MeOut:
    return MeOut(
        email=user.email,
        full_name=user.full_name,
        role=Role(user.role),
        preferred_language=user.preferred_language,
        assignments=[
            AssignmentOut(
                kind=assignment.kind,
                starts_on=assignment.starts_on.isoformat(),
                ends_on=assignment.ends_on.isoformat() if assignment.ends_on else None,
                major_districts=[d.name for d in assignment.major_districts.all()],
            )
            for assignment in selectors.assignments_of(user)
        ],
    )


def _user(request: HttpRequest) -> User:
    # The API's auth (token or session) lets only signed-in users reach these operations.
    return cast(User, request.user)


@router.get(
    "/me",
    response=responses(MeOut, 401, 422),
    summary="The signed-in person, their role and assignments",
)
def me_read(request: HttpRequest) -> MeOut:
    return _me(_user(request))


@router.patch(
    "/me",
    response=responses(MeOut, 400, 401, 403, 422),
    summary="Update one's own name and language",
)
def me_update(request: HttpRequest, payload: MeUpdateIn) -> MeOut:
    user = _user(request)
    user = services.profile_update(
        user=user,
        full_name=user.full_name if payload.full_name is None else payload.full_name,
        preferred_language=payload.preferred_language or user.preferred_language,
    )
    return _me(user)
