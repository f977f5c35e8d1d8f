"""Running every declared purge: what `manage.py purge_expired` and the task call."""

import datetime
import logging
from dataclasses import dataclass

from django.utils import timezone

from luotsi.privacy.retention import Declaration, PurgeResult, declarations

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeOutcome:
    declaration: Declaration
    result: PurgeResult


def purge_expired(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> list[PurgeOutcome]:
    """Run each declared kind's purge in turn, each in its own transaction (a failure in one
    kind rolls back that kind only and is raised after the others have run)."""
    now = now or timezone.now()
    outcomes: list[PurgeOutcome] = []
    failures: list[Exception] = []
    for declaration in declarations():
        if declaration.purge is None:
            continue
        try:
            result = declaration.purge(now=now, dry_run=dry_run)
        except Exception as exc:
            logger.exception("retention: purging %s failed", declaration.key)
            failures.append(exc)
            continue
        outcomes.append(PurgeOutcome(declaration, result))
    if failures:
        raise failures[0]
    return outcomes
