"""The audit log: who read or changed personal data, when. Append-only.

Rows are written by `services.audit_record` and never updated or deleted by the application;
the database refuses both too (triggers in migration 0002), so not even a bug or the admin
can rewrite history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    EXPORT = "export", _("exported")
    ERASE = "erase", _("erased")
    # Removing a record that is not a person's data (a material, a draft, a cost line).
    DELETE = "delete", _("deleted")
    MERGE = "merge", _("merged")
    REASSIGN = "reassign", _("reassigned")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=16, choices=AuditAction)
    object_type = models.CharField(_("object type"), max_length=50)
    object_id = models.CharField(_("object id"), max_length=50)
    summary = models.CharField(_("summary"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}"
        return f"{when} {self.actor} {self.action} {self.object_type}:{self.object_id}"


class ExportRequest(models.Model):
    """A one-time link to download what Luotsi holds about a person (GDPR art. 15 and 20).

    Only a SHA-256 of the link's token is stored, and of the session key of whoever asked:
    the link works once, for `requested_by` in that same session, until `expires_at`
    (luotsi/privacy/export_services.py). The subject is an account, an e-mail address, or
    both; the address is kept as typed (it is compared case-insensitively).
    """

    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("data subject"),
    )
    subject_email = models.EmailField(_("data subject's e-mail address"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    session_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("downloaded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="privacy_exportrequest_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_email} {self.created_at:%Y-%m-%d %H:%M}"
