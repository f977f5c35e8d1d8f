"""Short code lists stored as text ("fi,sv,en"): the languages of an event, the audiences it
is for. A text column filters the same way on SQLite and PostgreSQL, and the lists are short
and read far more often than written."""

from collections.abc import Iterable

from django.db.models import Q


def split_codes(value: str | None) -> list[str]:
    return [code.strip().lower() for code in (value or "").split(",") if code.strip()]


def join_codes(codes: Iterable[str]) -> str:
    """One spelling for every list (lower case, no spaces, no repeats, in the given order),
    so that `has_code` can match whole codes only."""
    return ",".join(dict.fromkeys(code.strip().lower() for code in codes if code.strip()))


def has_code(field: str, code: str) -> Q:
    """Rows whose list in `field` contains exactly `code` ("en" must not match "ven")."""
    code = code.strip().lower()
    return (
        Q(**{field: code})
        | Q(**{f"{field}__startswith": f"{code},"})
        | Q(**{f"{field}__endswith": f",{code}"})
        | Q(**{f"{field}__contains": f",{code},"})
    )
