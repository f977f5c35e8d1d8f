import pytest
from django.test import Client, override_settings
from django.utils import translation

from luotsi.privacy.retention import declarations

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_records_page_lists_every_declaration_in_each_language(client: Client, language):
    page = client.get("/privacy/records/", HTTP_ACCEPT_LANGUAGE=language)

    assert page.status_code == 200
    html = page.content.decode()
    assert f'lang="{language}"' in html
    assert "Helsinki" in html or "Helsingfors" in html
    with translation.override(language):
        for declaration in declarations():
            assert f'id="activity-{declaration.key}"' in html
            assert str(declaration.title).replace("'", "&#x27;") in html
            assert str(declaration.purpose).replace("'", "&#x27;") in html


@override_settings(RETENTION_MESSAGES_DAYS=365, RETENTION_CONTACTS_INACTIVE_DAYS=1095)
def test_the_records_page_shows_the_retention_periods_in_force(client: Client):
    html = client.get("/privacy/records/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 year after the message was closed or answered." in html
    assert "3 years after the last interaction with the person." in html
    assert "<caption>" in html and 'scope="row"' in html


def test_every_page_links_to_the_records(client: Client):
    assert 'href="/privacy/records/"' in client.get("/").content.decode()
