"""What participatory budgeting keeps about people, why and for how long (the article 30
record, luotsi/privacy/retention.py).

Ballots are pseudonymous from the start (a keyed hash of the voter, never the identity
code) and are unlinked for good RETENTION_PB_VOTER_KEYS_DAYS after voting closes: the key
becomes random, so the ballot still counts in the published results but nobody can find
whose it was. Proposals and workspaces are the public record of the cycle.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.budgeting.models import Ballot
from luotsi.privacy.retention import Declaration, LawfulBasis, PurgeResult, cutoff, register
from luotsi.privacy.services import retention_record


def ballots_past_retention(*, now: datetime.datetime) -> QuerySet[Ballot]:
    before = cutoff(now=now, days=settings.RETENTION_PB_VOTER_KEYS_DAYS)
    return Ballot.objects.filter(cycle__voting_ends_at__lt=before, unlinked_at__isnull=True)


@transaction.atomic
def ballots_unlink_expired(*, now: datetime.datetime, dry_run: bool = False) -> PurgeResult:
    """Replace the voter key of every ballot whose voting closed more than
    RETENTION_PB_VOTER_KEYS_DAYS ago by a random one. Idempotent."""
    pks = list(ballots_past_retention(now=now).values_list("pk", flat=True))
    result = {"anonymised": len(pks)}
    if dry_run or not pks:
        return result
    moment = timezone.now()
    for pk in pks:
        Ballot.objects.filter(pk=pk).update(voter_key=secrets.token_hex(32), unlinked_at=moment)
    retention_record(
        object_type="budgeting.ballot", result=result, days=settings.RETENTION_PB_VOTER_KEYS_DAYS
    )
    return result


register(
    Declaration(
        key="pb_ballots",
        order=80,
        title=_("Participatory budgeting votes"),
        models=("budgeting.Ballot", "budgeting.BallotChoice"),
        purpose=_(
            "Counting the votes of a participatory budgeting cycle and making sure each "
            "person votes once."
        ),
        lawful_bases=(LawfulBasis.PUBLIC_TASK,),
        data_subjects=_("Residents who vote."),
        data_categories=_(
            "A keyed hash of the voter's identity (never the identity code itself), the major "
            "district voted in, the plans chosen, the channel and, for paper ballots, the "
            "polling point and the officer who entered it."
        ),
        recipients=_("Nobody sees individual ballots; results are published as totals."),
        retention_setting="RETENTION_PB_VOTER_KEYS_DAYS",
        retention_start=_("after voting closes"),
        at_expiry=_(
            "The keyed hash is replaced by a random value: the ballot still counts in the "
            "results but can no longer be tied to anyone."
        ),
        purge=ballots_unlink_expired,
    )
)

register(
    Declaration(
        key="pb_proposals",
        order=81,
        title=_("Participatory budgeting proposals and co-production"),
        models=(
            "budgeting.Proposal",
            "budgeting.WorkspaceMember",
            "budgeting.WorkspaceTask",
        ),
        purpose=_(
            "Publishing residents' proposals, building plans from them and running the "
            "co-production of the selected plans with their applicants."
        ),
        lawful_bases=(LawfulBasis.PUBLIC_TASK,),
        data_subjects=_("Residents who propose; applicants and officials in workspaces."),
        data_categories=_(
            "The proposal's text, place and image, the author's account and the name they "
            "chose to show; workspace membership and tasks."
        ),
        recipients=_(
            "Published proposals are public; liaison officers and the coordinator see the "
            "rest; workspace members see their workspace."
        ),
        retention_note=_(
            "Kept as the public record of the cycle. The author can ask to be removed: the "
            "proposal then stays without their name and account, and one never published is "
            "emptied."
        ),
        at_expiry=_("The author's name, account and image are removed (on request)."),
    )
)
