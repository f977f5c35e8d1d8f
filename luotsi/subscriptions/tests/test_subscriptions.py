import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone, translation

from luotsi.areas.models import District
from luotsi.privacy.models import AuditEvent
from luotsi.subscriptions import announcements, services
from luotsi.subscriptions.digests import digest_run, iso_week
from luotsi.subscriptions.models import (
    AnnouncementDelivery,
    DigestDelivery,
    DigestStatus,
    Subscriber,
)
from luotsi.testing import subscriptions as sub
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages are checked in the source language (the default language is Finnish)."""
    with translation.override("en"):
        yield


LINK = re.compile(r"https?://\S+/subscribe/(confirm|manage|unsubscribe)/([\w-]+)/")


def _links(body: str) -> dict[str, str]:
    return dict(LINK.findall(body))


def _subscribe(capture, email="anna@example.net", language="sv", **extra) -> Subscriber:
    with capture(execute=True):
        return services.subscribe(
            email=email,
            language=language,
            districts=District.objects.filter(code="101"),
            **extra,
        )


# --- subscribing -------------------------------------------------------------------------


def test_invalid_email_is_refused_and_nothing_is_stored(db):
    with pytest.raises(ValidationError) as info:
        services.subscribe(email="not-an-address", language="fi", districts=[])
    assert "email" in info.value.error_dict
    assert not Subscriber.objects.exists()


def test_invalid_email_on_the_form_rerenders_with_a_message(client: Client):
    response = client.post(
        "/subscribe/", {"email": "nope", "language": "en", "areas": ["101"], "consent": "on"}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["email"]
    assert not Subscriber.objects.exists()


def test_subscribe_sends_a_confirmation_in_the_chosen_language(
    django_capture_on_commit_callbacks,
):
    subscriber = _subscribe(django_capture_on_commit_callbacks, language="sv")
    assert subscriber.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["anna@example.net"]
    assert message.extra_headers["Content-Language"] == "sv"
    assert _links(str(message.body))["confirm"] == subscriber.token


def test_a_second_subscription_with_the_same_address_resends_the_link_instead(
    django_capture_on_commit_callbacks,
):
    first = _subscribe(django_capture_on_commit_callbacks, email="Anna@Example.net")
    services.confirm(token=first.token)
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.AlreadySubscribed) as info,
    ):
        services.subscribe(
            email="anna@example.NET", language="en", districts=District.objects.filter(code="102")
        )
    assert "already subscribed" in str(info.value.error_dict["email"])
    assert Subscriber.objects.count() == 1
    (message,) = mail.outbox
    assert _links(str(message.body))["manage"] == first.token


def test_the_database_allows_one_active_subscription_per_address(db):
    from django.db import IntegrityError

    sub.subscriber("a@example.net")
    with pytest.raises(IntegrityError):
        sub.subscriber("A@example.net")


def test_the_confirmation_link_expires_after_three_days(django_capture_on_commit_callbacks):
    subscriber = _subscribe(django_capture_on_commit_callbacks)
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=3, minutes=1)
    )
    with pytest.raises(ValidationError, match="expired: subscribe again"):
        services.confirm(token=subscriber.token)
    response = Client().get(f"/subscribe/confirm/{subscriber.token}/")
    assert response.status_code == 410
    # Subscribing again with the same address works: the stale row goes.
    again = _subscribe(django_capture_on_commit_callbacks)
    assert again.pk != subscriber.pk
    assert Subscriber.objects.count() == 1


def test_confirm_then_unsubscribe_by_the_links(django_capture_on_commit_callbacks):
    subscriber = _subscribe(django_capture_on_commit_callbacks)
    client = Client()
    links = _links(str(mail.outbox[0].body))
    assert client.get(f"/subscribe/confirm/{links['confirm']}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed

    # GET only shows the button (mail scanners open links); POST unsubscribes.
    page = client.get(f"/subscribe/unsubscribe/{links['unsubscribe']}/")
    assert page.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None
    assert client.post(f"/subscribe/unsubscribe/{links['unsubscribe']}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    assert subscriber.email == ""
    assert client.get(f"/subscribe/manage/{subscriber.token}/").status_code == 404


def test_manage_changes_language_and_areas(client: Client, db):
    subscriber = sub.subscriber()
    response = client.post(
        f"/subscribe/manage/{subscriber.token}/", {"language": "en", "areas": ["m7", "102"]}
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert [d.code for d in subscriber.districts.all()] == ["102"]
    assert [m.number for m in subscriber.major_districts.all()] == [7]


# --- digests -------------------------------------------------------------------------------


def test_the_digest_sends_each_subscriber_one_message_a_week_in_their_language(db):
    sub.opportunity()
    fi = sub.subscriber("fi@example.net", language="fi")
    en = sub.subscriber("en@example.net", language="en")
    sub.subscriber("east@example.net", district_codes=["704"])  # nothing there
    sub.subscriber("pending@example.net", confirmed=False)

    first = digest_run()
    second = digest_run()

    assert (first.sent, first.empty, second.sent, second.skipped) == (2, 1, 0, 3)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["en@example.net", "fi@example.net"]
    assert len(mail.outbox) == 2
    assert "Hearing about the Kruununhaka park" in str(by_address["en@example.net"].body)
    assert by_address["en@example.net"].subject.startswith("Ways to take part in your area")
    assert by_address["en@example.net"].extra_headers["Content-Language"] == "en"
    assert by_address["fi@example.net"].extra_headers["Content-Language"] == "fi"
    for subscriber in (fi, en):
        (delivery,) = DigestDelivery.objects.filter(subscriber=subscriber)
        assert delivery.status == DigestStatus.SENT
        assert delivery.item_keys == [f"opportunity:{sub.Opportunity.objects.get().pk}"]


def test_next_weeks_digest_has_only_what_is_new(db):
    sub.opportunity(days_left=40)
    sub.subscriber()
    digest_run()
    next_week = timezone.now() + datetime.timedelta(days=7)
    report = digest_run(now=next_week)
    assert (report.sent, report.empty) == (0, 1)  # nothing new, deadline still far
    sub.opportunity("Survey about the library", kind="survey")
    report = digest_run(now=next_week + datetime.timedelta(days=7))
    assert report.sent == 1
    assert "Survey about the library" in str(mail.outbox[-1].body)
    assert iso_week(next_week) != iso_week(timezone.now())


@override_settings(EMAIL_BACKEND="luotsi.testing.subscriptions.FlakyEmailBackend")
def test_an_interrupted_digest_run_resumes_and_nobody_gets_two(db):
    sub.opportunity()
    addresses = ["a@example.net", "b@example.net", "c@example.net"]
    for address in addresses:
        sub.subscriber(address)
    sub.FlakyEmailBackend.FAIL_ONCE_FOR = {"b@example.net"}

    first = digest_run()
    assert (first.sent, first.failed) == (2, 1)
    assert DigestDelivery.objects.get(subscriber__email="b@example.net").status == "failed"

    second = digest_run()
    assert (second.sent, second.skipped, second.failed) == (1, 2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == addresses  # each exactly once
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {"sent"}


def test_the_send_digests_command_runs_the_digest(db):
    sub.opportunity()
    sub.subscriber()
    call_command("send_digests")
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_every_mail_carries_the_unsubscribe_link(
    django_capture_on_commit_callbacks, personas: Personas
):
    subscriber = _subscribe(django_capture_on_commit_callbacks)  # confirm
    services.confirm(token=subscriber.token)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.subscribe(email=subscriber.email, language="fi", districts=[])  # manage
    sub.opportunity()
    digest_run()  # digest
    with django_capture_on_commit_callbacks(execute=True):
        announcement = announcements.announcement_create(
            by=personas.officer_south,
            subject="Park clean-up",
            body="Join us.",
            districts=District.objects.filter(code="101"),
        )
        announcements.announcement_send(announcement=announcement, by=personas.officer_south)
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        assert _links(str(message.body)).get("unsubscribe") == subscriber.token


# --- announcements -----------------------------------------------------------------------


def test_announcements_reach_only_confirmed_subscribers_of_those_districts_once(
    django_capture_on_commit_callbacks, personas: Personas
):
    sub.subscriber("vironniemi@example.net", language="en")
    sub.subscriber("whole-south@example.net", district_codes=[], major_numbers=[1])
    sub.subscriber("pending@example.net", confirmed=False)
    sub.subscriber("east@example.net", district_codes=["704"])
    gone = sub.subscriber("gone@example.net")
    services.unsubscribe(token=gone.token)
    districts = District.objects.filter(code="101")

    preview = announcements.announcement_preview(districts=districts)
    with django_capture_on_commit_callbacks(execute=True):
        announcement = announcements.announcement_create(
            by=personas.officer_south, subject="Park clean-up", body="Join us.", districts=districts
        )
        sent = announcements.announcement_send(announcement=announcement, by=personas.officer_south)
    announcement.refresh_from_db()
    assert preview == sent == announcement.recipients == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "vironniemi@example.net",
        "whole-south@example.net",
    ]
    english = next(m for m in mail.outbox if m.to == ["vironniemi@example.net"])
    assert "A message from Sofia South" in str(english.body)
    assert "Join us." in str(english.body)
    assert english.extra_headers["Content-Language"] == "en"
    assert AuditEvent.objects.filter(object_type="subscriptions.announcement").exists()

    with django_capture_on_commit_callbacks(execute=True):
        again = announcements.announcement_send(
            announcement=announcement, by=personas.officer_south
        )
    assert again == 0
    assert len(mail.outbox) == 2
    assert AnnouncementDelivery.objects.count() == 2


def test_an_officer_cannot_announce_in_another_officers_districts(personas: Personas):
    with pytest.raises(PermissionDenied):
        announcements.announcement_create(
            by=personas.officer_east,
            subject="x",
            body="y",
            districts=District.objects.filter(code="101"),
        )


def test_the_announce_page_previews_then_sends(
    client: Client, personas: Personas, django_capture_on_commit_callbacks
):
    sub.subscriber()
    client.force_login(personas.officer_south)
    data = {"districts": ["101"], "subject": "Park clean-up", "body": "Join us."}
    preview = client.post(
        "/subscribe/announce/", {**data, "action": "preview"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert preview.status_code == 200
    assert "1 subscriber will get this announcement" in preview.content.decode()
    assert not mail.outbox
    # Another officer's district is not even a choice.
    refused = client.post("/subscribe/announce/", {**data, "districts": ["704"]})
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/subscribe/announce/", {**data, "action": "send"})
    assert sent.status_code == 302
    assert len(mail.outbox) == 1


# --- the subscriber list -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("officer_south", 403),
        ("business_officer", 403),
        ("official", 403),
        ("resident", 403),
        ("anonymous", 302),
    ],
)
def test_the_subscriber_list_is_the_coordinators_only(
    client: Client, personas: Personas, persona: str, status: int
):
    sub.subscriber("secret@example.net")
    if persona != "anonymous":
        client.force_login(personas.get(persona))  # type: ignore[arg-type]
    response = client.get("/subscribe/subscribers/")
    assert response.status_code == status
    assert ("secret@example.net" in response.content.decode()) == (status == 200)


def test_anonymous_subscriptions_are_rate_limited_per_address(
    personas: Personas, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django.test import override_settings

    cache.clear()
    client = Client()
    with (
        override_settings(CONCERNS_ANONYMOUS_PER_HOUR=2),
        django_capture_on_commit_callbacks(execute=True),
    ):
        statuses = [
            client.post(
                "/subscribe/",
                {
                    "email": f"flood{n}@example.org",
                    "language": "fi",
                    "areas": ["101"],
                    "consent": "on",
                },
            ).status_code
            for n in range(3)
        ]
    cache.clear()
    assert statuses[-1] == 429
    assert len(mail.outbox) == 2
