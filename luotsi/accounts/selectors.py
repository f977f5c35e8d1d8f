"""Reads for accounts."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.models import OfficerAssignment, Role, User
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


def two_factor_device_of(user: User) -> TOTPDevice | None:
    """The person's confirmed TOTP device: with one, signing in asks for a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_setup_required(user: User) -> bool:
    """The coordinator must set up two-factor authentication before any other page when
    TWO_FACTOR_REQUIRED_FOR_COORDINATOR is on."""
    return (
        settings.TWO_FACTOR_REQUIRED_FOR_COORDINATOR
        and user.role == Role.COORDINATOR
        and two_factor_device_of(user) is None
    )
