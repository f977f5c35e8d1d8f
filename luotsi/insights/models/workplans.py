"""Officers' yearly work plans: their own initiatives and goals, each with a measurable
indicator and a target, and the activities (events, campaigns, PB co-production workspaces)
that serve it. The seed gives officers much freedom to set their own agendas; the plan makes
that agenda visible to the coordinator next to the figures, and to the next officer."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WorkPlan(models.Model):
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="work_plans",
        verbose_name=_("officer"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    initiatives = models.TextField(
        _("own initiatives and priorities"),
        blank=True,
        help_text=_("What you want to achieve this year and why, in your own words."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year", "officer__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "year"], name="insights_one_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.year}"


class GoalIndicator(models.TextChoices):
    """What a goal is measured by. Counted over the goal's linked activities when it has any,
    otherwise over all of the officer's work in the plan's year; MANUAL is a figure the officer
    records (for what Luotsi does not see)."""

    EVENTS_HELD = "events_held", _("Events held")
    EVENT_ATTENDANCE = "event_attendance", _("Event attendance")
    INTERACTIONS = "interactions", _("Interactions logged")
    ORGANISATIONS_REACHED = "organisations_reached", _("Organisations reached")
    CONTACTS_REACHED = "contacts_reached", _("Contacts reached")
    CONCERNS_ANSWERED = "concerns_answered", _("Messages answered")
    CAMPAIGN_COVERAGE = "campaign_coverage", _("Campaign targets reached (%)")
    MANUAL = "manual", _("Recorded by hand")


class WorkPlanGoal(models.Model):
    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("work plan")
    )
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    indicator = models.CharField(_("indicator"), max_length=32, choices=GoalIndicator)
    target = models.PositiveIntegerField(_("target"))
    manual_value = models.PositiveIntegerField(
        _("value so far"),
        null=True,
        blank=True,
        help_text=_("Only for goals recorded by hand."),
    )
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="+", verbose_name=_("linked events")
    )
    campaigns: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "campaigns.Campaign", blank=True, related_name="+", verbose_name=_("linked campaigns")
    )
    workspaces: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "budgeting.Workspace",
        blank=True,
        related_name="+",
        verbose_name=_("linked co-production workspaces"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("work plan goal")
        verbose_name_plural = _("work plan goals")
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(target__gt=0), name="insights_goal_target_positive")
        ]

    def __str__(self) -> str:
        return self.title
