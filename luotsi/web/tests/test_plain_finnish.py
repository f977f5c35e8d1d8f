"""Plain-language Finnish (selkosuomi) as a page language: chosen like the others, served on
the public pages with its own wording, falling back to standard Finnish elsewhere, and never
stored as anybody's message language."""

import html as html_lib

import pytest
from django.test import Client
from django.utils import translation

from luotsi.concerns.models import Message
from luotsi.testing import concerns as cn
from luotsi.web.languages import PLAIN_FINNISH, language_name, message_language

pytestmark = pytest.mark.django_db


def plain(client: Client) -> Client:
    client.cookies["django_language"] = PLAIN_FINNISH
    return client


def in_plain_and_standard(msgid: str) -> tuple[str, str]:
    with translation.override(PLAIN_FINNISH):
        simple = translation.gettext(msgid)
    with translation.override("fi"):
        standard = translation.gettext(msgid)
    return simple, standard


def test_the_find_your_officer_page_is_served_in_plain_finnish(client: Client, personas):
    simple, standard = in_plain_and_standard("Find your liaison officer")
    assert simple != standard, "the plain catalogue must simplify the page's heading"
    page = plain(client).get("/areas/").content.decode()
    assert f'<html lang="{PLAIN_FINNISH}">' in page
    assert html_lib.escape(simple) in page
    assert html_lib.escape(standard) not in page


def test_the_language_switcher_offers_plain_finnish_by_its_own_name(client: Client, personas):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert f'value="{PLAIN_FINNISH}" lang="{PLAIN_FINNISH}"' in page
    assert ">Selkosuomi</button>" in page
    response = client.post("/i18n/setlang/", {"language": PLAIN_FINNISH, "next": "/events/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == PLAIN_FINNISH
    assert f'<html lang="{PLAIN_FINNISH}">' in client.get("/events/").content.decode()


def test_strings_without_a_plain_version_fall_back_to_standard_finnish(personas):
    unknown = "no such string in any catalogue"  # a variable, so makemessages skips it
    with translation.override(PLAIN_FINNISH):
        assert translation.gettext("Dashboard") == "Työpöytä"
        assert translation.gettext(unknown) == unknown


def test_content_fields_fall_back_to_finnish_under_plain_finnish(client: Client, personas):
    page = plain(client).get("/areas/101/").content.decode()
    assert "Vironniemi" in page  # the Finnish name, not the Swedish "Estnäs"


def test_a_message_sent_from_a_plain_finnish_page_is_answered_in_finnish(client: Client, personas):
    form = plain(client).get("/concerns/new/").content.decode()
    assert 'value="fi" selected' in form
    response = client.post(
        "/concerns/new/",
        {
            "kind": "idea",
            "service": cn.service("parks").pk,
            "description": "Lisää penkkejä puistoon.",
            "language": "fi",
        },
    )
    assert response.status_code == 302
    assert Message.objects.get(description="Lisää penkkejä puistoon.").language == "fi"


def test_the_plain_tag_is_not_accepted_as_a_message_language(client: Client, personas):
    response = plain(client).post(
        "/concerns/new/",
        {
            "kind": "idea",
            "service": cn.service("parks").pk,
            "description": "x",
            "language": PLAIN_FINNISH,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400  # the form again, with the field's error
    assert response.context["form"].errors["language"]
    assert not Message.objects.filter(description="x").exists()


def test_message_language_maps_page_languages_to_the_languages_people_are_written_to():
    assert message_language(PLAIN_FINNISH) == "fi"
    assert message_language("sv") == "sv"
    assert message_language("en-gb") == "en"
    assert message_language("de") == "fi"
    with translation.override("en"):
        assert language_name(PLAIN_FINNISH) == "Plain Finnish"
