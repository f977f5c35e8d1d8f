"""The weekly digest: per confirmed subscriber, the new ways to take part since their last
digest and the deadlines coming up, in their language, areas and topics.

Exactly-once per ISO week, and resumable:
1. the (subscriber, week) `DigestDelivery` row is created FIRST (get_or_create on the unique
   pair, status "queued") — a second or concurrent run finds it and never starts another;
2. the row is claimed with a conditional UPDATE queued/failed → "sending" (only one run can
   win it);
3. the mail is sent; the row becomes "sent" — or "failed" when the backend raised, and the
   next run retries exactly those.
A run that crashes half-way therefore resumes with the rest. A process killed between
sending and step 3 leaves its row "sending": it is not retried (better one missed digest
than two) and `send_digests` lists it for a person to check.

Subscribers with nothing new get a delivery row with status "empty" (no mail): the run is
then visibly done for them this week, and a later run in the same week does not mail them
items that appeared in between — they come next week.
"""

import dataclasses
import datetime
import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from luotsi.areas.models import District
from luotsi.opportunities import selectors as opportunities
from luotsi.subscriptions import notifications
from luotsi.subscriptions.models import DigestDelivery, DigestStatus, Subscriber

logger = logging.getLogger(__name__)

DEADLINES_WITHIN = datetime.timedelta(days=14)


@dataclass
class DigestReport:
    week: str
    sent: int = 0
    empty: int = 0
    skipped: int = 0  # already done this week
    failed: int = 0
    stuck: int = 0  # "sending" left behind by a killed run

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)


def iso_week(moment: datetime.datetime) -> str:
    year, week, _ = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


def subscriber_districts(subscriber: Subscriber) -> QuerySet[District]:
    return District.objects.filter(
        Q(pk__in=subscriber.districts.values("pk"))
        | Q(major_district__in=subscriber.major_districts.values("pk"))
    )


def _items(subscriber: Subscriber, now: datetime.datetime) -> list[opportunities.Item]:
    """What is open or opening in the subscriber's areas and topics, titles in their
    language. Every topic (empty: all). The language filter of `items_for` is not used: a
    Finnish-only hearing still matters to an English-speaking resident; the e-mail around
    it is in their language."""
    with translation.override(subscriber.language):
        items = opportunities.items_for(
            districts=subscriber_districts(subscriber),
            topics=[t.slug for t in subscriber.topics.all()],
            language="",
            now=now,
        )
    # An e-mail needs absolute links; events link to their site-relative page.
    return [
        dataclasses.replace(item, url=settings.SITE_URL + item.url)
        if item.url.startswith("/")
        else item
        for item in items
    ]


def _compose(
    subscriber: Subscriber, now: datetime.datetime
) -> tuple[list[opportunities.Item], list[opportunities.Item]]:
    """(new since the last digest, earlier items whose deadline is near)."""
    already: set[str] = set()
    for keys in subscriber.digests.filter(status=DigestStatus.SENT).values_list(
        "item_keys", flat=True
    ):
        already.update(keys or [])
    items = _items(subscriber, now)
    new = [item for item in items if item.key not in already]
    deadlines = [
        item
        for item in items
        if item.key in already and item.deadline and now <= item.deadline <= now + DEADLINES_WITHIN
    ]
    return new, deadlines


def digest_send(*, subscriber: Subscriber, week: str, now: datetime.datetime) -> str:
    """Send one subscriber's digest for `week` unless it has been (or is being) sent.
    Returns what happened: "sent", "empty", "skipped" or "failed"."""
    with transaction.atomic():
        delivery, _ = DigestDelivery.objects.get_or_create(subscriber=subscriber, week=week)
        claimed = DigestDelivery.objects.filter(
            pk=delivery.pk, status__in=[DigestStatus.QUEUED, DigestStatus.FAILED]
        ).update(status=DigestStatus.SENDING)
    if not claimed:
        return "skipped"
    new, deadlines = _compose(subscriber, now)
    keys = [item.key for item in new + deadlines]
    if not keys:
        DigestDelivery.objects.filter(pk=delivery.pk).update(status=DigestStatus.EMPTY)
        return "empty"
    try:
        notifications.send(
            subscriber,
            "digest",
            {"new_items": new, "deadlines": deadlines, "week_number": week.split("W")[1]},
        )
    except Exception:
        logger.exception("digest %s for subscriber %s failed", week, subscriber.pk)
        DigestDelivery.objects.filter(pk=delivery.pk).update(
            status=DigestStatus.FAILED, item_keys=keys
        )
        return "failed"
    DigestDelivery.objects.filter(pk=delivery.pk).update(
        status=DigestStatus.SENT, sent_at=timezone.now(), item_keys=keys
    )
    return "sent"


def digest_run(*, now: datetime.datetime | None = None) -> DigestReport:
    """Send this week's digests. Safe to run any number of times (see the module docstring).
    Must not be called inside a transaction: each delivery commits on its own."""
    now = now or timezone.now()
    report = DigestReport(week=iso_week(now))
    subscribers = Subscriber.objects.confirmed().order_by("pk").prefetch_related("topics")
    for subscriber in subscribers:
        outcome = digest_send(subscriber=subscriber, week=report.week, now=now)
        setattr(report, outcome, getattr(report, outcome) + 1)
    report.stuck = DigestDelivery.objects.filter(
        week=report.week, status=DigestStatus.SENDING
    ).count()
    return report
