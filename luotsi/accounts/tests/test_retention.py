"""Failed sign-in attempts are personal data (address typed, network address, browser): they
are kept only as long as the lockout they count towards."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from luotsi.accounts.retention import sign_in_attempts_delete_expired
from luotsi.privacy.purging import purge_expired

pytestmark = pytest.mark.django_db


def attempt(username: str, at: datetime.datetime) -> AccessAttempt:
    row = AccessAttempt.objects.create(
        username=username,
        ip_address="192.0.2.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=at)
    return row


def test_attempts_older_than_the_lockout_are_deleted_and_newer_ones_kept():
    now = timezone.now()
    lockout = settings.AXES_COOLOFF_TIME
    attempt("old@example.org", now - lockout - datetime.timedelta(seconds=1))
    attempt("recent@example.org", now - lockout + datetime.timedelta(seconds=30))
    assert sign_in_attempts_delete_expired(now=now, dry_run=True) == {"deleted": 1}
    assert AccessAttempt.objects.count() == 2
    assert sign_in_attempts_delete_expired(now=now) == {"deleted": 1}
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent@example.org"]
    assert sign_in_attempts_delete_expired(now=now) == {"deleted": 0}


def test_purge_expired_includes_the_sign_in_attempts():
    now = timezone.now()
    attempt("old@example.org", now - settings.AXES_COOLOFF_TIME - datetime.timedelta(hours=1))
    outcomes = {o.declaration.key: o.result for o in purge_expired(now=now)}
    assert outcomes["sign_in_attempts"] == {"deleted": 1}
    assert not AccessAttempt.objects.exists()
