from django.contrib import admin

from luotsi.privacy.models import AuditEvent
from luotsi.web.admin_mixins import ReadOnlyMixin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, admin.ModelAdmin[AuditEvent]):
    """Read-only: the audit log is append-only (the database refuses changes too)."""

    list_display = ("at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "actor__email", "summary")
    date_hierarchy = "at"
