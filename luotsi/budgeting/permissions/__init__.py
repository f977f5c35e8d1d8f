"""Who may do what in participatory budgeting (role + major district).

- Everyone reads published cycles, published proposals, plans, results and the tracker.
- The coordinator runs cycles and sees everything.
- A district officer moderates proposals, builds plans and facilitates workspaces in the major
  districts their current assignment covers (city-wide plans: any district officer); other
  districts' unpublished records are 404 for them.
- A city official costs plans (any plan in the costing phase) and works in the workspaces
  they are a member of.
- A voter sees and changes only their own ballot (through their identification, not an
  account).
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.areas.models import MajorDistrict


def is_coordinator(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or getattr(user, "role", None) == Role.COORDINATOR)
    )


def is_district_officer(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "role", None) == Role.DISTRICT_OFFICER
    )


def is_official(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and getattr(user, "role", None) == Role.OFFICIAL
    )


def officer_major_districts(user: User | AnonymousUser) -> QuerySet[MajorDistrict]:
    """The major districts the user currently serves as a district officer (all of them for
    the coordinator)."""
    if is_coordinator(user):
        return MajorDistrict.objects.all()
    if not isinstance(user, User) or not is_district_officer(user):
        return MajorDistrict.objects.none()
    majors = OfficerAssignment.objects.current().filter(officer=user).values("major_districts")
    return MajorDistrict.objects.filter(pk__in=majors)


def can_run_cycles(user: User | AnonymousUser) -> bool:
    """Create cycles, change their dates and rules, count and publish results."""
    return is_coordinator(user)


def can_work_on_pb(user: User | AnonymousUser) -> bool:
    """Sees the staff side of participatory budgeting at all."""
    return is_coordinator(user) or is_district_officer(user) or is_official(user)


def serves_major_district(user: User | AnonymousUser, major_district_id: int | None) -> bool:
    """A city-wide record (no major district) is every district officer's."""
    if is_coordinator(user):
        return True
    if not is_district_officer(user):
        return False
    if major_district_id is None:
        return True
    return officer_major_districts(user).filter(pk=major_district_id).exists()
