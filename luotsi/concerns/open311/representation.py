"""What the Open311 API says about services and requests, as plain data for `formats`.

Privacy: a request is shown in full only to the client (API key) that posted it. Anyone else
sees only public messages, and of them only what an officer moderated for the public
(`public_text`) with the point rounded to about 100 m: never the resident's own words, name,
e-mail, address or the private link's token.
"""

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.concerns.models import (
    OPEN_STATUSES,
    ApiKey,
    AttributeType,
    Message,
    MessageStatus,
    Service,
    ServiceAttribute,
)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this API last changed in a way clients may notice; change it with the API.
CHANGESET = "2026-11-27T00:00:00Z"
# Decimals kept of a public request's coordinates: 3 decimals of latitude ≈ 110 m.
PUBLIC_DECIMALS = 3
# Officers answer during office hours; "due on a day" is told to clients as that afternoon.
DUE_AT = datetime.time(16, 0)
# The prefetched replies of the key's own requests (see queries.requests_visible).
REPLIES_ATTR = "open311_replies"


def w3c(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def discovery(city_name: str) -> dict[str, Any]:
    site = settings.SITE_URL
    return {
        "changeset": CHANGESET,
        "contact": _("The district liaison officers of %(city)s: %(site)s")
        % {"city": city_name, "site": site},
        "key_service": _("Ask the liaison officers' coordinator for a key: %(site)s")
        % {"site": site},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": f"{site}/open311/v2/",
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }


def service_out(service: Service) -> dict[str, Any]:
    """Texts come in the active language (modeltranslation picks the field)."""
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        # The service list is expected to be prefetched with its attributes.
        "metadata": bool(service.attributes.all()),
        "type": "realtime",
        "keywords": service.keywords,
        "group": service.group,
    }


def _in_language(names: Any, language: str) -> str:
    """A choice's name: {"fi": …, "sv": …, "en": …} or a plain string (services.json)."""
    if not isinstance(names, dict):
        return str(names or "")
    for code in (language, "fi", "sv", "en"):
        if names.get(code):
            return str(names[code])
    return ""


def _attribute_out(attribute: ServiceAttribute, language: str) -> dict[str, Any]:
    return {
        "variable": True,
        "code": attribute.code,
        "datatype": attribute.datatype,
        "required": attribute.required,
        "datatype_description": str(AttributeType(attribute.datatype).label),
        "order": attribute.order,
        "description": attribute.description,
        "values": [
            {"key": str(value.get("key", "")), "name": _in_language(value.get("name"), language)}
            for value in attribute.values
            if isinstance(value, dict)
        ],
    }


def definition_out(service: Service, language: str) -> dict[str, Any]:
    return {
        "service_code": service.code,
        "attributes": [_attribute_out(a, language) for a in service.attributes.all()],
    }


def _status_notes(message: Message, own: bool) -> str:
    """The key's own client gets the officer's latest reply (written to the resident it sent
    the message for). Replies are not moderated, so others get only the status's name."""
    if own:
        replies = getattr(message, REPLIES_ATTR, [])
        return replies[0].text if replies else ""
    if message.status in OPEN_STATUSES:
        return ""
    return str(MessageStatus(message.status).label)


def _point(value: float | None, own: bool) -> float | None:
    if value is None or own:
        return value
    return round(value, PUBLIC_DECIMALS)


def request_out(message: Message, *, key: ApiKey | None, city_name: str) -> dict[str, Any]:
    own = key is not None and message.api_key_id == key.pk
    due = timezone.make_aware(datetime.datetime.combine(message.due_on, DUE_AT))
    return {
        "service_request_id": message.reference,
        "status": "open" if message.status in OPEN_STATUSES else "closed",
        "status_notes": _status_notes(message, own),
        "service_name": message.service.name,
        "service_code": message.service.code,
        # Never the resident's own words unless this client sent them.
        "description": message.description if own else message.public_text,
        "agency_responsible": message.forwarded_to or city_name,
        "service_notice": "",
        "requested_datetime": w3c(message.created_at),
        "updated_datetime": w3c(message.updated_at),
        "expected_datetime": w3c(due),
        "address": message.address_string if own else "",
        "address_id": "",
        "zipcode": "",
        "lat": _point(message.latitude, own),
        "long": _point(message.longitude, own),
        "media_url": "",
    }
