"""Who sees which inclusion figures. Views and the API both ask here.

- the coordinator, business officers (city-wide work) and superusers see every district;
- a district officer sees the districts of the major districts their current assignments
  cover, in detail, and the city totals; other districts are 404 and absent from lists;
- officials and residents may not use these pages (403); anonymous visitors sign in.
The figures are aggregates with small cells hidden, but the detail a district officer does
not work with is still left out: the same rule as everywhere else in Luotsi.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.areas.models import District, MajorDistrict

INSIGHT_ROLES = frozenset({Role.COORDINATOR, Role.DISTRICT_OFFICER, Role.BUSINESS_OFFICER})


def can_view_insights(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role in INSIGHT_ROLES)
    )


def sees_all_districts(user: User) -> bool:
    return user.is_superuser or user.role in (Role.COORDINATOR, Role.BUSINESS_OFFICER)


def major_districts_visible_to(user: User) -> QuerySet[MajorDistrict]:
    majors = MajorDistrict.objects.all()
    if not can_view_insights(user):
        return majors.none()
    if sees_all_districts(user):
        return majors
    assigned = OfficerAssignment.objects.current().filter(officer=user).values("major_districts")
    return majors.filter(pk__in=assigned)


def districts_visible_to(user: User) -> QuerySet[District]:
    return District.objects.filter(major_district__in=major_districts_visible_to(user))


def access_district(user: User, code: str) -> District:
    """The district with this code if the user may see its figures, else Http404."""
    district = (
        districts_visible_to(user)
        .select_related("major_district")
        .defer("geometry", "geometry_simplified")
        .filter(code=code)
        .first()
    )
    if district is None:
        raise Http404
    return district
