"""Voters for tests: identify through the development identity provider (the real
mozilla-django-oidc flow, driven through the test client), or put an identity straight into a
client's session when the flow itself is not what is tested."""

import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.utils import timezone

from luotsi.budgeting.identity import (
    SESSION_KEY,
    VoterIdentity,
    identity_from_claims,
    person_hash,
)

# Valid personal identity codes (check characters correct), born 1990, 1952, 2010 and 2015.
ADULT = "010190-123M"
SENIOR = "131052-308T"
TEEN = "150610A9978"
CHILD = "010115A998H"


def identity(
    person_id: str = ADULT,
    *,
    born: datetime.date = datetime.date(1990, 1, 1),
    municipality: str = "091",
) -> VoterIdentity:
    return identity_from_claims(
        person_id=person_id, born=born, municipality=municipality, method="dev"
    )


def voter_client(who: VoterIdentity | None = None, language: str = "en") -> Client:
    """A client whose session holds a verified voter identity (no Luotsi account)."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    session = client.session
    session[SESSION_KEY] = (who or identity()).as_session()
    session.save()
    return client


def _expect(response: Any, status: int) -> None:
    if response.status_code != status:
        raise AssertionError(f"expected {status}, got {response.status_code}")


def identify_via_dev_provider(
    client: Client,
    *,
    person_id: str = ADULT,
    birthdate: str = "1990-01-01",
    municipality: str = "091",
    next_url: str = "",
) -> str:
    """Run the whole identification: our OIDC request view, the provider's form, the callback.
    Returns where the callback redirected to."""
    start = client.get("/budgeting/identify/oidc/", {"next": next_url} if next_url else {})
    _expect(start, 302)
    location = start["Location"]
    authorize = client.get(location)
    _expect(authorize, 200)
    params = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    answer = client.post(
        "/budgeting/identify/dev/authorize/",
        {
            **params,
            "person_id": person_id,
            "birthdate": birthdate,
            "municipality": municipality,
        },
    )
    _expect(answer, 302)
    callback = client.get(answer["Location"])
    _expect(callback, 302)
    return str(callback["Location"])


def person(person_id: str) -> str:
    return person_hash(person_id)


def now() -> datetime.datetime:
    return timezone.now()
