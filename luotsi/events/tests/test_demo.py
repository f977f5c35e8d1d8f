import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from luotsi.accounts.models import User
from luotsi.events import selectors
from luotsi.events.demo import seed_events
from luotsi.events.models import (
    Event,
    EventCost,
    EventsBudget,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from luotsi.network.demo import seed_network

pytestmark = pytest.mark.django_db


def test_demo_events_fill_every_district_with_held_and_coming_events_once():
    call_command("seed_demo", force=True, stdout=io.StringIO())
    seed_network()

    counts = seed_events()

    assert counts["events"] == Event.objects.count() >= 50
    assert counts["registrations"] == Registration.objects.count() > 0
    assert counts["costs"] == EventCost.objects.count() > 0
    assert counts["budgets"] == EventsBudget.objects.count() >= 8
    for field in ("title_fi", "title_sv", "title_en"):
        assert not Event.objects.exclude(**{f"{field}__endswith": " (demo)"}).exists()
    assert not Registration.objects.exclude(email__endswith="@demo.luotsi.example").exists()
    for number in range(1, 8):  # Östersundom (8) has no events of its own
        here = Event.objects.filter(district__major_district__number=number)
        assert here.past().filter(status=EventStatus.COMPLETED).exists(), number
        assert here.upcoming().filter(status=EventStatus.PUBLISHED).exists(), number
        assert here.filter(status=EventStatus.DRAFT).exists(), number
    # Held events went through the attendance service: who came, and a network log entry.
    held = Event.objects.filter(status=EventStatus.COMPLETED)
    assert not held.filter(interaction__isnull=True).exists()
    assert Registration.objects.filter(event__in=held, attended=True).exists()
    assert Registration.objects.filter(event__in=held, attended=False).exists()
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).exists()
    assert Event.objects.filter(status=EventStatus.CANCELLED).count() == 1
    assert Event.objects.filter(series__isnull=False).count() == 4

    # Budgets are partly used in every district with events, and nowhere overspent.
    coordinator = User.objects.get(email="coordinator@demo.luotsi.example")
    used: dict[int, Decimal] = {}
    for year in EventsBudget.objects.values_list("year", flat=True).distinct():
        lines, _total = selectors.budget_lines(coordinator, year)
        assert all(line.remaining > 0 for line in lines)
        for line in lines:
            assert line.major_district is not None
            number = line.major_district.number
            used[number] = used.get(number, Decimal(0)) + line.committed + line.spent
    assert all(used[number] > 0 for number in range(1, 8))
    assert EventCost.objects.filter(status="spent").exists()
    assert EventCost.objects.filter(status="committed").exists()

    out = io.StringIO()
    call_command("seed_events_demo", force=True, stdout=out)
    assert out.getvalue().strip() == "Demo events exist already."
    assert seed_events() == {}
    assert Event.objects.count() == counts["events"]
    assert Registration.objects.count() == counts["registrations"]


def test_the_command_refuses_to_run_without_debug():
    with pytest.raises(CommandError):
        call_command("seed_events_demo", stdout=io.StringIO())
    assert not Event.objects.exists()
