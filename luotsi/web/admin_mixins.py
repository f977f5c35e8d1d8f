"""Admin permissions for data that other parts of Luotsi own (imports, the audit log)."""

from typing import Any

from django.http import HttpRequest


class NoAddOrDeleteMixin:
    """Rows come from elsewhere (e.g. `load_city`); the admin may only correct them."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyMixin(NoAddOrDeleteMixin):
    """Rows are only ever read in the admin."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
