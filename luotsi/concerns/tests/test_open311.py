"""Open311 GeoReport v2 conformance, written from the published spec
(http://wiki.open311.org/GeoReport_v2/): the shapes, the errors, and that nothing personal
reaches anyone but the client that sent it."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from luotsi.areas.finding import find_by_address
from luotsi.concerns import workflow
from luotsi.concerns.models import ApiKey, Message, Service, ServiceAttribute, Source
from luotsi.concerns.open311.keys import api_key_check, api_key_issue
from luotsi.testing import concerns as cn

pytestmark = pytest.mark.django_db

V2 = "/open311/v2/"
SOUTH = cn.SOUTH  # a point in Vironniemi (district 101)
CANARY = "canary-7f3a"


def xml_of(response) -> ET.Element:
    body = response.content.decode("utf-8")
    assert body.startswith('<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)  # noqa: S314 - our own response, in a test


def rows(element: ET.Element) -> list[dict[str, str]]:
    """<list><item><a>…</a></item></list> → [{"a": "…"}] (flat children only)."""
    return [{child.tag: child.text or "" for child in item} for item in element]


def get(client: Client, path: str, **params: Any):
    return client.get(V2 + path, params)


def get_json(client: Client, path: str, **params: Any) -> Any:
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def post(client: Client, fmt: str = "json", /, **fields: Any):
    fields.setdefault("service_code", "parks")
    fields.setdefault("description", "The playground fence is broken.")
    if "address_string" not in fields:
        fields.setdefault("lat", SOUTH[0])
        fields.setdefault("long", SOUTH[1])
    return client.post(f"{V2}requests.{fmt}", fields)


@pytest.fixture
def key() -> str:
    return api_key_issue(name="Fix-it app")[1]


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=True)  # API clients never send a CSRF token


def spec_errors(response, status: int) -> list[str]:
    """The spec's error format, JSON or XML; returns the descriptions."""
    assert response.status_code == status, response.content
    if response["Content-Type"].startswith("text/xml"):
        root = xml_of(response)
        assert root.tag == "errors"
        errors = rows(root)
    else:
        errors = response.json()
    assert errors and all(int(e["code"]) == status for e in errors)
    return [e["description"] for e in errors]


# --- discovery and services -------------------------------------------------------------


def test_discovery(client, settings):
    data = get_json(client, "discovery.json")
    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == settings.SITE_URL + "/open311/v2/"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["application/json", "text/xml"]
    root = xml_of(get(client, "discovery.xml"))
    assert root.tag == "discovery"
    formats = root.findall("endpoints/endpoint/formats/format")
    assert [f.text for f in formats] == ["application/json", "text/xml"]


def test_services_list_in_the_requested_language(client):
    services = get_json(client, "services.json", locale="en")
    assert [s["service_code"] for s in services] == list(
        Service.objects.filter(is_active=True).values_list("code", flat=True)
    )
    by_code = {s["service_code"]: s for s in services}
    assert by_code["parks"] == {
        "service_code": "parks",
        "service_name": "Parks and green spaces",
        "description": "Parks, playgrounds, woods and shores.",
        "metadata": False,
        "type": "realtime",
        "keywords": "puisto, park, leikkipuisto",
        "group": "City environment",
    }
    assert by_code["streets"]["metadata"] is True
    swedish = client.get(V2 + "services.json", headers={"accept-language": "sv"}).json()
    assert swedish[1]["service_name"] == "Parker och grönområden"
    root = xml_of(get(client, "services.xml", locale="fi"))
    assert root.tag == "services"
    assert rows(root)[1]["service_name"] == "Puistot ja viheralueet"
    assert rows(root)[2]["metadata"] == "true"


def test_service_definition_with_attributes(client):
    data = get_json(client, "services/streets.json", locale="en")
    (attribute,) = data["attributes"]
    assert data["service_code"] == "streets"
    assert attribute["variable"] is True
    assert (attribute["code"], attribute["datatype"], attribute["required"]) == (
        "who-is-affected",
        "singlevaluelist",
        False,
    )
    assert attribute["description"] == "Who does this affect most?"
    assert attribute["values"][0] == {"key": "pedestrians", "name": "Pedestrians"}
    root = xml_of(get(client, "services/streets.xml", locale="sv"))
    assert root.tag == "service_definition"
    values = root.findall("attributes/attribute/values/value")
    assert (values[1].findtext("key"), values[1].findtext("name")) == ("cyclists", "Cyklister")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_code_is_404_in_the_spec_format(client, fmt):
    (description,) = spec_errors(get(client, f"services/no-such-thing.{fmt}"), 404)
    assert "no-such-thing" in description


def test_unknown_format_wrong_method_tokens_and_jurisdictions(client):
    spec_errors(get(client, "services.html"), 404)
    response = client.delete(V2 + "services.xml")
    assert spec_errors(response, 405) and response["Allow"] == "GET, HEAD"
    spec_errors(get(client, "tokens/abc123.json"), 404)
    spec_errors(get(client, "services.json", jurisdiction_id="gotham"), 404)
    assert get(client, "services.json", jurisdiction_id="helsinki").status_code == 200


# --- posting and reading requests -----------------------------------------------------------


def test_a_posted_request_is_read_back_by_its_client_only_until_published(client, key, personas):
    response = post(client, api_key=key, email="a@example.org", first_name="Aino")
    assert response.status_code == 201
    (created,) = response.json()
    assert created["account_id"] is None and created["service_notice"]
    reference = created["service_request_id"]
    message = Message.objects.get(reference=reference)
    assert message.district is not None
    assert (message.source, message.district.code) == (Source.OPEN311, "101")
    assert message.consented_at is not None  # the client collected the consent

    (own,) = get_json(client, f"requests/{reference}.json", api_key=key)
    assert (own["lat"], own["long"]) == SOUTH
    assert own["description"] == "The playground fence is broken."
    assert own["status"] == "open" and own["service_code"] == "parks"
    spec_errors(get(client, f"requests/{reference}.json"), 404)
    assert get_json(client, "requests.json") == []
    other_key = api_key_issue(name="Another app")[1]
    spec_errors(get(client, f"requests/{reference}.json", api_key=other_key), 404)

    workflow.message_publish(
        message=message, by=personas.coordinator, public_text="A fence needs mending."
    )
    (public,) = get_json(client, "requests.json")
    assert public["service_request_id"] == reference
    assert public["description"] == "A fence needs mending."
    assert (public["lat"], public["long"]) == (round(SOUTH[0], 3), round(SOUTH[1], 3))
    assert public["address"] == "" and public["status_notes"] == ""
    assert "a@example.org" not in json.dumps(public) and "Aino" not in json.dumps(public)


def _post_errors(client: Client, key: str, **fields: Any) -> str:
    return " ".join(spec_errors(post(client, api_key=key, **fields), 400))


def test_post_without_a_good_key_is_403(client, key):
    spec_errors(post(client), 403)
    spec_errors(post(client, "xml", api_key="not-a-key"), 403)
    ApiKey.objects.update(is_active=False)
    spec_errors(post(client, api_key=key), 403)
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"service_code": "no-such-service"}, "service_code"),
        ({"service_code": ""}, "service_code"),
        ({"lat": "", "long": ""}, "lat"),
        ({"lat": "59.0", "long": "24.0"}, "lat"),  # outside the city
        ({"lat": "nan"}, "lat"),
        ({"long": "north"}, "long"),
        ({"address_string": "Nosuchstreet 99999"}, "address_string"),
        ({"description": "  "}, "description"),
        ({"email": "not-an-address"}, "email"),
        ({"service_code": "streets", "attribute[who-is-affected]": "aliens"}, "attribute["),
    ],
)
def test_bad_posts_are_400_naming_the_field(client, key, fields, named):
    assert named in _post_errors(client, key, **fields)
    assert not Message.objects.exists()


def test_number_attributes_refuse_what_json_cannot_store(client, key):
    ServiceAttribute.objects.create(
        service=cn.service("parks"), code="trees", datatype="number", description="How many?"
    )
    for bad in ("nan", "inf", "1e999", "many"):
        assert "attribute[trees]" in _post_errors(client, key, **{"attribute[trees]": bad})
    assert post(client, api_key=key, **{"attribute[trees]": "3"}).status_code == 201
    assert Message.objects.get().attributes == {"trees": 3.0}


def test_multi_value_attributes_come_as_repeated_lists(client, key):
    ServiceAttribute.objects.create(
        service=cn.service("parks"),
        code="what",
        datatype="multivaluelist",
        description="What?",
        values=[{"key": "benches"}, {"key": "lights"}, {"key": "paths"}],
    )
    response = post(client, api_key=key, **{"attribute[what][]": ["benches", "lights"]})
    assert response.status_code == 201, response.content
    assert Message.objects.get().attributes == {"what": ["benches", "lights"]}


def test_an_address_is_located_to_its_district(client, key):
    found = find_by_address("Mannerheimintie 5")
    response = post(client, "xml", api_key=key, address_string="Mannerheimintie 5")
    assert response.status_code == 201
    reference = xml_of(response).findtext("request/service_request_id")
    message = Message.objects.get(reference=reference)
    assert message.district is not None and message.district == found.location.district
    assert (message.district.code, message.address_string) == ("101", "Mannerheimintie 5")
    assert (message.latitude, message.longitude) == (found.lat, found.lon)


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"start_date": "yesterday"}, "start_date"),
        ({"end_date": "2026-13-45T00:00:00Z"}, "end_date"),
        ({"start_date": "0001-01-01T00:00:00+05:00"}, "start_date"),
        ({"status": "pending"}, "status"),
    ],
)
def test_bad_search_parameters_are_400_naming_them(client, params, named):
    for fmt in ("json", "xml"):
        (description,) = spec_errors(get(client, f"requests.{fmt}", **params), 400)
        assert description.startswith(named)


def _published(by, text: str = "Moderated.", **fields: Any) -> Message:
    message = cn.message(**fields)
    return workflow.message_publish(message=message, by=by, public_text=text)


def test_search_filters_and_the_default_window(client, personas):
    coordinator = personas.coordinator
    park = _published(coordinator)
    street = _published(coordinator, service_code="streets")
    old = _published(coordinator, now=timezone.now() - datetime.timedelta(days=120))
    workflow.message_set_status(message=street, by=coordinator, status="closed")

    def ids(**params: Any) -> list[str]:
        return [r["service_request_id"] for r in get_json(client, "requests.json", **params)]

    assert ids() == [street.reference, park.reference]  # newest first, last 90 days
    assert ids(status="open") == [park.reference]
    assert ids(status="closed") == [street.reference]
    assert ids(service_code="streets,safety") == [street.reference]
    assert ids(start_date="2000-01-01") == [street.reference, park.reference, old.reference]
    end = (timezone.now() - datetime.timedelta(days=100)).isoformat()
    assert ids(end_date=end) == [old.reference]
    assert ids(service_request_id=f"{old.reference}, {park.reference}", status="closed") == [
        park.reference,
        old.reference,
    ]
    (closed,) = get_json(client, f"requests/{street.reference}.json", locale="en")
    assert closed["status"] == "closed" and closed["status_notes"] == "Closed"


def test_json_and_xml_agree(client, key, personas):
    reference = post(client, api_key=key, description="Bad\x01 text").json()[0]
    reference = reference["service_request_id"]
    _published(personas.coordinator)
    for params in ({"api_key": key}, {}):
        as_json = get_json(client, "requests.json", **params)
        as_xml = rows(xml_of(get(client, "requests.xml", **params)))
        assert len(as_json) == len(as_xml) == (2 if params else 1)
        for from_json, from_xml in zip(as_json, as_xml, strict=True):
            assert from_xml == {
                # XML 1.0 cannot carry control characters: they are left out.
                name: "" if value is None else str(value).replace("\x01", "")
                for name, value in from_json.items()
            }
    own = get_json(client, f"requests/{reference}.json", api_key=key)[0]
    assert own["description"] == "Bad\x01 text"  # JSON carries it; XML 1.0 cannot


def test_no_personal_data_ever_reaches_the_public(client, key, personas):
    """The canary: the sender's name, e-mail, words and address, and an officer's reply that
    names them, appear in no public answer, even after the message is published."""
    response = post(
        client,
        api_key=key,
        first_name=f"Aino-{CANARY}",
        last_name=f"Ahola-{CANARY}",
        email=f"{CANARY}@example.org",
        description=f"My neighbour {CANARY} saw it.",
        address_string=f"{CANARY} street 1",
        lat=SOUTH[0],
        long=SOUTH[1],
    )
    reference = response.json()[0]["service_request_id"]
    message = Message.objects.get(reference=reference)
    workflow.message_publish(
        message=message, by=personas.coordinator, public_text="A fence needs mending."
    )
    workflow.message_set_status(
        message=message, by=personas.coordinator, status="answered", text=f"Dear {CANARY}!"
    )
    (own,) = get_json(client, f"requests/{reference}.json", api_key=key)
    # The sending client sees its own request in full, and the officer's reply.
    assert CANARY in own["description"] and CANARY in own["address"]
    assert own["status_notes"] == f"Dear {CANARY}!"
    for fmt in ("json", "xml"):
        for path, params in [
            (f"requests.{fmt}", {}),
            (f"requests.{fmt}", {"status": "closed", "service_code": "parks"}),
            (f"requests.{fmt}", {"service_request_id": reference}),
            (f"requests.{fmt}", {"start_date": "2000-01-01T00:00:00Z", "locale": "en"}),
            (f"requests/{reference}.{fmt}", {}),
            (f"requests/{reference}.{fmt}", {"api_key": api_key_issue(name="Other")[1]}),
        ]:
            response = get(client, path, **params)
            assert response.status_code == 200
            assert reference in response.content.decode()
            assert CANARY not in response.content.decode().lower(), (path, params)
            assert message.token not in response.content.decode()


def test_a_georeport_client_session(client, key):
    """What a third-party GeoReport client does, in order."""
    (endpoint,) = get_json(client, "discovery.json")["endpoints"]
    base = endpoint["url"].removeprefix("http://127.0.0.1:8000")
    assert base == V2
    services = get_json(client, "services.json", locale="en")
    service = next(s for s in services if s["metadata"])
    definition = get_json(client, f"services/{service['service_code']}.json", locale="en")
    attribute = definition["attributes"][0]
    response = client.post(
        f"{V2}requests.json",
        {
            "api_key": key,
            "jurisdiction_id": "helsinki",
            "service_code": service["service_code"],
            "lat": "60.16956",
            "long": "24.94004",
            "description": "Cars park on the cycle lane every morning.",
            f"attribute[{attribute['code']}]": attribute["values"][1]["key"],
            "device_id": "abc",
            "media_url": "https://example.org/photo.jpg",
        },
        headers={"accept-language": "en"},
    )
    assert response.status_code == 201
    reference = response.json()[0]["service_request_id"]
    (request,) = get_json(client, f"requests/{reference}.json", api_key=key, locale="en")
    assert request["service_name"] == service["service_name"]
    assert request["agency_responsible"] == "Helsinki"
    assert request["expected_datetime"].endswith(("+02:00", "+03:00"))
    assert Message.objects.get(reference=reference).language == "en"


def test_keys_are_stored_hashed_and_checked_when_active():
    record, raw = api_key_issue(name="  Client  ")
    assert (record.name, record.prefix) == ("Client", raw[:8])
    assert raw not in record.key_hash and len(record.key_hash) == 64
    assert api_key_check(raw) == record
    assert ApiKey.objects.get().last_used_at is not None
    assert api_key_check("") is None and api_key_check(raw + "x") is None
    ApiKey.objects.update(is_active=False)
    assert api_key_check(raw) is None


def test_the_admin_shows_a_new_key_once_and_then_only_switches_it_off(personas):
    admin = Client()
    admin.force_login(personas.coordinator)
    response = admin.post("/admin/concerns/apikey/add/", {"name": "Fix-it"}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    record = ApiKey.objects.get()
    found = (re.search(rf"{re.escape(record.prefix)}[A-Za-z0-9_-]*", text) for text in shown)
    raw = next(match.group(0) for match in found if match)
    assert api_key_check(raw) == record
    assert raw not in admin.get("/admin/concerns/apikey/").content.decode()
    change = f"/admin/concerns/apikey/{record.pk}/change/"
    admin.post(change, {"name": "Renamed"})  # not a field of the change form: ignored
    admin.post(change, {})  # is_active unticked
    record.refresh_from_db()
    assert (record.name, record.is_active) == ("Fix-it", False)
