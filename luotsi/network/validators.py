"""Validators for the business register: the Finnish business ID (Y-tunnus, FO-nummer) and
the TOL 2008 industry code a sector may start with."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
# Dashes people paste from word processors: hyphen, non-breaking hyphen, figure/en/em dash,
# minus sign.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
# A TOL 2008 code: a two-digit division, optionally followed by up to three more digits
# (group, class, subclass), perhaps written with dots ("47.11", "56.10.1").
_TOL_CODE = re.compile(r"^\s*(\d{2}(?:\.?\d){0,3})(?!\d)(?:\s|$|[-–:,])")


def normalise_business_id(value: str) -> str:
    """The ID without surrounding or inner whitespace and with a plain hyphen."""
    return "".join((value or "").split()).translate(_DASHES)


def business_id_check_digit(digits: str) -> int | None:
    """The check digit of seven digits, or None when no check digit exists (remainder 1:
    such numbers are never given out)."""
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_business_id(value: str) -> None:
    """Seven digits, a hyphen and the check digit (e.g. 0201256-6). A missing leading zero
    is not guessed: the ID must be written in full."""
    value = normalise_business_id(value)
    match = BUSINESS_ID.match(value)
    if match is None:
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 0201256-6."),
            code="business_id_format",
        )
    expected = business_id_check_digit(match.group(1))
    if expected is None:
        raise ValidationError(
            _("%(value)s is not a valid business ID: no check digit exists for these digits."),
            code="business_id_check",
            params={"value": value},
        )
    if int(match.group(2)) != expected:
        raise ValidationError(
            _("%(value)s is not a valid business ID: the check digit does not match."),
            code="business_id_check",
            params={"value": value},
        )


def tol_code(sector: str) -> str | None:
    """The TOL 2008 industry code a sector starts with ("56101 Restaurants" → "56101",
    "47.11" → "4711"), or None when the sector is free text."""
    match = _TOL_CODE.match(f"{sector or ''} ")
    if match is None:
        return None
    return match.group(1).replace(".", "")
