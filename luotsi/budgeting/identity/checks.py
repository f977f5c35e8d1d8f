"""System checks: production must not run the development identity provider, and must have
its own secret for voters' keyed hashes. Both run with every management command (`migrate`
in `make serve`, `check --deploy`), so a misconfigured server refuses to start."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def check_voter_identification(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if settings.DEBUG:
        return problems
    if settings.PB_DEV_IDENTITY_PROVIDER:
        problems.append(
            Error(
                "The development identity provider is on while DEBUG is off.",
                hint="Anyone could vote as anyone: set PB_DEV_IDENTITY_PROVIDER=0 and "
                "configure a real OpenID Connect provider with the PB_OIDC_* variables.",
                id="luotsi.B001",
            )
        )
    if not settings.PB_VOTER_KEY_SECRET:
        problems.append(
            Error(
                "PB_VOTER_KEY_SECRET is not set.",
                hint="Set PB_VOTER_KEY_SECRET (or PB_VOTER_KEY_SECRET_FILE) to a long random "
                "value, kept apart from SECRET_KEY and never changed during a voting period: "
                "it keys the hash that makes one ballot per person.",
                id="luotsi.B002",
            )
        )
    return problems
