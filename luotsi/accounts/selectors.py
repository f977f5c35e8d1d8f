"""Reads for accounts."""

import datetime
from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.areas.models import MajorDistrict


def assignments_of(user: User) -> QuerySet[OfficerAssignment]:
    """A person's own assignments, newest first, with their districts."""
    return OfficerAssignment.objects.filter(officer=user).prefetch_related(
        Prefetch("major_districts", queryset=MajorDistrict.objects.order_by("number"))
    )


def officers_by_major_district(
    day: datetime.date | None = None,
) -> dict[int, list[User]]:
    """Officers serving each major district on `day` (default today), keyed by district pk.

    Officers' names are public: residents must be able to find the person serving them.
    """
    day = day or timezone.localdate()
    serving: dict[int, list[User]] = defaultdict(list)
    assignments = (
        OfficerAssignment.objects.active_on(day)
        .filter(officer__is_active=True)
        .select_related("officer")
        .prefetch_related("major_districts")
        .order_by("starts_on", "pk")
    )
    for assignment in assignments:
        for district in assignment.major_districts.all():
            serving[district.pk].append(assignment.officer)
    return dict(serving)


def business_officers_current(day: datetime.date | None = None) -> list[User]:
    day = day or timezone.localdate()
    return [
        assignment.officer
        for assignment in OfficerAssignment.objects.active_on(day)
        .filter(kind="business", officer__is_active=True)
        .select_related("officer")
        .order_by("officer__full_name")
    ]


def officers_serving(major_district: MajorDistrict, day: datetime.date | None = None) -> list[User]:
    """The officers whose assignment covers `major_district` on `day` (default today)."""
    day = day or timezone.localdate()
    return [
        assignment.officer
        for assignment in OfficerAssignment.objects.active_on(day)
        .filter(major_districts=major_district, officer__is_active=True)
        .select_related("officer")
        .order_by("starts_on", "pk")
    ]
