import re

import pytest
from django.core import mail
from django.test import Client

from luotsi.accounts.models import User
from luotsi.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_accepts_the_email_in_any_case(client: Client, officer_south: User):
    response = client.post(
        "/accounts/login/",
        {"username": officer_south.email.upper(), "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/welcome/"
    assert client.get("/welcome/")["Location"] == "/dashboard/"


def test_resident_lands_on_the_profile_after_sign_in(client: Client, resident: User):
    client.post("/accounts/login/", {"username": resident.email, "password": TEST_PASSWORD})
    assert client.get("/welcome/")["Location"] == "/accounts/profile/"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"username": "", "password": ""},
        {"username": "x" * 10_000, "password": "y" * 10_000},
        {"username": "nul\x00l@example.org", "password": "\x00"},
        {"username": ["a@example.org", "b@example.org"], "password": "z"},
        {"username": "resident@example.org", "password": "wrong"},
    ],
)
def test_malformed_sign_in_re_renders_the_form_with_an_error(client: Client, personas, data):
    response = client.post("/accounts/login/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert b'role="alert"' in response.content
    assert "_auth_user_id" not in client.session


def test_profile_update_saves_and_switches_the_interface_language(client: Client, resident: User):
    client.force_login(resident)
    response = client.post(
        "/accounts/profile/", {"full_name": "Riku Uusi", "preferred_language": "sv"}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "sv"
    resident.refresh_from_db()
    assert (resident.full_name, resident.preferred_language) == ("Riku Uusi", "sv")
    page = client.get("/accounts/profile/")
    assert b'<html lang="sv">' in page.content


def test_profile_with_a_bad_language_names_the_field_and_saves_nothing(
    client: Client, resident: User
):
    client.force_login(resident)
    response = client.post("/accounts/profile/", {"full_name": "New", "preferred_language": "de"})
    assert response.status_code == 400
    assert "preferred_language" in response.context["form"].errors
    assert b'href="#id_preferred_language"' in response.content
    resident.refresh_from_db()
    assert resident.full_name == "Riku Resident"


def test_password_reset_by_email_link_end_to_end(client: Client, resident: User):
    response = client.post("/accounts/password/reset/", {"email": resident.email})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert response["Location"] == "/accounts/password/reset/complete/"
    # Through the sign-in page: django-axes needs the request to count attempts.
    signed_in = Client().post(
        "/accounts/login/", {"username": resident.email, "password": "a brand new passphrase"}
    )
    assert signed_in.status_code == 302


def test_password_reset_for_an_unknown_address_reveals_nothing(client: Client, personas):
    response = client.post("/accounts/password/reset/", {"email": "stranger@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_sign_out_is_a_post_and_ends_the_session(client: Client, resident: User):
    client.force_login(resident)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/profile/").status_code == 302


def test_sign_in_switches_to_the_persons_preferred_language(client: Client, resident: User):
    resident.preferred_language = "sv"
    resident.save()
    response = client.post(
        "/accounts/login/", {"username": resident.email, "password": TEST_PASSWORD}
    )
    assert response.cookies["django_language"].value == "sv"
    assert b'<html lang="sv">' in client.get("/accounts/profile/").content
