"""Participatory budgeting in erasing a person (luotsi/privacy/erasure.py).

A proposal is part of the public record of the cycle (plans were built from it): it stays,
without the author's account, name and image; one never published is emptied as well.
Workspace memberships of the person are deleted; their tasks lose their owner. Ballots are
not found: they are tied to a keyed hash of an identity code, never to an account.
"""

from typing import Any

from luotsi.accounts.models import User
from luotsi.budgeting.models import Proposal, ProposalStatus, WorkspaceMember, WorkspaceTask
from luotsi.privacy.erasure import Counts, Eraser, Found, pks, register

PROPOSAL = "budgeting.proposal"
MEMBER = "budgeting.workspacemember"
TASK = "budgeting.workspacetask"
ERASED_TEXT = "—"
UNPUBLISHED = (ProposalStatus.SUBMITTED, ProposalStatus.REJECTED)


def find(*, user: User | None, **_: Any) -> Found:
    if user is None:
        return {}
    return {
        PROPOSAL: set(Proposal.objects.filter(author=user).values_list("pk", flat=True)),
        MEMBER: set(WorkspaceMember.objects.filter(user=user).values_list("pk", flat=True)),
        TASK: set(WorkspaceTask.objects.filter(owner=user).values_list("pk", flat=True)),
    }


def erase(*, found: Found, **_: Any) -> Counts:
    proposals = Proposal.objects.filter(pk__in=pks(found, PROPOSAL))
    for proposal in proposals.exclude(image=""):
        proposal.image.delete(save=False)
    proposals.filter(status__in=UNPUBLISHED).update(
        title=ERASED_TEXT, description=ERASED_TEXT, moderation_reason=ERASED_TEXT
    )
    count = proposals.update(author=None, author_display_name="", image="", image_alt="")
    members = WorkspaceMember.objects.filter(pk__in=pks(found, MEMBER)).delete()[0]
    tasks = WorkspaceTask.objects.filter(pk__in=pks(found, TASK)).update(owner=None)
    return {PROPOSAL: count, MEMBER: members, TASK: tasks}


RECORD = "the public record of the cycle (plans were built from it)"
NOT_PERSONAL = "about the proposal, not the person"

register(
    Eraser(
        key="budgeting",
        order=60,
        find=find,
        erase=erase,
        erased={
            PROPOSAL: {
                "author": "unlinked from the account",
                "author_display_name": "emptied",
                "image": "the file deleted",
                "image_alt": "emptied with the image",
                "title": "replaced by a dash if never published; otherwise kept: " + RECORD,
                "description": "replaced by a dash if never published; otherwise kept: " + RECORD,
                "moderation_reason": "replaced by a dash if never published; otherwise kept",
            },
            TASK: {"owner": "emptied: the task stays with the workspace"},
        },
        kept={
            PROPOSAL: {
                "id": RECORD,
                "cycle": RECORD,
                "language": NOT_PERSONAL,
                "major_district": NOT_PERSONAL,
                "latitude": "the place the proposal is about, not where the person lives",
                "longitude": "the place the proposal is about, not where the person lives",
                "district": NOT_PERSONAL,
                "sub_district": NOT_PERSONAL,
                "token": "random part of a file name",
                "status": RECORD,
                "moderated_by": "the officer who moderated",
                "moderated_at": RECORD,
                "plan": RECORD,
                "created_at": RECORD,
                "updated_at": RECORD,
            },
            TASK: {
                "id": "the workspace's task list",
                "workspace": "the workspace's task list",
                "title": "the workspace's task list",
                "due_on": "the workspace's task list",
                "done_at": "the workspace's task list",
                "created_by": "the member who wrote the task down",
                "created_at": "the workspace's task list",
            },
            "budgeting.ballot": {
                "id": "the count",
                "cycle": "the count",
                "voter_key": "a keyed hash of an identity code, not linked to the account; "
                "replaced by a random value after RETENTION_PB_VOTER_KEYS_DAYS",
                "major_district": "the count",
                "channel": "the count",
                "entered_by": "the officer who entered a paper ballot (audit trail)",
                "polling_place": "the count",
                "submitted_at": "the count",
                "updated_at": "the count",
                "revision": "the count",
                "unlinked_at": "the count",
            },
            "budgeting.ballotchoice": {
                "id": "the count",
                "ballot": "the count",
                "plan": "the count",
            },
        },
        deleted={MEMBER: "the person's membership of a workspace"},
    )
)
