"""What the voter is told after posting the ballot: "recorded" only to the submission that
made the ballot, "changed" to any other, even one whose page was read before the voter's other
browser cast it (the race tests in tests/security/test_races.py post them at once)."""

from unittest import mock

import pytest
from django.utils import translation

from luotsi.budgeting import selectors_voting
from luotsi.budgeting.models import Ballot, Phase
from luotsi.testing import budgeting as pb
from luotsi.testing import voting as v

pytestmark = pytest.mark.django_db

RECORDED = "Thank you: your vote has been recorded."
CHANGED = "Your vote has been changed."


def test_a_ballot_cast_in_between_by_another_browser_is_told_as_changed(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING, max_choices=2)
    plan1, plan2 = pb.plan(personas, cycle), pb.plan(personas, cycle)
    url = f"/budgeting/{cycle.slug}/vote/"
    first, second = v.voter_client(), v.voter_client()  # one person, two browsers
    with translation.override("en"):
        response = first.post(url, {"major_district": 1, "plans": [plan1.pk]})
        assert response.status_code == 302
        assert RECORDED in first.get(response["Location"]).content.decode()
        # The second browser's request read no ballot: the first one's came in between.
        with mock.patch.object(selectors_voting, "ballot_of", return_value=None):
            response = second.post(url, {"major_district": 1, "plans": [plan2.pk]})
        assert response.status_code == 302
        page = second.get(response["Location"]).content.decode()
    assert CHANGED in page and RECORDED not in page
    ballot = Ballot.objects.get(cycle=cycle)
    assert ballot.revision == 1
    assert list(ballot.choices.values_list("plan", flat=True)) == [plan2.pk]
