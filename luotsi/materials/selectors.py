"""Reads for information materials: the coverage matrix (computed from declared needs), gaps
per district and language, gaps before coming events, and what the public sees. Every staff
read starts from `permissions.items_managed_by`, so what a person may not manage is absent
from the lists and the counts."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.events.models import Event, EventStatus
from luotsi.materials import permissions
from luotsi.materials.models import (
    LEADING_LANGUAGES,
    Format,
    Item,
    Variant,
    VariantStatus,
)

REVIEW_EVERY_MONTHS = 12
GAP_DAYS = 14
FORMAT_ORDER = {value: index for index, value in enumerate(Format.values)}


def language_order(code: str) -> tuple[int, str]:
    if code in LEADING_LANGUAGES:
        return (LEADING_LANGUAGES.index(code), code)
    return (len(LEADING_LANGUAGES), code)


def column_order(column: tuple[str, str]) -> tuple[tuple[int, str], int]:
    language, format = column
    return (language_order(language), FORMAT_ORDER.get(format, len(FORMAT_ORDER)))


def review_due_before(today: datetime.date) -> datetime.date:
    """Ready versions last reviewed before this day are overdue for a review."""
    try:
        return today.replace(year=today.year - REVIEW_EVERY_MONTHS // 12)
    except ValueError:  # 29 February
        return today.replace(year=today.year - REVIEW_EVERY_MONTHS // 12, day=28)


def review_overdue(variant: Variant, today: datetime.date | None = None) -> bool:
    if variant.status != VariantStatus.READY:
        return False
    return variant.last_review() < review_due_before(today or timezone.localdate())


@dataclass(frozen=True)
class Cell:
    variant: Variant | None  # None: this item does not need this language and format
    overdue: bool = False

    @property
    def status(self) -> str | None:
        return self.variant.status if self.variant is not None else None


@dataclass
class Row:
    item: Item
    cells: list[Cell]

    @property
    def gaps(self) -> int:
        return sum(1 for cell in self.cells if cell.status not in (None, VariantStatus.READY))


@dataclass
class Matrix:
    columns: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)


def managed_items(
    user: User | AnonymousUser,
    *,
    district: str = "",
    language: str = "",
    status: str = "",
) -> QuerySet[Item]:
    """The items the user manages. `district` is a district code or "city" (city-wide);
    `language` and `status` keep the items having a version in that language / status."""
    items = permissions.items_managed_by(user)
    if district == "city":
        items = items.filter(district__isnull=True)
    elif district:
        items = items.filter(district__code=district)
    versions = Variant.objects.filter(item=OuterRef("pk"))
    if language:
        versions = versions.filter(language=language)
    if status:
        versions = versions.filter(status=status)
    if language or status:
        items = items.filter(Exists(versions))
    return items.select_related("district", "event").order_by("title", "pk")


def coverage_matrix(
    items: QuerySet[Item], *, language: str = "", today: datetime.date | None = None
) -> Matrix:
    """Rows: the items; columns: every language × format somebody declared needed for any of
    them (only `language`'s when given); cells: that version's status, or empty where that
    item does not need it. Ready versions not reviewed in 12 months are flagged."""
    today = today or timezone.localdate()
    versions = Variant.objects.order_by("language", "format")
    if language:
        versions = versions.filter(language=language)
    rows = list(items.prefetch_related(Prefetch("variants", queryset=versions)))
    columns = sorted(
        {(v.language, v.format) for item in rows for v in item.variants.all()}, key=column_order
    )
    matrix = Matrix(columns=columns)
    for item in rows:
        by_column = {(v.language, v.format): v for v in item.variants.all()}
        cells = [
            Cell(
                variant=by_column.get(column),
                overdue=column in by_column and review_overdue(by_column[column], today),
            )
            for column in columns
        ]
        matrix.rows.append(Row(item=item, cells=cells))
    return matrix


@dataclass
class DistrictGaps:
    district: District | None  # None: city-wide
    gaps: int
    by_language: dict[str, int]


@dataclass
class GapTable:
    languages: list[str]
    rows: list[DistrictGaps]
    total_by_language: dict[str, int]
    total: int

    def cells(self, row: DistrictGaps) -> list[int]:
        return [row.by_language.get(code, 0) for code in self.languages]

    def totals(self) -> list[int]:
        return [self.total_by_language.get(code, 0) for code in self.languages]


def gaps_by_district(items: QuerySet[Item]) -> GapTable:
    """Versions declared needed and not ready, counted per district and language."""
    counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    for district_id, language in (
        Variant.objects.filter(item__in=items.values("pk"))
        .exclude(status=VariantStatus.READY)
        .values_list("item__district_id", "language")
    ):
        counts[district_id][language] += 1
    districts = District.objects.in_bulk([pk for pk in counts if pk is not None])
    languages = sorted(
        {code for counter in counts.values() for code in counter}, key=language_order
    )
    rows = [
        DistrictGaps(
            district=districts.get(pk) if pk is not None else None,
            gaps=sum(counter.values()),
            by_language=dict(counter),
        )
        for pk, counter in counts.items()
    ]
    rows.sort(key=lambda row: (row.district is None, row.district.code if row.district else ""))
    total = sum((counter for counter in counts.values()), Counter[str]())
    return GapTable(
        languages=languages,
        rows=rows,
        total_by_language=dict(total),
        total=sum(total.values()),
    )


@dataclass
class EventGap:
    event: Event
    item: Item
    variants: list[Variant]


def gaps_before_events(
    user: User | AnonymousUser,
    *,
    days: int = GAP_DAYS,
    now: datetime.datetime | None = None,
) -> list[EventGap]:
    """Events starting in the next `days` days (not cancelled) whose items, among those the
    user manages, have versions not ready yet; soonest event first."""
    now = now or timezone.now()
    versions = (
        Variant.objects.filter(
            item__in=permissions.items_managed_by(user).values("pk"),
            item__event__start__gte=now,
            item__event__start__lt=now + datetime.timedelta(days=days),
        )
        .exclude(status=VariantStatus.READY)
        .exclude(item__event__status=EventStatus.CANCELLED)
        .select_related("item__event")
        .order_by("item__event__start", "item__event__pk", "item__pk")
    )
    gaps: dict[int, EventGap] = {}
    for variant in versions:
        item = variant.item
        if item.pk not in gaps:
            # The filter above goes through the event: every item here has one.
            gaps[item.pk] = EventGap(event=cast(Event, item.event), item=item, variants=[])
        gaps[item.pk].variants.append(variant)
    for gap in gaps.values():
        gap.variants.sort(key=lambda v: column_order((v.language, v.format)))
    return list(gaps.values())


def public_items(*, district: District | None = None, language: str = "") -> QuerySet[Item]:
    """Public items with at least one ready version (in `language`, when given), each with its
    ready versions prefetched as `ready_variants`."""
    ready = Variant.objects.filter(status=VariantStatus.READY).order_by("language", "format")
    if language:
        ready = ready.filter(language=language)
    items = Item.objects.public().filter(Exists(ready.filter(item=OuterRef("pk"))))
    if district is not None:
        items = items.filter(district=district)
    return (
        items.select_related("district")
        .prefetch_related(Prefetch("variants", queryset=ready, to_attr="ready_variants"))
        .order_by("title", "pk")
    )


def ready_variants(item: Item) -> list[Variant]:
    versions = item.variants.filter(status=VariantStatus.READY)
    return sorted(versions, key=lambda v: column_order((v.language, v.format)))


def public_materials_of(event: Event) -> list[Item]:
    """The public items of an event that have something ready, for its public page."""
    return list(public_items().filter(event=event))
