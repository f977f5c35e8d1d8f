import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from luotsi.subscriptions.models import Subscriber
from luotsi.subscriptions.retention import unconfirmed_subscribers_delete_expired
from luotsi.testing import subscriptions as sb

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@override_settings(RETENTION_UNCONFIRMED_SUBSCRIBERS_DAYS=30)
def test_a_subscription_never_confirmed_is_deleted_after_the_period_and_a_confirmed_one_stays():
    unconfirmed = sb.subscriber("never@example.net", confirmed=False)
    confirmed = sb.subscriber("kept@example.net")
    made = timezone.now()
    Subscriber.objects.update(created_at=made)

    assert unconfirmed_subscribers_delete_expired(now=made + 29 * DAY) == {"deleted": 0}
    assert unconfirmed_subscribers_delete_expired(now=made + 30 * DAY + DAY) == {"deleted": 1}

    assert not Subscriber.objects.filter(pk=unconfirmed.pk).exists()
    assert Subscriber.objects.get(pk=confirmed.pk).email == "kept@example.net"
    assert unconfirmed_subscribers_delete_expired(now=made + 300 * DAY) == {"deleted": 0}


def test_a_dry_run_deletes_no_subscription():
    sb.subscriber("never@example.net", confirmed=False)
    later = timezone.now() + 300 * DAY
    assert unconfirmed_subscribers_delete_expired(now=later, dry_run=True) == {"deleted": 1}
    assert Subscriber.objects.count() == 1
