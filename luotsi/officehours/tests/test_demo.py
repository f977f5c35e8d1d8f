import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from luotsi.accounts.models import OfficerAssignment
from luotsi.officehours.demo import seed_office_hours
from luotsi.officehours.models import OfficeHours
from luotsi.officehours.selectors import slots_for

pytestmark = pytest.mark.django_db


def test_every_current_demo_officer_gets_office_hours_with_free_slots_once():
    call_command("seed_demo", force=True, stdout=io.StringIO())

    counts = seed_office_hours()

    officers = set(OfficerAssignment.objects.current().values_list("officer", flat=True))
    assert set(OfficeHours.objects.values_list("officer", flat=True)) == officers
    assert counts["officers with office hours"] == len(officers) >= 7
    hours = OfficeHours.objects.select_related("officer").first()
    assert hours is not None
    assert slots_for(hours.officer, timezone.localdate(), 8)
    assert seed_office_hours() == {}
