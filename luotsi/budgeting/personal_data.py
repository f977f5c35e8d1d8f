"""Participatory budgeting in a data subject's export (luotsi/privacy/portability.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.budgeting.models import Proposal, WorkspaceMember, WorkspaceTask
from luotsi.privacy.portability import Exporter, Record, exclude_model, register, values

PROPOSAL_FIELDS = (
    "id",
    "cycle",
    "title",
    "description",
    "language",
    "major_district",
    "latitude",
    "longitude",
    "district",
    "sub_district",
    "image",
    "image_alt",
    "author",
    "author_display_name",
    "status",
    "moderation_reason",
    "moderated_at",
    "plan",
    "created_at",
    "updated_at",
)
MEMBER_FIELDS = ("id", "workspace", "role", "user", "organisation", "added_at")
TASK_FIELDS = ("id", "workspace", "title", "owner", "due_on", "done_at", "created_at")


def proposals(*, user: User | None, **_: Any) -> list[Record]:
    if user is None:
        return []
    return [
        values(p, PROPOSAL_FIELDS)
        for p in Proposal.objects.filter(author=user)
        .select_related("cycle", "major_district", "district", "sub_district", "plan")
        .order_by("pk")
    ]


def workspaces(*, user: User | None, **_: Any) -> list[Record]:
    if user is None:
        return []
    members = WorkspaceMember.objects.filter(user=user).select_related(
        "workspace__plan", "organisation"
    )
    tasks = WorkspaceTask.objects.filter(owner=user).select_related("workspace__plan")
    return [values(m, MEMBER_FIELDS) for m in members.order_by("pk")] + [
        {**values(t, TASK_FIELDS), "kind": "task"} for t in tasks.order_by("pk")
    ]


register(
    Exporter(
        key="pb_proposals",
        order=80,
        title=_("Participatory budgeting proposals"),
        model="budgeting.Proposal",
        find=proposals,
        fields={"budgeting.Proposal": PROPOSAL_FIELDS},
        excluded={
            "budgeting.Proposal": {
                "token": "a random part of the image's file name, not about the person",
                "moderated_by": "the officer who moderated: staff, not the subject",
            }
        },
    )
)

register(
    Exporter(
        key="pb_workspaces",
        order=81,
        title=_("Participatory budgeting workspaces"),
        model="budgeting.WorkspaceMember",
        find=workspaces,
        fields={"budgeting.WorkspaceMember": MEMBER_FIELDS, "budgeting.WorkspaceTask": TASK_FIELDS},
        excluded={
            "budgeting.WorkspaceTask": {
                "created_by": "the member who wrote the task down: not the subject's data"
            }
        },
    )
)

# A ballot is found only through the voter's identity code and the city's secret key, never
# through an account or an e-mail address: an export by account cannot (and must not) find it.
exclude_model(
    "budgeting.Ballot",
    "pseudonymous: tied to the voter only by a keyed hash of their identity code, not to "
    "their account or e-mail address; the voter sees their ballot through identification",
)
exclude_model("budgeting.BallotChoice", "part of a pseudonymous ballot (see ballots)")
