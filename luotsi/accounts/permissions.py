"""Who may do what with accounts. Views and the API both ask here."""

from django.contrib.auth.models import AnonymousUser

from luotsi.accounts.models import STAFF_ROLES, User


def can_view_staff_dashboard(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in STAFF_ROLES)
