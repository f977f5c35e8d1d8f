"""The coordinator's admin for participatory budgeting.

The cycle's own pages apply its rules (phases, frozen rules, district scoping, the ballot
locked once voting opens), so the admin mostly reads: cycles, results, ballots and workspaces
are read-only here, and proposals and plans allow only corrections of their texts. Nothing is
added or deleted through the admin. Ballots in particular are never changed by hand: the one
ballot per person rule and the audit trail of paper ballots live in the voting services.
"""

from typing import Any

from django.contrib import admin

from luotsi.budgeting.models import (
    Ballot,
    BallotChoice,
    Cycle,
    CycleBudget,
    Plan,
    PlanResult,
    Proposal,
    StatusUpdate,
    Workspace,
    WorkspaceMember,
    WorkspaceTask,
)
from luotsi.web.admin_mixins import NoAddOrDeleteMixin, ReadOnlyMixin


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False


class CycleBudgetInline(ReadOnlyInline):
    model = CycleBudget
    fields = ("major_district", "amount", "population")
    readonly_fields = fields


@admin.register(Cycle)
class CycleAdmin(ReadOnlyMixin, admin.ModelAdmin[Cycle]):
    """Read-only: cycles are created and changed on the staff page, which splits the budget
    and refuses rule changes after voting has opened."""

    list_display = ("title", "slug", "published", "proposals_start", "voting_starts_at")
    list_filter = ("published",)
    search_fields = ("title", "slug")
    inlines = (CycleBudgetInline,)


@admin.register(Proposal)
class ProposalAdmin(NoAddOrDeleteMixin, admin.ModelAdmin[Proposal]):
    """Texts may be corrected; moderation and merging happen on the proposal pages."""

    list_display = ("title", "cycle", "major_district", "status", "created_at")
    list_filter = ("status", "cycle")
    search_fields = ("title",)
    fields = (
        "cycle",
        "title",
        "description",
        "language",
        "major_district",
        "district",
        "topics",
        "image_alt",
        "author_display_name",
        "status",
        "moderation_reason",
        "moderated_at",
        "plan",
        "created_at",
    )
    readonly_fields = (
        "cycle",
        "major_district",
        "district",
        "status",
        "moderation_reason",
        "moderated_at",
        "plan",
        "created_at",
    )


@admin.register(Plan)
class PlanAdmin(NoAddOrDeleteMixin, admin.ModelAdmin[Plan]):
    """Texts may be corrected; the status, the cost and the ballot code change only through
    the plan pages (which keep the ballot fixed once voting has opened)."""

    list_display = ("code", "title", "cycle", "major_district", "status", "cost_estimate")
    list_filter = ("status", "cycle")
    search_fields = ("title", "code")
    fields = (
        "cycle",
        "major_district",
        "title_fi",
        "title_sv",
        "title_en",
        "description_fi",
        "description_sv",
        "description_en",
        "topics",
        "status",
        "cost_estimate",
        "feasibility_note",
        "code",
        "implementation_status",
        "implementation_progress",
    )
    readonly_fields = (
        "cycle",
        "major_district",
        "status",
        "cost_estimate",
        "feasibility_note",
        "code",
        "implementation_status",
        "implementation_progress",
    )


@admin.register(PlanResult)
class PlanResultAdmin(ReadOnlyMixin, admin.ModelAdmin[PlanResult]):
    """Written by the count only."""

    list_display = ("plan", "votes", "selected", "rank")
    list_filter = ("selected", "plan__cycle")


class BallotChoiceInline(ReadOnlyInline):
    model = BallotChoice
    fields = ("plan",)
    readonly_fields = fields


@admin.register(Ballot)
class BallotAdmin(ReadOnlyMixin, admin.ModelAdmin[Ballot]):
    """Read-only, and without the voter key: ballots change only through the voting pages."""

    list_display = ("pk", "cycle", "major_district", "channel", "submitted_at", "revision")
    list_filter = ("cycle", "channel")
    fields = (
        "cycle",
        "major_district",
        "channel",
        "entered_by",
        "polling_place",
        "submitted_at",
        "updated_at",
        "revision",
    )
    readonly_fields = fields
    inlines = (BallotChoiceInline,)


class WorkspaceMemberInline(ReadOnlyInline):
    model = WorkspaceMember
    fields = ("role", "user", "organisation", "added_at")
    readonly_fields = fields


class WorkspaceTaskInline(ReadOnlyInline):
    model = WorkspaceTask
    fields = ("title", "owner", "due_on", "done_at")
    readonly_fields = fields


@admin.register(Workspace)
class WorkspaceAdmin(ReadOnlyMixin, admin.ModelAdmin[Workspace]):
    """Run on the workspace pages, which keep members' roles and the interaction log."""

    list_display = ("plan", "facilitator", "created_at")
    inlines = (WorkspaceMemberInline, WorkspaceTaskInline)


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyMixin, admin.ModelAdmin[StatusUpdate]):
    list_display = ("plan", "status", "progress", "public", "posted_at")
    list_filter = ("status", "public")
