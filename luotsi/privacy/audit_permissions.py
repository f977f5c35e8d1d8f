"""Who may search the audit log: the coordinator (and technical superusers), nobody else.

The log says which officer read whose record when; officers do not audit each other.
"""

from django.contrib.auth.models import AnonymousUser

from luotsi.accounts.models import Role, User


def can_search_audit_log(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == Role.COORDINATOR)
    )
