"""Declarations of the personal data Luotsi keeps: why, on what basis, about whom, for how
long, and what happens when the time is up (GDPR art. 5(1)(e) and 30).

Each owning app declares its kinds in its own `retention.py` (next to the services that purge
them) by calling `register`; `PrivacyConfig.ready` imports those modules, so the privacy app
never imports a domain app and the declarations sit beside the code they describe. The same
declarations drive `manage.py purge_expired` and the public records-of-processing page, so
the page cannot say something the code does not do.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class LawfulBasis(models.TextChoices):
    """The points of GDPR art. 6(1) a Luotsi processing activity may rest on."""

    CONSENT = "a", _("Consent (GDPR art. 6(1)(a))")
    CONTRACT = "b", _("Contract (GDPR art. 6(1)(b))")
    LEGAL_OBLIGATION = "c", _("Legal obligation (GDPR art. 6(1)(c))")
    PUBLIC_TASK = "e", _("Public task (GDPR art. 6(1)(e))")
    LEGITIMATE_INTEREST = "f", _("Legitimate interest (GDPR art. 6(1)(f))")


# What a purge function reports: a count per action. The keys are these codes, so the
# command and the audit summary can name them in any language without personal data.
ACTIONS: dict[str, Promise] = {
    "anonymised": _("anonymised"),
    "deleted": _("deleted"),
    "files_deleted": _("files deleted"),
    "warned": _("officers warned about"),
    "erased": _("erased"),
}

PurgeResult = dict[str, int]
# purge(now=…, dry_run=…) -> counts per action. With dry_run it changes nothing and returns
# what it would do.
PurgeFunction = Callable[..., PurgeResult]


@dataclass(frozen=True)
class Declaration:
    """One processing activity: a kind of personal data and its rules.

    `retention_setting` names the setting (days) after which `purge` acts; None means the
    data is kept while its purpose lasts and removed by people (e.g. staff accounts when
    someone leaves) or by a separate mechanism, which `retention_note` explains.
    `retention_start` says what the period is counted from.
    """

    key: str
    title: Promise
    models: tuple[str, ...]
    purpose: Promise
    lawful_bases: tuple[LawfulBasis, ...]
    data_subjects: Promise
    data_categories: Promise
    recipients: Promise
    at_expiry: Promise
    retention_setting: str | None = None
    retention_start: Promise | None = None
    retention_note: Promise | None = None
    purge: PurgeFunction | None = field(default=None, compare=False)
    order: int = 100

    @property
    def retention_days(self) -> int | None:
        if self.retention_setting is None:
            return None
        days: int = getattr(settings, self.retention_setting)
        return days

    @property
    def lawful_basis_labels(self) -> list[str]:
        return [str(basis.label) for basis in self.lawful_bases]


_REGISTRY: dict[str, Declaration] = {}


def register(declaration: Declaration) -> Declaration:
    """Add a declaration (at import of an app's `retention` module). A key declared twice
    is a programming error, except the very same declaration imported again."""
    existing = _REGISTRY.get(declaration.key)
    if existing is not None and existing != declaration:
        raise ValueError(f"retention declaration {declaration.key!r} is declared twice")
    _REGISTRY[declaration.key] = declaration
    return declaration


def declarations() -> list[Declaration]:
    return sorted(_REGISTRY.values(), key=lambda d: (d.order, d.key))


def declared_models() -> set[str]:
    """Model labels ("app_label.modelname", lower case) covered by some declaration."""
    return {label.lower() for d in _REGISTRY.values() for label in d.models}


def cutoff(*, now: datetime.datetime, days: int) -> datetime.datetime:
    """The moment before which data is past a retention of `days` at `now`."""
    return now - datetime.timedelta(days=days)


def humanise_days(days: int) -> str:
    """A retention period as people say it: whole years or months when it is one."""
    if days and days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    if days and days % 30 == 0:
        months = days // 30
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def describe(result: PurgeResult) -> str:
    """Counts as "anonymised 3, files deleted 2" (or "nothing to do"), no personal data."""
    parts = [f"{ACTIONS[action]} {count}" for action, count in result.items() if count]
    return ", ".join(parts) if parts else str(_("nothing to do"))
