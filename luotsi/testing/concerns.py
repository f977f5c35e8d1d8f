"""Messages for tests: by default a concern about a park in Vironniemi (district 101, the
Southern major district), sent anonymously and routed to officer_south."""

from typing import Any

from luotsi.concerns import services
from luotsi.concerns.models import Message, Service

# A point inside district 101 (Vironniemi: Kruununhaka).
SOUTH = (60.17225, 24.95524)
# A point inside district 704 (Vuosaari).
EAST = (60.20775, 25.14357)


def service(code: str = "parks") -> Service:
    return Service.objects.get(code=code)


def message(point: tuple[float, float] | None = SOUTH, **fields: Any) -> Message:
    values: dict[str, Any] = {
        "service": service(fields.pop("service_code", "parks")),
        "kind": "concern",
        "description": "The playground fence is broken.",
        "language": "fi",
    }
    if point is not None:
        values["lat"], values["lon"] = point
    values.update(fields)
    return services.message_submit(**values)
