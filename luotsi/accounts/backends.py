from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Model

from luotsi.accounts.models import Role


class RoleModelBackend(ModelBackend):
    """Django's model backend, plus: the coordinator holds every model permission.

    The coordinator "sees everything" (ARCHITECTURE.md); giving them the permissions through
    the role rather than through groups keeps one source of truth for who is coordinator.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Model | None = None) -> bool:
        if user_obj.is_active and getattr(user_obj, "role", None) == Role.COORDINATOR:
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        if user_obj.is_active and getattr(user_obj, "role", None) == Role.COORDINATOR:
            return True
        return super().has_module_perms(user_obj, app_label)
