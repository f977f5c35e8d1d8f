"""The pieces every part of the authorization matrix shares: `Case`, `expect` and the usual
expectations. The matrix itself is tests/authz_matrix.py (which merges the parts)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from luotsi.testing.personas import PERSONA_NAMES, Personas


def expect(default: int, **overrides: int) -> dict[str, int]:
    unknown = set(overrides) - set(PERSONA_NAMES)
    assert not unknown, f"unknown persona(s) {unknown}"
    return {name: overrides.get(name, default) for name in PERSONA_NAMES}


@dataclass(frozen=True)
class Case:
    path: str | Callable[[Personas], str]
    expected: dict[str, int]
    method: str = "GET"
    data: dict[str, Any] | Callable[[Personas], dict[str, Any]] = field(default_factory=dict)
    json: dict[str, Any] | None = None

    def url(self, personas: Personas) -> str:
        return self.path(personas) if callable(self.path) else self.path

    def body(self, personas: Personas) -> dict[str, Any]:
        return self.data(personas) if callable(self.data) else self.data


EVERYONE_OK = expect(200)
SIGNED_IN_OK = expect(200, anonymous=302)  # anonymous visitors are sent to sign in
STAFF_OK = expect(200, anonymous=302, resident=403)
# The Django admin is the coordinator's: everyone else is redirected to the admin sign-in.
ADMIN_ONLY = expect(302, coordinator=200)
API_SIGNED_IN = expect(200, anonymous=401)
# The network: officers and the coordinator; officials and residents are refused.
NETWORK = expect(200, anonymous=302, resident=403, official=403)
NETWORK_BAD_POST = expect(400, anonymous=302, resident=403, official=403)
# A private record of the Southern district: 404 for officers of other districts.
SOUTH_PRIVATE = expect(
    404, anonymous=302, resident=403, official=403, officer_south=200, coordinator=200
)
SOUTH_PRIVATE_POST = expect(
    404, anonymous=302, resident=403, official=403, officer_south=302, coordinator=302
)
API_NETWORK = expect(200, anonymous=401, resident=403, official=403)
API_SOUTH_PRIVATE = expect(
    404, anonymous=401, resident=403, official=403, officer_south=200, coordinator=200
)


def admin_model(
    app: str,
    model: str,
    obj: Callable[[Personas], object],
    read_only: bool = False,
) -> dict[str, list[Case]]:
    """The six URLs of a registered model. `read_only` models refuse add and delete (403)."""
    base = f"admin/{app}/{model}/"
    writable = expect(302, coordinator=403) if read_only else ADMIN_ONLY
    return {
        base: [Case(f"/{base}", ADMIN_ONLY)],
        f"{base}add/": [Case(f"/{base}add/", writable)],
        f"{base}<path:object_id>/history/": [
            Case(lambda p: f"/{base}{obj(p)}/history/", ADMIN_ONLY)
        ],
        f"{base}<path:object_id>/delete/": [Case(lambda p: f"/{base}{obj(p)}/delete/", writable)],
        f"{base}<path:object_id>/change/": [Case(lambda p: f"/{base}{obj(p)}/change/", ADMIN_ONLY)],
        # The bare object URL redirects to its change page (or to the sign-in).
        f"{base}<path:object_id>/": [Case(lambda p: f"/{base}{obj(p)}/", expect(302))],
    }
