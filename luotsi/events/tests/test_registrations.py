import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone, translation

from luotsi.events import registrations
from luotsi.events.models import Registration, RegistrationStatus
from luotsi.testing import events as ev

pytestmark = pytest.mark.django_db


def register(event, email, language="fi", **extra):
    values = {"name": email.split("@")[0], "consent": True, **extra}
    return registrations.registration_create(event=event, email=email, language=language, **values)


def test_people_beyond_capacity_wait_and_move_up_in_order_when_someone_cancels(
    personas, django_capture_on_commit_callbacks
):
    event = ev.event(personas, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, "a@example.org")
        register(event, "b@example.org")
        third = register(event, "c@example.org", language="sv")
        fourth = register(event, "d@example.org")
    assert [first.status, third.status, fourth.status] == ["confirmed", "waitlisted", "waitlisted"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registrations.registration_cancel(registration=first)

    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED and third.promoted_at is not None
    assert fourth.status == RegistrationStatus.WAITLISTED
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["a@example.org"].startswith("Ilmoittautumisesi on peruttu")
    # The promoted person hears it in the language they chose: Swedish.
    with translation.override("sv"):
        assert subjects["c@example.org"].startswith("En plats blev ledig")
    assert "d@example.org" not in subjects


def test_the_confirmation_email_is_in_the_registrants_language_with_a_working_cancel_link(
    personas, django_capture_on_commit_callbacks
):
    event = ev.event(personas)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, "sven@example.org", language="sv", language_needs="tolk")
    (message,) = mail.outbox
    assert message.to == ["sven@example.org"]
    assert message.subject == "Du är anmäld: Invånarkafé"
    assert "Hej sven," in message.body
    link = next(line for line in message.body.splitlines() if "/registrations/" in line)
    path = link.split("http://testserver", 1)[-1].split("127.0.0.1:8000", 1)[-1].split()[-1]
    assert path.endswith(f"/events/registrations/{registration.token}/")
    client = Client()
    assert client.get(path.split("8000", 1)[-1]).status_code == 200


def test_registration_after_it_closes_is_refused_with_a_clear_error(personas):
    start = timezone.now() + datetime.timedelta(days=2)
    event = ev.event(
        personas, start=start, registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        register(event, "late@example.org")
    assert error.value.messages == ["Registration for this event has closed."]
    assert not event.registrations.exists()


def test_registration_is_refused_for_events_without_registration_or_not_published(personas):
    for event in (
        ev.event(personas, registration_enabled=False),
        ev.event(personas, status="draft", published_at=None),
        ev.event(personas, status="cancelled"),
    ):
        with pytest.raises(ValidationError):
            register(event, "x@example.org")


def test_the_same_email_cannot_register_twice_but_may_again_after_cancelling(personas):
    event = ev.event(personas)
    first = register(event, "Twice@Example.org")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        register(event, "twice@example.org ")
    assert error.value.message_dict == {
        "email": ["This e-mail address is already registered for the event."]
    }
    registrations.registration_cancel(registration=first)
    again = register(event, "twice@example.org")
    assert again.status == RegistrationStatus.CONFIRMED


def test_the_database_refuses_a_second_active_registration_with_the_same_email(personas):
    event = ev.event(personas)
    ev.registration(event, email="dup@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        ev.registration(event, email="dup@example.org")


def test_registration_without_consent_is_refused(personas):
    event = ev.event(personas)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        register(event, "no@example.org", consent=False)
    assert "consent" in error.value.message_dict


def test_a_cancelled_registration_cannot_be_cancelled_twice_and_nothing_after_the_start(
    personas,
):
    event = ev.event(personas)
    registration = register(event, "once@example.org")
    registrations.registration_cancel(registration=registration)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        registrations.registration_cancel(registration=registration)
    assert error.value.messages == ["This registration has already been cancelled."]

    started = ev.event(personas, start=timezone.now() - datetime.timedelta(minutes=5))
    late = ev.registration(started)
    with pytest.raises(ValidationError):
        registrations.registration_cancel(registration=late)


def test_the_registration_page_registers_and_the_personal_link_cancels(personas):
    event = ev.event(personas, capacity=1)
    client = Client()
    response = client.post(
        f"/events/{event.pk}/register/",
        {
            "name": "Riikka",
            "email": "riikka@example.org",
            "language": "en",
            "accessibility_needs": "Wheelchair",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="riikka@example.org")
    assert response["Location"] == f"/events/registrations/{registration.token}/"
    page = client.get(response["Location"])
    assert "Wheelchair" in page.content.decode()

    # Someone else's link: a guessed token finds nothing.
    assert client.post("/events/registrations/guessed-token/cancel/").status_code == 404
    assert client.post(f"/events/registrations/{registration.token}/cancel/").status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_the_registration_form_names_each_field_at_fault(personas):
    event = ev.event(personas)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        f"/events/{event.pk}/register/",
        {"name": "", "email": "not-an-email", "phone": "12", "language": "xx"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"name", "email", "phone", "language", "consent"}
    assert not event.registrations.exists()


def test_raising_the_capacity_moves_people_up_from_the_waiting_list(personas):
    from luotsi.events import services

    event = ev.event(personas, capacity=1)
    register(event, "one@example.org")
    waiting = register(event, "two@example.org")
    event.capacity = 2
    services.event_save(event=event, by=personas.officer_south)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
