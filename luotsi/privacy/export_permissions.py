"""Who may export whose personal data. Everyone signed in may export their own; views and
services both ask here about anybody else's."""

from django.contrib.auth.models import AnonymousUser

from luotsi.accounts.models import Role, User


def can_export_for_others(user: User | AnonymousUser) -> bool:
    """The coordinator answers data subjects' requests on their behalf (and a technical
    superuser may stand in)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == Role.COORDINATOR)
    )
