"""Names of languages, in the page's language. Django knows most; the ones Helsinki's
residents and events need that it lacks (Somali, the Finnish sign languages, …) are added
here so they never show up as bare codes."""

from django.utils.functional import Promise
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# Plain-language Finnish (selkosuomi): a private-use BCP 47 tag, so it can be a UI language
# next to "fi" (its catalogue falls back to standard Finnish) and a materials language.
PLAIN_FINNISH = "fi-x-plain"

EXTRA_LANGUAGES: dict[str, Promise] = {
    PLAIN_FINNISH: _("Plain Finnish"),
    "so": _("Somali"),
    "fse": _("Finnish Sign Language"),
    "fss": _("Finland-Swedish Sign Language"),
    "smn": _("Inari Sami"),
    "sms": _("Skolt Sami"),
    "se": _("Northern Sami"),
    "ti": _("Tigrinya"),
    "ps": _("Pashto"),
    "ku": _("Kurdish"),
    "yi": _("Yiddish"),
    "rom": _("Romani"),
    "krl": _("Karelian"),
}


def language_name(code: str) -> str:
    """The language's name in the active language; the code itself if nobody knows it."""
    if code in EXTRA_LANGUAGES:
        return str(EXTRA_LANGUAGES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def message_language(code: str | None = None) -> str:
    """The message language (settings.MESSAGE_LANGUAGES) for a page language: plain Finnish
    pages write to people in Finnish; an unknown code gets the site's default language."""
    from django.conf import settings
    from django.utils import translation

    code = code or translation.get_language() or settings.LANGUAGE_CODE
    codes = {c for c, _name in settings.MESSAGE_LANGUAGES}
    if code in codes:
        return code
    base = code.split("-")[0]
    return base if base in codes else settings.LANGUAGE_CODE
