"""Voter identification: identity codes, keyed hashes, the identity in the session, the full
OpenID Connect flow through the development identity provider, and the production guards."""

import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone, translation

from luotsi.budgeting.identity import (
    SESSION_KEY,
    age_on,
    identity_of,
    lives_in_city,
    person_hash,
    voter_key,
)
from luotsi.budgeting.identity.checks import check_voter_identification
from luotsi.budgeting.identity.hetu import hetu_birth_date
from luotsi.budgeting.models import Phase
from luotsi.testing import budgeting as pb
from luotsi.testing import voting as v

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


# --- Identity codes and keys ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "born"),
    [
        ("131052-308T", datetime.date(1952, 10, 13)),
        ("131052-308t", datetime.date(1952, 10, 13)),
        (" 131052\u2013308T ", datetime.date(1952, 10, 13)),  # en dash pasted
        ("131052Y308T", datetime.date(1952, 10, 13)),  # the 2023 century signs
        ("010115A998H", datetime.date(2015, 1, 1)),
        ("010115B998H", datetime.date(2015, 1, 1)),
        ("010190-123M", datetime.date(1990, 1, 1)),
    ],
)
def test_valid_identity_codes_give_the_birth_date(code, born):
    assert hetu_birth_date(code) == born


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("010190-123N", "hetu_check"),
        ("010190-123", "hetu_format"),
        ("010190*123M", "hetu_format"),
        ("310290-123M", "hetu_date"),  # 31 February
        ("010190-001M", "hetu_individual"),
    ],
)
def test_malformed_identity_codes_are_refused_without_repeating_them(code, reason):
    with pytest.raises(ValidationError) as error:
        hetu_birth_date(code)
    assert error.value.code == reason
    assert "0190" not in " ".join(error.value.messages)


def test_keys_are_hashes_that_differ_between_cycles_and_ignore_how_the_code_is_typed():
    person = person_hash("131052-308T")
    assert person == person_hash(" 131052-308t")
    assert len(person) == 64 and "131052" not in person
    assert voter_key(1, person) != voter_key(2, person)
    assert len(voter_key(1, person)) == 64
    with override_settings(PB_VOTER_KEY_SECRET="another secret"):
        assert person_hash("131052-308T") != person


def test_age_counts_whole_years_and_leap_days():
    assert age_on(datetime.date(2014, 6, 15), datetime.date(2026, 6, 14)) == 11
    assert age_on(datetime.date(2014, 6, 15), datetime.date(2026, 6, 15)) == 12
    assert age_on(datetime.date(2012, 2, 29), datetime.date(2024, 2, 28)) == 11
    assert age_on(datetime.date(2012, 2, 29), datetime.date(2024, 2, 29)) == 12


def test_home_municipality_by_code_or_name(personas):
    assert lives_in_city("091") and lives_in_city("91") and lives_in_city(" Helsinki ")
    assert lives_in_city("helsingfors")
    assert not lives_in_city("049") and not lives_in_city("Espoo") and not lives_in_city("")


def test_an_identity_expires(personas):
    client = v.voter_client()
    request = mock.Mock(session=client.session)
    assert identity_of(request.session) is not None
    later = timezone.now() + datetime.timedelta(minutes=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert identity_of(request.session) is None
    assert SESSION_KEY not in request.session


# --- The OpenID Connect flow with the development provider ------------------------------


def test_full_identification_flow_keeps_a_voter_identity_and_no_account(personas):
    cycle = pb.cycle(personas, phase=Phase.VOTING)
    users_before = get_user_model().objects.count()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    vote_url = f"/budgeting/{cycle.slug}/vote/"

    first = client.get(vote_url)
    assert first.status_code == 302
    assert first["Location"].startswith("/budgeting/identify/start/?next=")

    start = client.get("/budgeting/identify/oidc/", {"next": vote_url})
    assert start.status_code == 302
    query = parse_qs(urlsplit(start["Location"]).query)
    assert urlsplit(start["Location"]).path == "/budgeting/identify/dev/authorize/"
    assert query["response_type"] == ["code"] and query["client_id"] == ["luotsi-dev"]
    assert query["code_challenge_method"] == ["S256"] and query["nonce"]

    with translation.override("en"):
        page = client.get(start["Location"])
    assert page.status_code == 200
    assert "Test identification: not real" in page.content.decode()

    landed = v.identify_via_dev_provider(
        client, person_id=v.ADULT, birthdate="1990-01-01", next_url=vote_url
    )
    assert landed == vote_url
    raw = client.session[SESSION_KEY]
    assert raw["person"] == person_hash(v.ADULT) and raw["resident"] is True
    assert raw["age"] == age_on(datetime.date(1990, 1, 1), timezone.localdate())
    assert v.ADULT not in json.dumps(dict(client.session.items()))
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users_before
    assert client.get(vote_url).status_code == 200


def test_identifying_signs_nobody_in_and_keeps_a_signed_in_officer_as_they_were(personas):
    client = Client()
    client.force_login(personas.officer_south)
    v.identify_via_dev_provider(client)
    assert int(client.session["_auth_user_id"]) == personas.officer_south.pk
    assert client.session[SESSION_KEY]["person"] == person_hash(v.ADULT)


def test_birth_date_comes_from_the_identity_code_when_the_claim_is_missing(personas):
    client = Client()
    v.identify_via_dev_provider(client, person_id=v.SENIOR, birthdate="")
    assert client.session[SESSION_KEY]["age"] == age_on(
        datetime.date(1952, 10, 13), timezone.localdate()
    )


def test_a_non_resident_is_identified_as_such(personas):
    client = Client()
    v.identify_via_dev_provider(client, municipality="049")
    assert client.session[SESSION_KEY]["resident"] is False


def test_cancelling_at_the_provider_comes_back_with_a_message(personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    start = client.get("/budgeting/identify/oidc/")
    params = {k: vs[0] for k, vs in parse_qs(urlsplit(start["Location"]).query).items()}
    answer = client.post("/budgeting/identify/dev/authorize/", {**params, "cancel": "1"})
    assert "error=access_denied" in answer["Location"]
    with translation.override("en"):
        back = client.get(answer["Location"], follow=True)
    assert back.status_code == 200
    assert "Identification was cancelled." in back.content.decode()
    assert SESSION_KEY not in client.session


def test_a_forged_or_replayed_callback_identifies_nobody(personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    start = client.get("/budgeting/identify/oidc/")
    params = {k: vs[0] for k, vs in parse_qs(urlsplit(start["Location"]).query).items()}
    answer = client.post(
        "/budgeting/identify/dev/authorize/",
        {**params, "person_id": v.ADULT, "birthdate": "1990-01-01", "municipality": "091"},
    )
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    with translation.override("en"):
        forged = client.get("/budgeting/identify/callback/", {"code": code, "state": "forged"})
    assert forged.status_code == 302 and SESSION_KEY not in client.session
    assert client.get(answer["Location"]).status_code == 302
    assert SESSION_KEY in client.session
    # The same code and state again: the state is used up, the code too.
    other = Client()
    replay = other.get(answer["Location"])
    assert replay.status_code == 302 and SESSION_KEY not in other.session


def test_the_token_endpoint_checks_client_secret_code_and_pkce(personas):
    client = Client()
    start = client.get("/budgeting/identify/oidc/")
    params = {k: vs[0] for k, vs in parse_qs(urlsplit(start["Location"]).query).items()}
    answer = client.post(
        "/budgeting/identify/dev/authorize/",
        {**params, "person_id": v.ADULT, "birthdate": "1990-01-01", "municipality": "091"},
    )
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    from django.conf import settings

    base = {
        "grant_type": "authorization_code",
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "client_secret": settings.OIDC_RP_CLIENT_SECRET,
        "code": code,
        "redirect_uri": params["redirect_uri"],
        "code_verifier": "wrong" * 10,
    }
    assert (
        client.post("/budgeting/identify/dev/token/", {**base, "client_secret": "x"}).status_code
        == 401
    )
    # A wrong PKCE verifier uses the code up.
    assert client.post("/budgeting/identify/dev/token/", base).status_code == 400
    assert client.get("/budgeting/identify/dev/userinfo/").status_code == 401
    assert (
        client.get(
            "/budgeting/identify/dev/userinfo/", headers={"Authorization": "Bearer nonsense"}
        ).status_code
        == 401
    )


def test_the_provider_redirects_only_back_to_this_site(personas):
    response = Client().get(
        "/budgeting/identify/dev/authorize/",
        {"client_id": "luotsi-dev", "redirect_uri": "https://evil.example/cb", "state": "s"},
    )
    assert response.status_code == 404
    assert Client().get("/budgeting/identify/dev/authorize/").status_code == 400


@override_settings(PB_DEV_IDENTITY_PROVIDER=False)
def test_without_the_development_setting_its_endpoints_do_not_exist(personas):
    client = Client()
    assert client.get("/budgeting/identify/dev/authorize/").status_code == 404
    assert client.post("/budgeting/identify/dev/token/").status_code == 404
    assert client.get("/budgeting/identify/dev/userinfo/").status_code == 404


@override_settings(OIDC_OP_AUTHORIZATION_ENDPOINT="")
def test_without_a_provider_the_page_says_identification_is_unavailable(personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        page = client.get("/budgeting/identify/start/")
        assert "Strong identification is not available" in page.content.decode()
        assert client.get("/budgeting/identify/oidc/").status_code == 302


def test_ending_identification_forgets_it(personas):
    client = v.voter_client()
    assert client.post("/budgeting/identify/end/").status_code == 302
    assert SESSION_KEY not in client.session


# --- A real provider (RS256 would be the same path; HS256 keeps the test small) -----------


@override_settings(
    OIDC_OP_AUTHORIZATION_ENDPOINT="https://idp.example/authorize",
    OIDC_OP_TOKEN_ENDPOINT="https://idp.example/token",
    OIDC_OP_USER_ENDPOINT="https://idp.example/userinfo",
    OIDC_RP_CLIENT_ID="luotsi",
    OIDC_RP_CLIENT_SECRET="s3cret-s3cret-s3cret-s3cret-s3cret",
    OIDC_RP_SIGN_ALGO="HS256",
    PB_OIDC_ISSUER="https://idp.example",
)
@pytest.mark.parametrize("issuer", ["https://idp.example", "https://other.example"])
def test_a_remote_provider_is_called_over_http_and_its_issuer_checked(personas, issuer):
    client = Client()
    start = client.get("/budgeting/identify/oidc/")
    assert start["Location"].startswith("https://idp.example/authorize?")
    params = {k: vs[0] for k, vs in parse_qs(urlsplit(start["Location"]).query).items()}
    now = int(time.time())
    id_token = jwt.encode(
        {
            "iss": issuer,
            "aud": "luotsi",
            "sub": "x",
            "iat": now,
            "exp": now + 60,
            "nonce": params["nonce"],
        },
        "s3cret-s3cret-s3cret-s3cret-s3cret",
        algorithm="HS256",
    )
    token_response = mock.Mock(status_code=200)
    token_response.json.return_value = {"id_token": id_token, "access_token": "at"}
    userinfo_response = mock.Mock(status_code=200, headers={"content-type": "application/json"})
    userinfo_response.json.return_value = {
        "national_id_num": v.SENIOR,
        "home_municipality": "091",
    }
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token_response) as post,
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo_response),
    ):
        client.get("/budgeting/identify/callback/", {"code": "c", "state": params["state"]})
    assert post.call_args.args[0] == "https://idp.example/token"
    if issuer == "https://idp.example":
        assert client.session[SESSION_KEY]["person"] == person_hash(v.SENIOR)
        assert client.session[SESSION_KEY]["method"] == "oidc"
    else:
        assert SESSION_KEY not in client.session


# --- Production guards --------------------------------------------------------------------


def test_checks_refuse_the_development_provider_and_a_missing_key_without_debug():
    with override_settings(DEBUG=False, PB_DEV_IDENTITY_PROVIDER=True, PB_VOTER_KEY_SECRET=""):
        assert {m.id for m in check_voter_identification()} == {"luotsi.B001", "luotsi.B002"}
    with override_settings(DEBUG=False, PB_DEV_IDENTITY_PROVIDER=False, PB_VOTER_KEY_SECRET="k"):
        assert check_voter_identification() == []
    with override_settings(DEBUG=True, PB_DEV_IDENTITY_PROVIDER=True, PB_VOTER_KEY_SECRET=""):
        assert check_voter_identification() == []


def test_check_deploy_fails_with_the_development_provider(tmp_path):
    inherited = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env = inherited | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "x" * 60,
        "PB_DEV_IDENTITY_PROVIDER": "1",
        "ALLOWED_HOSTS": "luotsi.example.fi",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "luotsi.B001" in result.stderr and "luotsi.B002" in result.stderr
