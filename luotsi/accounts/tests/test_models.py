import datetime

import pytest
from django.db import IntegrityError, transaction

from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.testing.factories import OfficerAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_unique_regardless_of_case_in_the_database():
    User.objects.create(email="aino@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="AINO@example.org")


def test_database_rejects_an_unknown_role():
    user = UserFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(role="mayor")


def test_database_rejects_an_assignment_ending_before_it_starts():
    assignment = OfficerAssignmentFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficerAssignment.objects.filter(pk=assignment.pk).update(
            ends_on=assignment.starts_on - datetime.timedelta(days=1)
        )


def test_sign_in_lookup_ignores_the_case_of_the_email():
    user = UserFactory.create(email="liisa@example.org")
    assert User.objects.get_by_natural_key("Liisa@Example.org") == user


@pytest.mark.parametrize(
    ("role", "superuser", "admin_access"),
    [
        (Role.COORDINATOR, False, True),
        (Role.DISTRICT_OFFICER, False, False),
        (Role.BUSINESS_OFFICER, False, False),
        (Role.OFFICIAL, False, False),
        (Role.RESIDENT, False, False),
        (Role.RESIDENT, True, True),
    ],
)
def test_only_the_coordinator_and_superusers_reach_the_admin(role, superuser, admin_access):
    assert UserFactory.create(role=role, is_superuser=superuser).is_staff is admin_access


def test_a_deactivated_coordinator_loses_admin_access():
    assert UserFactory.create(role=Role.COORDINATOR, is_active=False).is_staff is False


def test_assignments_active_on_a_day_include_open_ended_and_inclusive_end():
    day = datetime.date(2026, 3, 1)
    open_ended = OfficerAssignmentFactory.create(starts_on=datetime.date(2026, 1, 1))
    ends_that_day = OfficerAssignmentFactory.create(
        starts_on=datetime.date(2025, 1, 1), ends_on=day
    )
    OfficerAssignmentFactory.create(
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2026, 2, 28)
    )
    OfficerAssignmentFactory.create(starts_on=datetime.date(2026, 3, 2))
    assert set(OfficerAssignment.objects.active_on(day)) == {open_ended, ends_that_day}
