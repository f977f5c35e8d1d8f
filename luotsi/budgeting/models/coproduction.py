"""The co-production phase: a workspace per selected plan, facilitated by the district officer,
uniting the applicants, the responsible city officials and stakeholder organisations; and the
public implementation tracker built from its status updates (Decidim's "accountability").
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luotsi.budgeting.models.proposals import ImplementationStatus, Plan


class Workspace(models.Model):
    plan = models.OneToOneField(
        Plan, on_delete=models.PROTECT, related_name="workspace", verbose_name=_("plan")
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="pb_workspaces_facilitated",
        verbose_name=_("facilitating officer"),
    )
    meetings = models.ManyToManyField(
        "events.Event", blank=True, related_name="pb_workspaces", verbose_name=_("meetings")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("co-production workspace")
        verbose_name_plural = _("co-production workspaces")
        ordering = ["plan__cycle", "plan__code"]

    def __str__(self) -> str:
        return str(self.plan)


class MemberRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    OFFICIAL = "official", _("Responsible city official")
    STAKEHOLDER = "stakeholder", _("Stakeholder organisation")
    FACILITATOR = "facilitator", _("Facilitator")


class WorkspaceMember(models.Model):
    """A person with an account, or an organisation from the network."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("role"), max_length=12, choices=MemberRole)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pb_memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pb_memberships",
        verbose_name=_("organisation"),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(organisation__isnull=False),
                name="budgeting_member_is_someone",
            ),
            models.UniqueConstraint(
                fields=["workspace", "user"],
                condition=Q(user__isnull=False),
                name="budgeting_member_user_once",
            ),
            models.UniqueConstraint(
                fields=["workspace", "organisation"],
                condition=Q(organisation__isnull=False),
                name="budgeting_member_organisation_once",
            ),
            models.CheckConstraint(
                condition=Q(role__in=MemberRole.values), name="budgeting_member_role"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user or self.organisation)


class WorkspaceTask(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class StatusUpdate(models.Model):
    """A step of the plan's implementation; the public ones make the tracker's history."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="status_updates")
    status = models.CharField(_("implementation"), max_length=12, choices=ImplementationStatus)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    text = models.TextField(_("update"))
    public = models.BooleanField(_("shown on the public tracker"), default=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    posted_at = models.DateTimeField(_("posted"), auto_now_add=True)

    objects: ClassVar[models.Manager["StatusUpdate"]] = models.Manager()

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["plan", "-posted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="budgeting_update_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ImplementationStatus.values),
                name="budgeting_update_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_status_display()}"
