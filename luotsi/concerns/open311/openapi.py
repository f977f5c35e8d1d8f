"""The OpenAPI 3.1 description of the Open311 endpoints, served at /open311/v2/openapi.json.

GeoReport v2 has no machine-readable schema of its own; this one lets client generators and
tools (the fuzzing in tests/security) know every parameter and every answer, errors included.
It describes what views.py does: change the two together. Written by hand, not generated,
because the endpoints are plain Django views (one resource, two formats, the spec's errors).
"""

from typing import Any

from luotsi.concerns.models import AttributeType
from luotsi.concerns.open311.formats import CONTENT_TYPES, FORMATS, JSON, XML
from luotsi.concerns.open311.representation import CHANGESET, SPECIFICATION
from luotsi.concerns.open311.submission import MAX_ADDRESS

V2 = "/open311/v2"
LOCALES = ["fi", "sv", "en"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str, **more: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], **more}


def _content(schema: dict[str, Any]) -> dict[str, Any]:
    # XML carries the same data under the spec's element names (formats.ITEM_NAMES).
    return {
        CONTENT_TYPES[JSON].split(";")[0]: {"schema": schema},
        CONTENT_TYPES[XML].split(";")[0]: {"schema": {"type": "string"}},
    }


ERROR_TEXT = {
    400: "A parameter is wrong (or has a NUL character); each description starts with its name.",
    403: "api_key is missing (to post) or not a valid key.",
    404: "No such resource, service, request or jurisdiction, or a format other than json/xml.",
    405: "The method is not allowed here.",
}


def _answers(ok_status: int, ok_text: str, ok_schema: dict[str, Any], *errors: int) -> dict:
    answers: dict[str, Any] = {
        str(ok_status): {
            "description": ok_text,
            "headers": {
                "Content-Language": {
                    "description": "the language of the texts",
                    "schema": {"type": "string", "enum": LOCALES},
                }
            },
            "content": _content(ok_schema),
        }
    }
    for status in (400, 404, 405, *errors):
        answers[str(status)] = {
            "description": ERROR_TEXT[status],
            "content": _content(_ref("Errors")),
        }
    return answers


def _parameter(name: str, where: str, description: str, **schema: Any) -> dict[str, Any]:
    schema = schema or {"type": "string"}
    parameter: dict[str, Any] = {
        "name": name,
        "in": where,
        "description": description,
        "schema": schema,
    }
    if where == "path":
        parameter["required"] = True
    return parameter


FORMAT = _parameter("format", "path", "json or xml", type="string", enum=list(FORMATS))
JURISDICTION = _parameter(
    "jurisdiction_id", "query", "may be left out; another city's is 404", type="string"
)
LOCALE = _parameter(
    "locale", "query", "fi, sv or en (also sv-FI, en_GB…); else Accept-Language", type="string"
)
COMMON = [FORMAT, JURISDICTION, LOCALE]
PARKS = {"type": "string", "examples": ["parks"]}


def _operation(summary: str, parameters: list[dict], answers: dict, **more: Any) -> dict:
    return {"summary": summary, "parameters": [*COMMON, *parameters], "responses": answers, **more}


def _schemas() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "Errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "description"],
                "properties": {"code": {"type": "integer"}, "description": text},
            },
        },
        "Discovery": {
            "type": "object",
            "required": ["changeset", "contact", "key_service", "endpoints"],
            "properties": {
                "changeset": text,
                "contact": text,
                "key_service": text,
                "endpoints": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["specification", "url", "changeset", "type", "formats"],
                        "properties": {
                            "specification": text,
                            "url": text,
                            "changeset": text,
                            "type": {"type": "string", "enum": ["production", "test"]},
                            "formats": {"type": "array", "items": text},
                        },
                    },
                },
            },
        },
        "Service": {
            "type": "object",
            "required": ["service_code", "service_name", "metadata", "type"],
            "properties": {
                "service_code": text,
                "service_name": text,
                "description": text,
                "metadata": {"type": "boolean", "description": "true: it has attributes"},
                "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
                "keywords": text,
                "group": text,
            },
        },
        "ServiceDefinition": {
            "type": "object",
            "required": ["service_code", "attributes"],
            "properties": {
                "service_code": text,
                "attributes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["variable", "code", "datatype", "required", "order"],
                        "properties": {
                            "variable": {"type": "boolean"},
                            "code": text,
                            "datatype": {"type": "string", "enum": list(AttributeType.values)},
                            "required": {"type": "boolean"},
                            "datatype_description": text,
                            "order": {"type": "integer"},
                            "description": text,
                            "values": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["key", "name"],
                                    "properties": {"key": text, "name": text},
                                },
                            },
                        },
                    },
                },
            },
        },
        "ServiceRequest": {
            "type": "object",
            "required": ["service_request_id", "status", "service_code", "requested_datetime"],
            "properties": {
                "service_request_id": text,
                "status": {"type": "string", "enum": ["open", "closed"]},
                "status_notes": text,
                "service_name": text,
                "service_code": text,
                "description": text,
                "agency_responsible": text,
                "service_notice": text,
                "requested_datetime": _nullable("string"),
                "updated_datetime": _nullable("string"),
                "expected_datetime": _nullable("string"),
                "address": text,
                "address_id": text,
                "zipcode": text,
                "lat": _nullable("number", minimum=-90, maximum=90),
                "long": _nullable("number", minimum=-180, maximum=180),
                "media_url": text,
            },
        },
        "ServiceRequests": {"type": "array", "items": _ref("ServiceRequest")},
        "Received": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["service_request_id", "service_notice"],
                "properties": {
                    "service_request_id": text,
                    "service_notice": text,
                    "account_id": {"type": "null"},
                },
            },
        },
        "NewRequest": {
            "type": "object",
            "required": ["service_code"],
            "description": "Give lat and long, or address_string. Attributes of the service's "
            "definition as attribute[code]=value (attribute[code][]=value, repeated, for a "
            "multivaluelist).",
            "properties": {
                "service_code": {"type": "string", "examples": ["parks"]},
                "lat": {"type": "number", "minimum": -90, "maximum": 90, "examples": [60.17225]},
                "long": {
                    "type": "number",
                    "minimum": -180,
                    "maximum": 180,
                    "examples": [24.95524],
                },
                "address_string": {"type": "string", "maxLength": MAX_ADDRESS},
                "description": {"type": "string", "examples": ["The playground fence is broken."]},
                "email": text,
                "first_name": text,
                "last_name": text,
                "phone": text,
                "device_id": text,
                "account_id": text,
                "media_url": text,
            },
            "patternProperties": {r"^attribute\[[^\[\]]{1,60}\](\[\])?$": text},
        },
    }


def document() -> dict[str, Any]:
    requests_search = [
        _parameter("api_key", "query", "a client's key: its own requests in full"),
        _parameter("service_request_id", "query", "comma-separated ids; overrides the rest"),
        _parameter("service_code", "query", "comma-separated service codes"),
        _parameter("start_date", "query", "W3C date-time; default: 90 days ago"),
        _parameter("end_date", "query", "W3C date-time"),
        _parameter("status", "query", "open, closed, or both comma-separated"),
    ]
    key = [_parameter("api_key", "query", "a client's key: its own requests in full")]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Luotsi Open311 GeoReport v2",
            "version": CHANGESET,
            "description": f"Residents' concerns as service requests ({SPECIFICATION}). Every "
            "answer, errors included, is in the format the path ends in.",
        },
        "paths": {
            f"{V2}/discovery.{{format}}": {
                "get": _operation(
                    "Where the API is and what it speaks",
                    [],
                    _answers(200, "the discovery document", _ref("Discovery")),
                )
            },
            f"{V2}/services.{{format}}": {
                "get": _operation(
                    "The services a request can be about",
                    [],
                    _answers(200, "the services", {"type": "array", "items": _ref("Service")}),
                )
            },
            f"{V2}/services/{{service_code}}.{{format}}": {
                "get": _operation(
                    "A service's attributes",
                    [_parameter("service_code", "path", "from services", **PARKS)],
                    _answers(200, "the definition", _ref("ServiceDefinition")),
                )
            },
            f"{V2}/requests.{{format}}": {
                "get": _operation(
                    "Public service requests (and the client's own), newest first, at most 1000",
                    requests_search,
                    _answers(200, "the requests", _ref("ServiceRequests"), 403),
                ),
                "post": _operation(
                    "Send a service request (needs an api_key)",
                    key,
                    _answers(201, "received", _ref("Received"), 403),
                    requestBody={
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {"schema": _ref("NewRequest")}
                        },
                    },
                ),
            },
            f"{V2}/requests/{{service_request_id}}.{{format}}": {
                "get": _operation(
                    "One service request",
                    [_parameter("service_request_id", "path", "e.g. 2026-00042"), *key],
                    _answers(200, "a list of the one request", _ref("ServiceRequests"), 403),
                )
            },
            f"{V2}/tokens/{{token}}.{{format}}": {
                "get": _operation(
                    "Luotsi gives the service_request_id at once: always 404",
                    [_parameter("token", "path", "any")],
                    {
                        str(status): {
                            "description": ERROR_TEXT[status],
                            "content": _content(_ref("Errors")),
                        }
                        for status in (400, 404, 405)
                    },
                )
            },
        },
        "components": {"schemas": _schemas()},
    }
