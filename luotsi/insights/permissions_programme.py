"""Who sees which parts of the programme pages (/programme/: dashboard, costs, work plans,
annual report, design calculator). Views and any API ask here.

- the coordinator and superusers see the whole programme: every officer, every major district,
  and edit the costs;
- a district officer sees the major districts their current assignments cover, their own row
  and work plan, and the team's totals; other major districts are 404 and absent from lists;
- a business officer (city-wide work) sees their own row and work plan and the team's totals;
- officials and residents may not use these pages (403); anonymous visitors sign in.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.areas.models import MajorDistrict
from luotsi.insights.permissions import INSIGHT_ROLES

OFFICER_ROLES = frozenset({Role.DISTRICT_OFFICER, Role.BUSINESS_OFFICER})


def can_view_programme(user: User | AnonymousUser) -> bool:
    return (
        isinstance(user, User)
        and user.is_active
        and (user.is_superuser or user.role in INSIGHT_ROLES)
    )


def sees_whole_programme(user: User | AnonymousUser) -> bool:
    return (
        isinstance(user, User)
        and can_view_programme(user)
        and (user.is_superuser or user.role == Role.COORDINATOR)
    )


def can_edit_costs(user: User | AnonymousUser) -> bool:
    return sees_whole_programme(user)


def major_districts_visible_to(user: User | AnonymousUser) -> QuerySet[MajorDistrict]:
    majors = MajorDistrict.objects.defer("geometry", "geometry_simplified")
    if not isinstance(user, User) or not can_view_programme(user):
        return majors.none()
    if sees_whole_programme(user):
        return majors.all()
    assigned = OfficerAssignment.objects.current().filter(officer=user).values("major_districts")
    return majors.filter(pk__in=assigned)


def access_major_district(user: User | AnonymousUser, code: str) -> MajorDistrict:
    """The major district with this code if the user may see its programme figures, else
    Http404 (also for an unknown code)."""
    major = major_districts_visible_to(user).filter(code=code).first()
    if major is None:
        raise Http404
    return major


def officers_visible_to(user: User | AnonymousUser) -> QuerySet[User]:
    """The officers whose own figures and work plans the user may see: everyone who is or has
    been a liaison officer (a role or an assignment) for the coordinator, oneself for an
    officer."""
    if not isinstance(user, User) or not can_view_programme(user):
        return User.objects.none()
    if sees_whole_programme(user):
        return User.objects.filter(
            Q(role__in=OFFICER_ROLES) | Q(assignments__isnull=False)
        ).distinct()
    return User.objects.filter(pk=user.pk)


def access_officer(user: User | AnonymousUser, pk: int) -> User:
    officer = officers_visible_to(user).filter(pk=pk).first()
    if officer is None:
        raise Http404
    return officer
