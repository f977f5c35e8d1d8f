"""Load a city's message categories (data/<city>/city.json → "services") into Service rows.

Reloading updates names, texts and questions from the file; categories that disappeared
from the file are kept (messages refer to them) but marked not in use.
"""

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from luotsi.areas.citydata import read_city_config
from luotsi.areas.importing import ImportProblems
from luotsi.concerns.models import AttributeType, Service, ServiceAttribute

LANGUAGES = ("fi", "sv", "en")


def _texts(target: Any, field: str, values: Any) -> None:
    values = values if isinstance(values, dict) else {"fi": values or ""}
    for code in LANGUAGES:
        setattr(target, f"{field}_{code}", values.get(code) or None)
    setattr(target, field, values.get("fi") or "")


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ImportProblems([_("%(file)s: %(error)s") % {"file": path, "error": exc}]) from exc
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, list):
        raise ImportProblems([_("%(file)s: 'services' must be a list") % {"file": path}])
    problems = []
    for number, service in enumerate(services, start=1):
        if not isinstance(service, dict) or not service.get("code") or not service.get("name"):
            problems.append(
                _("%(file)s: category %(number)d needs a code and a name")
                % {"file": path, "number": number}
            )
            continue
        for attribute in service.get("attributes", []):
            if attribute.get("datatype") not in AttributeType.values:
                problems.append(
                    _("%(file)s: category %(code)s: unknown question type %(type)s")
                    % {"file": path, "code": service["code"], "type": attribute.get("datatype")}
                )
    if problems:
        raise ImportProblems(problems)
    return services


@transaction.atomic
def load_services(path: Path) -> int:
    entries = _read(path)
    seen = []
    for order, entry in enumerate(entries):
        service = Service.objects.filter(code=entry["code"]).first() or Service(code=entry["code"])
        _texts(service, "name", entry["name"])
        _texts(service, "description", entry.get("description", ""))
        _texts(service, "group", entry.get("group", ""))
        service.keywords = entry.get("keywords", "")[:300]
        service.is_business = bool(entry.get("is_business"))
        service.is_active = True
        service.order = order
        service.save()
        seen.append(service.code)
        codes = []
        for attribute_entry in entry.get("attributes", []):
            attribute = ServiceAttribute.objects.filter(
                service=service, code=attribute_entry["code"]
            ).first() or ServiceAttribute(service=service, code=attribute_entry["code"])
            attribute.datatype = attribute_entry["datatype"]
            attribute.required = bool(attribute_entry.get("required"))
            attribute.order = attribute_entry.get("order", 0)
            attribute.values = attribute_entry.get("values", [])
            _texts(attribute, "description", attribute_entry.get("description", ""))
            attribute.save()
            codes.append(attribute.code)
        service.attributes.exclude(code__in=codes).delete()
    Service.objects.exclude(code__in=seen).update(is_active=False)
    return len(seen)


def load_city_services(slug: str) -> int | None:
    folder, config = read_city_config(slug)
    if not config.get("services"):
        return None
    return load_services(folder / config["services"])
