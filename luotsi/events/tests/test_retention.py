import datetime

import pytest
from django.test import override_settings

from luotsi.events import selectors
from luotsi.events.models import Registration
from luotsi.events.retention import registrations_anonymise_expired
from luotsi.testing import events as ev

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@override_settings(EVENTS_ANONYMISE_AFTER_DAYS=30)
def test_registrations_are_anonymised_when_the_period_after_the_event_ends_not_a_day_before(
    personas,
):
    event = ev.event(personas)
    registration = ev.registration(event, email="came@example.org", attended=True)
    counts = selectors.registration_counts(event)
    expiry = event.end + 30 * DAY

    assert registrations_anonymise_expired(now=expiry - DAY) == {"anonymised": 0}
    assert registrations_anonymise_expired(now=expiry + DAY, dry_run=True) == {"anonymised": 1}
    assert Registration.objects.get(pk=registration.pk).email == "came@example.org"
    assert registrations_anonymise_expired(now=expiry + DAY) == {"anonymised": 1}
    assert registrations_anonymise_expired(now=expiry + DAY) == {"anonymised": 0}

    assert Registration.objects.get(pk=registration.pk).email == ""
    assert selectors.registration_counts(event) == counts
