import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ISO 639-1 two-letter codes (or three-letter ISO 639-3 for languages without one).
LANGUAGE_CODES = re.compile(r"^\s*[a-z]{2,3}(\s*,\s*[a-z]{2,3})*\s*$")


# What people write in a phone number: phonenumbers.parse alone skips any leading text, so
# "<svg onload=…100000" parsed as a valid number.
PHONE_CHARACTERS = re.compile(r"[0-9+()./\s-]+")


def validate_phone(value: str) -> None:
    if not PHONE_CHARACTERS.fullmatch(value):
        raise ValidationError(_("Enter a phone number, e.g. +358 9 310 12345."), code="phone")
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Enter a phone number, e.g. +358 9 310 12345."), code="phone"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("This is not a valid phone number."), code="phone")


def validate_language_codes(value: str) -> None:
    if value and not LANGUAGE_CODES.match(value):
        raise ValidationError(
            _("Give language codes separated by commas, e.g. fi, sv, en."), code="languages"
        )
