"""Reads for messages: the officers' queues, the public list, and where concern clusters."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.areas.models import District, SubDistrict
from luotsi.concerns import permissions
from luotsi.concerns.models import OPEN_STATUSES, Message, MessageQuerySet, Service

# Area boundaries are large JSON documents; lists need the names only.
BOUNDARIES = [
    f"{area}__{field}"
    for area in ("district", "sub_district", "district__major_district")
    for field in ("geometry", "geometry_simplified")
]


def _listed(messages: QuerySet[Message]) -> QuerySet[Message]:
    return messages.select_related(
        "service", "district", "sub_district", "district__major_district", "assigned_to"
    ).defer(*BOUNDARIES)


@dataclass(frozen=True)
class QueueFilter:
    mine: bool = False
    status: str = "open"  # "open", "all" or one status
    overdue: bool = False
    district: str = ""


def _visible(user: User) -> MessageQuerySet:
    visible = permissions.messages_visible_to(user).filter(duplicate_of__isnull=True)
    return visible  # type: ignore[return-value]  # the manager's QuerySet class


def queue(user: User, f: QueueFilter) -> QuerySet[Message]:
    messages = _visible(user)
    if f.mine:
        messages = messages.filter(assigned_to=user)
    if f.status == "open":
        messages = messages.filter(status__in=OPEN_STATUSES)
    elif f.status != "all":
        messages = messages.filter(status=f.status)
    if f.overdue:
        messages = messages.overdue()
    if f.district:
        messages = messages.filter(district__code=f.district)
    return _listed(messages).order_by("due_on", "created_at")


def queue_counts(user: User) -> dict[str, int]:
    visible = _visible(user)
    return {
        "open": visible.open().count(),
        "mine": visible.open().filter(assigned_to=user).count(),
        "overdue": visible.overdue().count(),
    }


def public_messages(districts: QuerySet[District] | None = None) -> QuerySet[Message]:
    messages = Message.objects.public()
    if districts is not None:
        messages = messages.filter(district__in=districts)
    return _listed(messages)


def public_point(message: Message) -> tuple[float, float] | None:
    """The place, rounded to about a hundred metres: near enough to see where concern
    clusters, too coarse to point at anyone's door."""
    if message.latitude is None or message.longitude is None:
        return None
    return round(message.latitude, 3), round(message.longitude, 3)


def quarters(count: int, today: datetime.date | None = None) -> list[tuple[int, int]]:
    """The last `count` (year, quarter) pairs, oldest first."""
    today = today or timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        out.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return out[::-1]


@dataclass(frozen=True)
class AreaConcerns:
    periods: list[tuple[int, int]]
    rows: list[tuple[Service, list[int], int]]  # category, count per period, total
    totals: list[int]
    hot_spots: list[tuple[SubDistrict, int]]


def area_concerns(
    districts: QuerySet[District], *, periods: int = 8, hot_days: int = 90
) -> AreaConcerns:
    """Counts by category per quarter (messages of every status: counts carry no personal
    data) and the sub-districts with the most messages lately."""
    spans = quarters(periods)
    first_year, first_quarter = spans[0]
    since = timezone.make_aware(datetime.datetime(first_year, (first_quarter - 1) * 3 + 1, 1))
    tz = timezone.get_current_timezone()
    rows = (
        Message.objects.filter(district__in=districts, created_at__gte=since, duplicate_of=None)
        .annotate(y=ExtractYear("created_at", tzinfo=tz), m=ExtractMonth("created_at", tzinfo=tz))
        .values("service", "y", "m")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[int, tuple[int, int]], int] = {}
    for row in rows:
        key = (row["service"], (row["y"], (row["m"] - 1) // 3 + 1))
        counts[key] = counts.get(key, 0) + row["n"]
    table = []
    for service in Service.objects.filter(pk__in={k[0] for k in counts}).order_by("order"):
        per = [counts.get((service.pk, span), 0) for span in spans]
        table.append((service, per, sum(per)))
    totals = [sum(row[1][i] for row in table) for i in range(len(spans))]
    recent = timezone.now() - datetime.timedelta(days=hot_days)
    hot = (
        Message.objects.filter(
            district__in=districts, created_at__gte=recent, sub_district__isnull=False
        )
        .values("sub_district")
        .annotate(n=Count("pk"))
        .order_by("-n")[:5]
    )
    subs = SubDistrict.objects.defer("geometry", "geometry_simplified").in_bulk(
        [row["sub_district"] for row in hot]
    )
    return AreaConcerns(
        periods=spans,
        rows=table,
        totals=totals,
        hot_spots=[(subs[row["sub_district"]], row["n"]) for row in hot],
    )


def timeline(message: Message, *, public_only: bool) -> Any:
    steps = message.steps.select_related("by")
    return steps.filter(kind="reply") if public_only else steps
