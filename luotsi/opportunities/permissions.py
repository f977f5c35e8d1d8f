"""Who manages which ways to take part.

- Everyone reads the published ones (the take-part pages and feeds).
- The coordinator manages all of them; business officers (city-wide) too.
- A district officer sees their districts' ones and the city-wide ones, and edits their
  districts' ones (and those they created); others' are 404, not 403.
- Only the coordinator and business officers may mark one as city-wide.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from luotsi.accounts.models import Role, User
from luotsi.network.permissions import can_use_network, officer_districts, sees_everything
from luotsi.opportunities.models import Opportunity


def can_manage(user: User | AnonymousUser) -> bool:
    return can_use_network(user) or bool(user.is_authenticated and user.is_superuser)


def may_choose_city_wide(user: User) -> bool:
    return sees_everything(user) or user.role == Role.BUSINESS_OFFICER


def _own_areas(user: User) -> Q:
    districts = officer_districts(user)
    return (
        Q(districts__in=districts)
        | Q(major_districts__in=districts.values("major_district"))
        | Q(created_by=user)
    )


def opportunities_listed_for(user: User | AnonymousUser) -> QuerySet[Opportunity]:
    """The management list: their districts' and the city-wide ones; everything for the
    coordinator and business officers."""
    rows = Opportunity.objects.all()
    if not isinstance(user, User) or not can_manage(user):
        return rows.none()
    if may_choose_city_wide(user):
        return rows
    return rows.filter(pk__in=Opportunity.objects.filter(Q(city_wide=True) | _own_areas(user)))


def opportunities_editable_by(user: User | AnonymousUser) -> QuerySet[Opportunity]:
    rows = Opportunity.objects.all()
    if not isinstance(user, User) or not can_manage(user):
        return rows.none()
    if may_choose_city_wide(user):
        return rows
    return rows.filter(pk__in=Opportunity.objects.filter(_own_areas(user)))


def access_editable_opportunity(user: User | AnonymousUser, pk: int) -> Opportunity:
    try:
        return opportunities_editable_by(user).get(pk=pk)
    except (Opportunity.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
