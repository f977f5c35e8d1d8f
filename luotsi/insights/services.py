"""Writes: rebuilding the participation figures from the source apps."""

import datetime
import uuid
from collections import Counter

from django.db import transaction
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.insights import sources
from luotsi.insights.models import ParticipationCount, ParticipationRefresh

REFRESH_ROW = 1  # the single ParticipationRefresh row, also the lock refreshes queue on


@transaction.atomic
def participation_refresh(
    *, by: User | None = None, now: datetime.datetime | None = None
) -> ParticipationRefresh:
    """Replace every ParticipationCount with counts rebuilt from the sources (sources.py), in
    one transaction: readers see the old figures or the new ones, never half of each.

    Idempotent: running it twice on the same data gives the same rows. Concurrent refreshes
    queue on the lock of the refresh row. `by` is the staff member who asked (None for the
    command and the scheduled task); the figures themselves carry no personal data, so the
    refresh is not audited.
    """
    now = now or timezone.now()
    ParticipationRefresh.objects.get_or_create(
        pk=REFRESH_ROW, defaults={"refreshed_at": now, "rows": 0}
    )
    ParticipationRefresh.objects.select_for_update().get(pk=REFRESH_ROW)
    totals: Counter[tuple[str, sources.Key]] = Counter()
    for channel, key, n in sources.all_counts(now):
        totals[(channel, key)] += n
    ParticipationCount.objects.all().delete()
    ParticipationCount.objects.bulk_create(
        (
            ParticipationCount(
                month=month,
                district_id=district,
                sub_district_id=sub_district,
                channel=channel,
                dimension=dimension,
                group=group,
                count=n,
            )
            for (channel, (month, district, sub_district, dimension, group)), n in totals.items()
        ),
        batch_size=1000,
    )
    refresh = ParticipationRefresh(
        pk=REFRESH_ROW, refreshed_at=now, rows=len(totals), generation=uuid.uuid4()
    )
    refresh.save()
    return refresh


def participation_refresh_request(*, by: User) -> None:
    """Queue a refresh for when the current transaction commits (the immediate backend runs
    it at once). Precondition: `by` may view the figures (permissions.can_view_insights)."""
    from luotsi.insights.tasks import refresh_participation  # the task imports this module

    transaction.on_commit(lambda: refresh_participation.enqueue())
