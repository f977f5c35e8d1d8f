"""Who may erase whose personal data (GDPR art. 17). Views and the service both ask here."""

from django.contrib.auth.models import AnonymousUser

from luotsi.accounts.models import Role, User
from luotsi.privacy.portability import Subject


def can_erase_for_others(user: User | AnonymousUser) -> bool:
    """The coordinator answers data subjects' requests on their behalf (and a technical
    superuser may stand in)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == Role.COORDINATOR)
    )


def can_erase_own(user: User | AnonymousUser) -> bool:
    """Residents erase their own account themselves. Staff do not: their work (contacts,
    cases, decisions) must stay accountable, so their leaving goes through the coordinator,
    who deactivates or erases the account deliberately."""
    return bool(
        user.is_authenticated
        and user.is_active
        and not user.is_superuser
        and not user.is_staff_role
    )


def may_erase(by: User | AnonymousUser, subject: Subject) -> bool:
    """`by` may erase `subject`: their own account when they may erase their own, anybody
    else's when they erase for others (so the coordinator cannot erase themselves by mistake
    on the page meant for others)."""
    if subject.user is not None and subject.user.pk == by.pk:
        return can_erase_own(by)
    return can_erase_for_others(by)
