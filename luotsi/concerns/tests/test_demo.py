import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from luotsi.concerns.demo import MARK, seed_messages
from luotsi.concerns.models import Message, MessageStatus

pytestmark = pytest.mark.django_db


def test_demo_messages_cluster_age_realistically_and_are_made_once():
    call_command("seed_demo", force=True, stdout=io.StringIO())

    counts = seed_messages(count=150)

    assert counts["messages"] == Message.objects.count() == 150
    assert not Message.objects.exclude(description__startswith=MARK).exists()
    assert (
        not Message.objects.exclude(contact_email="")
        .exclude(contact_email__endswith="@demo.luotsi.example")
        .exists()
    )
    statuses = set(Message.objects.values_list("status", flat=True))
    assert {MessageStatus.ANSWERED, MessageStatus.CLOSED} <= statuses
    # The clusters show up as sub-districts with many messages.
    busiest = (
        Message.objects.exclude(sub_district=None)
        .values("sub_district")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None and busiest["n"] >= 10
    for message in Message.objects.public():
        assert message.public_text and message.public_text not in message.description
    assert seed_messages() == {}

    from luotsi.concerns.demo import seed_cases
    from luotsi.concerns.models import ConflictCase
    from luotsi.network.demo import seed_network

    seed_network()
    assert seed_cases() == 2
    for case in ConflictCase.objects.all():
        assert case.stakeholders.exists() and case.steps.count() >= 3
    assert seed_cases() == 0
