"""The erasure pages: the coordinator erases anybody's data after typing the address again;
a resident erases their own account with their password and is signed out."""

from collections.abc import Iterator

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import translation

from luotsi.accounts.models import User
from luotsi.events.models import Registration
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.testing import events as ev
from luotsi.testing.factories import TEST_PASSWORD


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def signed_in(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_coordinator_sees_what_will_go_and_erases_after_typing_the_address(personas):
    ev.registration(ev.event(personas), email="Aino.Asukas@example.org", name="Aino Asukas")
    client = signed_in(personas.coordinator)

    found = client.get("/privacy/subject/", {"email": "aino.asukas@example.org"})
    assert b"/privacy/subject/erase/?email=aino.asukas%40example.org" in found.content
    page = client.get("/privacy/subject/erase/", {"email": "aino.asukas@example.org"})
    assert page.status_code == 200
    assert [(label, n) for label, _, n in page.context["counts"]] == [("events.registration", 1)]
    assert "Registrations" in page.content.decode()

    wrong = client.post(
        "/privacy/subject/erase/",
        {"email": "aino.asukas@example.org", "confirm": "aino.asukas@example.com"},
    )
    assert wrong.status_code == 400
    assert "This is not the address of the person shown" in wrong.content.decode()
    assert 'href="#id_confirm"' in wrong.content.decode()  # the error summary links to it
    assert Registration.objects.get().name == "Aino Asukas"

    done = client.post(
        "/privacy/subject/erase/",
        {"email": "aino.asukas@example.org", "confirm": " AINO.ASUKAS@example.org "},
        follow=True,
    )
    assert done.redirect_chain == [("/privacy/subject/", 302)]
    assert "The person&#x27;s data was erased (Registrations: 1)." in done.content.decode()
    assert Registration.objects.get().name == "—"
    assert AuditEvent.objects.filter(action=AuditAction.ERASE, object_type="person").exists()


def test_a_tampered_address_is_refused_with_the_form_error(personas):
    response = signed_in(personas.coordinator).post(
        "/privacy/subject/erase/", {"email": "not an address", "confirm": "not an address"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["email"]
    assert not AuditEvent.objects.filter(action=AuditAction.ERASE).exists()


def test_a_resident_erases_their_own_account_with_their_password(personas):
    resident = personas.resident
    ev.registration(ev.event(personas), email=resident.email, name="Riku Resident")
    client = signed_in(resident)

    page = client.get("/privacy/erase/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Staff accounts cannot be erased here" in text
    assert resident.email in text
    assert ("events.registration", 1) in [(label, n) for label, _, n in page.context["counts"]]
    assert b'href="/privacy/erase/"' in client.get("/privacy/export/").content

    wrong = client.post("/privacy/erase/", {"password": "not my password"})
    assert wrong.status_code == 400
    assert "The password is not correct." in wrong.content.decode()
    # A wrong password counts towards the sign-in lockout like any other.
    assert AccessAttempt.objects.filter(username=resident.email).exists()
    assert User.objects.get(pk=resident.pk).is_active

    done = client.post("/privacy/erase/", {"password": TEST_PASSWORD}, follow=True)
    assert done.redirect_chain == [("/privacy/erase/done/", 302)]
    assert "Your data has been erased" in done.content.decode()
    account = User.objects.get(pk=resident.pk)
    assert not account.is_active and account.email == f"erased-{account.pk}@invalid"
    assert Registration.objects.get().email == ""
    # Signed out: the pages for signed-in people send to the sign-in.
    assert client.get("/privacy/export/").status_code == 302
    assert not AccessAttempt.objects.filter(username=resident.email).exists()
    erased = AuditEvent.objects.get(action=AuditAction.ERASE, object_type="person")
    assert erased.actor_id == resident.pk and erased.object_id == str(resident.pk)


def test_staff_cannot_erase_their_own_account_and_are_not_offered_it(personas):
    client = signed_in(personas.officer_south)
    assert client.get("/privacy/erase/").status_code == 403
    assert client.post("/privacy/erase/", {"password": TEST_PASSWORD}).status_code == 403
    assert b'href="/privacy/erase/"' not in client.get("/privacy/export/").content
    assert User.objects.get(pk=personas.officer_south.pk).is_active
