"""Who is voting: a verified voter identity kept in the session, not a Luotsi account.

A voter identifies with strong identification (OIDC, `luotsi.budgeting.identity.oidc`; in
development the built-in test provider `dev_idp`) or shows an ID at a polling point, where an
officer types their personal identity code (`hetu`). Either way what Luotsi keeps is:

- `person`: a keyed hash of the person's identifier (HMAC-SHA-256 with `PB_VOTER_KEY_SECRET`).
  The raw identifier is never stored, not even in the session.
- `age` on the day of identification, and whether the person lives in the city (`resident`),
  both from the identity's claims; not the birth date or the municipality themselves.
- when the identity was verified: it is valid for `PB_IDENTITY_VALID_MINUTES`.

`voter_key(cycle_id, person)` is the `Ballot.voter_key` of that person in that cycle: a second
HMAC over the cycle and the person hash, so that one person's ballots of different cycles
cannot be linked without the secret, and the online and paper channels (which both start
from the identity code) arrive at the same key, which the unique constraint then enforces.
"""

import datetime
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone
from django.utils.dateparse import parse_datetime

SESSION_KEY = "pb_voter"


def _secret() -> bytes:
    secret = settings.PB_VOTER_KEY_SECRET or "luotsi-pb-voter-key:" + settings.SECRET_KEY
    return secret.encode()


def normalise_person_id(value: str) -> str:
    """Identity codes are compared in upper case without spaces (the form a HETU is printed
    in), so that "131052-308t " typed at a polling point matches the e-ID's claim."""
    return "".join((value or "").split()).upper()


def person_hash(person_id: str) -> str:
    """The keyed hash standing for a person (64 hex characters)."""
    message = b"person:" + normalise_person_id(person_id).encode()
    return hmac.new(_secret(), message, hashlib.sha256).hexdigest()


def voter_key(cycle_id: int, person: str) -> str:
    """`Ballot.voter_key` for the person (their `person_hash`) in one cycle."""
    return hmac.new(_secret(), f"{cycle_id}:{person}".encode(), hashlib.sha256).hexdigest()


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Whole years from `born` to `day` (a person born on 29 February turns a year older on
    1 March in common years)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def lives_in_city(municipality: str) -> bool:
    """Whether a home-municipality claim names this installation's city: its official
    municipality code (`PB_CITY_MUNICIPALITY_CODE`, Helsinki 091) or the city's name."""
    value = (municipality or "").strip().casefold()
    if not value:
        return False
    code = settings.PB_CITY_MUNICIPALITY_CODE.strip()
    if code and value.lstrip("0") == code.casefold().lstrip("0"):
        return True
    from luotsi.areas.models import City

    city = City.objects.filter(slug=settings.LUOTSI_CITY).first()
    if city is None:
        return False
    names = {getattr(city, f"name_{lang}", None) or "" for lang in ("fi", "sv", "en")}
    return value in {name.strip().casefold() for name in names | {city.name} if name}


@dataclass(frozen=True)
class VoterIdentity:
    person: str  # person_hash()
    age: int
    resident: bool
    verified_at: datetime.datetime
    method: str = "oidc"  # "oidc", "dev" (the test provider) or "paper"

    def key_for(self, cycle_id: int) -> str:
        return voter_key(cycle_id, self.person)

    @property
    def expires_at(self) -> datetime.datetime:
        return self.verified_at + datetime.timedelta(minutes=settings.PB_IDENTITY_VALID_MINUTES)

    def valid_at(self, moment: datetime.datetime | None = None) -> bool:
        return (moment or timezone.now()) < self.expires_at

    def as_session(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "age": self.age,
            "resident": self.resident,
            "verified_at": self.verified_at.isoformat(),
            "method": self.method,
        }


def identity_from_claims(
    *, person_id: str, born: datetime.date, municipality: str, method: str
) -> VoterIdentity:
    now = timezone.now()
    return VoterIdentity(
        person=person_hash(person_id),
        age=age_on(born, timezone.localdate(now)),
        resident=lives_in_city(municipality),
        verified_at=now,
        method=method,
    )


def identity_store(session: SessionBase, identity: VoterIdentity) -> None:
    """Keep the identity in the session (a new session key: no fixation)."""
    session.cycle_key()
    session[SESSION_KEY] = identity.as_session()


def identity_clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def identity_of(session: SessionBase) -> VoterIdentity | None:
    """The session's voter identity while it is valid; an expired one is forgotten."""
    raw = session.get(SESSION_KEY)
    if not isinstance(raw, dict):
        return None
    try:
        verified_at = parse_datetime(str(raw["verified_at"]))
        identity = VoterIdentity(
            person=str(raw["person"]),
            age=int(raw["age"]),
            resident=bool(raw["resident"]),
            verified_at=verified_at,  # type: ignore[arg-type]
            method=str(raw.get("method", "oidc")),
        )
    except (KeyError, TypeError, ValueError):
        identity = None
    if identity is None or identity.verified_at is None or not identity.valid_at():
        identity_clear(session)
        return None
    return identity
