import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luotsi.accounts import services
from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role
from luotsi.areas.models import MajorDistrict
from luotsi.testing.factories import UserFactory
from luotsi.testing.territory import ensure_helsinki

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2026, 1, 1)


@pytest.fixture
def southern(db):
    ensure_helsinki()
    return MajorDistrict.objects.get(number=1)


def test_user_create_refuses_a_second_account_for_the_same_email_in_other_case():
    services.user_create(email="pia@example.org", password="a long passphrase")
    with pytest.raises(ValidationError) as error:
        services.user_create(email=" PIA@example.org ", password="another passphrase")
    assert "email" in error.value.message_dict


def test_user_create_stores_the_email_in_lower_case():
    user = services.user_create(email="Kalle.K@Example.ORG", password="a long passphrase")
    assert user.email == "kalle.k@example.org"


def test_profile_update_rejects_an_unknown_language():
    user = UserFactory.create()
    with pytest.raises(ValidationError) as error:
        services.profile_update(user=user, full_name="X", preferred_language="de")
    assert "preferred_language" in error.value.message_dict


def test_district_assignment_needs_a_district_officer_and_a_district(southern):
    resident = UserFactory.create(role=Role.RESIDENT)
    with pytest.raises(ValidationError) as error:
        services.assignment_start(
            officer=resident, kind=AssignmentKind.DISTRICT, major_districts=[], starts_on=JAN_1
        )
    assert set(error.value.message_dict) == {"officer", "major_districts"}


def test_business_assignment_is_city_wide(southern):
    officer = UserFactory.create(role=Role.BUSINESS_OFFICER)
    with pytest.raises(ValidationError) as error:
        services.assignment_start(
            officer=officer,
            kind=AssignmentKind.BUSINESS,
            major_districts=[southern],
            starts_on=JAN_1,
        )
    assert set(error.value.message_dict) == {"major_districts"}


def test_an_ended_assignment_is_kept_as_history_and_a_successor_can_start(southern):
    leaving = UserFactory.create(role=Role.DISTRICT_OFFICER)
    successor = UserFactory.create(role=Role.DISTRICT_OFFICER)
    first = services.assignment_start(
        officer=leaving, kind=AssignmentKind.DISTRICT, major_districts=[southern], starts_on=JAN_1
    )
    services.assignment_end(assignment=first, ends_on=datetime.date(2026, 6, 30))
    services.assignment_start(
        officer=successor,
        kind=AssignmentKind.DISTRICT,
        major_districts=[southern],
        starts_on=datetime.date(2026, 7, 1),
    )
    history = OfficerAssignment.objects.filter(major_districts=southern).order_by("starts_on")
    assert [a.officer for a in history] == [leaving, successor]
    assert [a.officer for a in OfficerAssignment.objects.active_on(datetime.date(2026, 7, 1))] == [
        successor
    ]


def test_assignment_end_before_start_is_refused(southern):
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER)
    assignment = services.assignment_start(
        officer=officer, kind=AssignmentKind.DISTRICT, major_districts=[southern], starts_on=JAN_1
    )
    with pytest.raises(ValidationError) as error:
        services.assignment_end(assignment=assignment, ends_on=datetime.date(2025, 12, 31))
    assert "ends_on" in error.value.message_dict


periods = st.tuples(
    st.integers(min_value=0, max_value=60), st.one_of(st.none(), st.integers(0, 60))
).map(lambda p: (p[0], None if p[1] is None else p[0] + p[1]))


# The southern fixture is read-only reference data and each example rolls back its writes.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=periods, second=periods)
def test_one_officer_never_gets_overlapping_assignments(southern, first, second):
    """Property: the second assignment is accepted exactly when the periods do not overlap."""

    def dates(period):
        start, end = period
        return (
            JAN_1 + datetime.timedelta(days=start),
            None if end is None else JAN_1 + datetime.timedelta(days=end),
        )

    (s1, e1), (s2, e2) = dates(first), dates(second)
    overlaps = (e1 is None or s2 <= e1) and (e2 is None or s1 <= e2)
    with transaction.atomic():
        officer = UserFactory.create(role=Role.DISTRICT_OFFICER)
        services.assignment_start(
            officer=officer,
            kind=AssignmentKind.DISTRICT,
            major_districts=[southern],
            starts_on=s1,
            ends_on=e1,
        )
        try:
            services.assignment_start(
                officer=officer,
                kind=AssignmentKind.DISTRICT,
                major_districts=[southern],
                starts_on=s2,
                ends_on=e2,
            )
            accepted = True
        except ValidationError as error:
            assert "starts_on" in error.message_dict
            accepted = False
        transaction.set_rollback(True)
    assert accepted is not overlaps
