"""The Finnish personal identity code (henkilötunnus, HETU): DDMMYY, a century sign, a
three-digit individual number and a check character (e.g. 131052-308T).

Century signs: `+` 1800s; `-` and (since 2023) `Y X W V U` 1900s; `A` and `B C D E F` 2000s.
The check character is the nine digits DDMMYYNNN modulo 31 looked up in `CHECK_CHARACTERS`.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {"+": 1800, "-": 1900, "A": 2000}
CENTURIES.update(dict.fromkeys("YXWVU", 1900))
CENTURIES.update(dict.fromkeys("BCDEF", 2000))
HETU = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$")
# Dashes people paste from word processors count as the plain hyphen century sign.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def normalise_hetu(value: str) -> str:
    return "".join((value or "").split()).translate(_DASHES).upper()


def hetu_check_character(digits: str) -> str:
    return CHECK_CHARACTERS[int(digits) % 31]


def hetu_birth_date(value: str) -> datetime.date:
    """The birth date in a valid identity code. Raises ValidationError (never echoing the
    code back: it is personal data) when the code is malformed or its check fails."""
    code = normalise_hetu(value)
    match = HETU.match(code)
    if match is None:
        raise ValidationError(
            _(
                "Enter the personal identity code as six digits of the birth date, a century "
                "sign, three digits and a check character, e.g. 131052-308T."
            ),
            code="hetu_format",
        )
    day, month, year, sign, individual, check = match.groups()
    try:
        born = datetime.date(CENTURIES[sign] + int(year), int(month), int(day))
    except ValueError:
        raise ValidationError(
            _("The personal identity code does not begin with a real date."), code="hetu_date"
        ) from None
    if int(individual) < 2:
        raise ValidationError(
            _("The personal identity code's individual number is not in use."),
            code="hetu_individual",
        )
    if hetu_check_character(day + month + year + individual) != check:
        raise ValidationError(
            _("The personal identity code's check character does not match: check the code."),
            code="hetu_check",
        )
    return born


def validate_hetu(value: str) -> None:
    hetu_birth_date(value)
