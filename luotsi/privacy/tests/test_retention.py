import datetime
import io
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import models
from django.test import override_settings
from django.utils import timezone, translation

from luotsi.concerns.models import Message, MessageStatus
from luotsi.privacy.models import AuditEvent
from luotsi.privacy.retention import declarations, declared_models, humanise_days
from luotsi.privacy.tasks import purge_expired
from luotsi.subscriptions.models import Subscriber
from luotsi.testing import concerns as cn
from luotsi.testing import subscriptions as sb

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The assertions read the English names of the periods and of the kinds."""
    with translation.override("en"):
        yield


# Field names that hold a person's identity or contact details wherever they appear.
PERSONAL_FIELD_NAMES = {"email", "phone", "full_name", "contact_name", "contact_email"}
# Models whose personal data the heuristic cannot see (photos, uploaded rows, roles, logs).
KNOWN_PERSONAL_MODELS = {
    "concerns.photo",
    "network.importbatch",
    "network.affiliation",
    "privacy.auditevent",
    "sessions.session",
    "officehours.officerprofile",
    "axes.accessattempt",
    "otp_totp.totpdevice",
    "budgeting.proposal",
    "budgeting.ballot",
    "budgeting.ballotchoice",
    "budgeting.workspacemember",
    "budgeting.workspacetask",
}


def personal_fields(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.EmailField) or field.name in PERSONAL_FIELD_NAMES
    ]


def personal_models() -> set[str]:
    return {
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.app_label != "located_app" and personal_fields(model)
    } | KNOWN_PERSONAL_MODELS


def test_the_heuristic_finds_personal_data_where_it_is():
    assert personal_fields(Subscriber) == ["email"]
    assert personal_fields(Message) == ["contact_name", "contact_email"]
    assert {"events.registration", "network.contact", "accounts.user"} <= personal_models()


def test_every_model_with_personal_data_declares_its_purpose_and_retention():
    """Adding a model with an e-mail or phone field (or another kind of personal data) fails
    here until a `retention.py` declares it."""
    undeclared = personal_models() - declared_models()
    assert undeclared == set(), f"declare these in their app's retention.py: {undeclared}"


def test_every_declaration_names_existing_models_and_a_retention_rule():
    for declaration in declarations():
        for label in declaration.models:
            apps.get_model(label)
        assert declaration.retention_days is not None or declaration.retention_note
        assert declaration.purge is not None or declaration.retention_setting is None


def test_retention_periods_read_as_people_say_them():
    assert humanise_days(730) == "2 years"
    assert humanise_days(90) == "3 months"
    assert humanise_days(1) == "1 day"
    assert humanise_days(45) == "45 days"


@pytest.mark.django_db
def test_purge_expired_dry_run_reports_every_kind_and_changes_nothing(personas):
    old = timezone.now() - 3000 * DAY
    message = cn.message(contact_email="aino@example.org", consent=True)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.CLOSED, closed_at=old)
    sb.subscriber("never@example.net", confirmed=False)
    Subscriber.objects.update(created_at=old)
    audits = AuditEvent.objects.count()
    out = io.StringIO()

    call_command("purge_expired", "--dry-run", stdout=out)

    text = out.getvalue()
    for declaration in declarations():
        if declaration.purge is not None:
            assert str(declaration.title) in text
    assert "Residents' messages and concerns (2 years): anonymised 1" in text
    assert "E-mail subscriptions (1 month): deleted 1" in text
    assert Message.objects.get(pk=message.pk).contact_email == "aino@example.org"
    assert Subscriber.objects.count() == 1
    assert AuditEvent.objects.count() == audits

    call_command("purge_expired", stdout=io.StringIO())

    assert Message.objects.get(pk=message.pk).contact_email == ""
    assert Subscriber.objects.count() == 0
    types = list(AuditEvent.objects.order_by("pk")[audits:].values_list("object_type", flat=True))
    assert sorted(types) == ["concerns.message", "subscriptions.subscriber"]


@pytest.mark.django_db
def test_the_task_runs_every_kind_and_removes_expired_sessions():
    Session.objects.create(session_key="old", session_data="", expire_date=timezone.now() - DAY)
    Session.objects.create(session_key="new", session_data="", expire_date=timezone.now() + DAY)

    result = purge_expired.enqueue().return_value

    assert result is not None and result["sessions"] == {"deleted": 1}
    assert set(result) == {d.key for d in declarations() if d.purge is not None}
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


@override_settings(RETENTION_MESSAGES_DAYS=365)
@pytest.mark.django_db
def test_the_command_shows_the_period_in_force():
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "Residents' messages and concerns (1 year): nothing to do" in out.getvalue()
