"""POST requests: an Open311 client's form turned into a Luotsi message (through
`message_submit`, like every other way in), its errors into the spec's error list."""

import math
import re
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from luotsi.areas.finding import NotFound, find_by_address
from luotsi.concerns.models import ApiKey, AttributeType, Message, MessageKind, Service, Source
from luotsi.concerns.open311.formats import Open311Error
from luotsi.concerns.services import message_submit

# attribute[code]=value, or attribute[code][]=value repeated for a multi-value list.
ATTRIBUTE = re.compile(r"attribute\[([^\[\]]{1,60})\](\[\])?")
MAX_ADDRESS = 250
# message_submit's (and the model's) names for what Open311 calls otherwise.
PARAMETER_NAMES = {
    "service": "service_code",
    "contact_email": "email",
    "contact_name": "first_name",
    "latitude": "lat",
    "longitude": "long",
    NON_FIELD_ERRORS: "",
}


def _coordinate(raw: str, limit: float) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) and -limit <= value <= limit else None


def _locate(params: QueryDict, errors: dict[str, str]) -> tuple[float | None, float | None]:
    """lat and long, or else address_string looked up in the city's addresses."""
    raw_lat, raw_lon = params.get("lat", "").strip(), params.get("long", "").strip()
    address = params.get("address_string", "").strip()
    if raw_lat or raw_lon:
        lat, lon = _coordinate(raw_lat, 90), _coordinate(raw_lon, 180)
        if lat is None:
            errors["lat"] = _("Give the latitude in degrees (WGS84), e.g. 60.17.")
        if lon is None:
            errors["long"] = _("Give the longitude in degrees (WGS84), e.g. 24.94.")
        return lat, lon
    if not address:
        errors["lat"] = _("Give the location: lat and long, or address_string.")
    elif len(address) > MAX_ADDRESS:
        errors["address_string"] = _("At most %(max)d characters, please.") % {"max": MAX_ADDRESS}
    else:
        try:
            finding = find_by_address(address)
        except NotFound as exc:
            errors["address_string"] = str(exc)
        else:
            return finding.lat, finding.lon
    return None, None


def _answers(params: QueryDict, service: Service, errors: dict[str, str]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for name in params:
        match = ATTRIBUTE.fullmatch(name)
        if match is None:
            continue
        values = params.getlist(name)
        code = match.group(1)
        answers[code] = values if match.group(2) or len(values) > 1 else values[0]
    # message_submit reads numbers with float(), which accepts "nan" and "inf": neither can be
    # stored as JSON, so they are refused here.
    for attribute in service.attributes.all():
        value = answers.get(attribute.code)
        number = attribute.datatype == AttributeType.NUMBER
        if number and isinstance(value, str) and value and _coordinate(value, math.inf) is None:
            errors[f"attribute[{attribute.code}]"] = _("Give a number.")
    return answers


def _service(params: QueryDict, errors: dict[str, str]) -> Service | None:
    code = params.get("service_code", "").strip()
    service = Service.objects.filter(code=code, is_active=True).first() if code else None
    if not code:
        errors["service_code"] = _("Choose a service (see services.json).")
    elif service is None:
        errors["service_code"] = _("No service %(code)s.") % {"code": code[:60]}
    return service


def _spec_errors(exc: ValidationError, located_by_address: bool) -> Open311Error:
    if not hasattr(exc, "error_dict"):
        return Open311Error(400, exc.messages)
    names = dict(PARAMETER_NAMES, location="address_string" if located_by_address else "lat")
    return Open311Error.fields(
        {names.get(field, field): " ".join(texts) for field, texts in exc.message_dict.items()}
    )


def request_create(params: QueryDict, *, key: ApiKey, language: str) -> Message:
    errors: dict[str, str] = {}
    service = _service(params, errors)
    lat, lon = _locate(params, errors)
    answers = _answers(params, service, errors) if service else {}
    if errors or service is None:
        raise Open311Error.fields(errors)
    name = " ".join(
        part for part in (params.get("first_name", ""), params.get("last_name", "")) if part
    ).strip()
    email = params.get("email", "").strip()
    try:
        return message_submit(
            service=service,
            # Open311 requests report something to be fixed or looked into: a concern.
            kind=MessageKind.CONCERN,
            description=params.get("description", ""),
            language=language,
            lat=lat,
            lon=lon,
            address_string=params.get("address_string", ""),
            contact_name=name,
            contact_email=email,
            # The spec has no consent field: a client sends contact details only after the
            # resident typed them in to be answered, so the client collected that consent on
            # our behalf (its key's terms say so) and sending them counts as consent given.
            consent=bool(name or email),
            attributes=answers,
            source=Source.OPEN311,
            api_key=key,
        )
    except ValidationError as exc:
        located_by_address = not (params.get("lat", "").strip() or params.get("long", "").strip())
        raise _spec_errors(exc, located_by_address) from exc
