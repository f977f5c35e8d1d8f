"""Reads of the audit log for the coordinator's search page and its CSV export.

Every filter is optional and they combine with AND. The time range uses the index on `at`,
an object type (with or without an id) the index on (object_type, object_id); the actor is
looked up among the users first (a small table), so the log itself is never joined for it.
The newest events come first, as the model orders them.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.privacy.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""  # part of the actor's e-mail address or name
    action: str = ""  # an AuditAction value
    object_type: str = ""  # e.g. "network.contact", matched exactly
    object_id: str = ""  # matched exactly
    text: str = ""  # part of the summary
    start: datetime.datetime | None = None  # inclusive
    end: datetime.datetime | None = None  # exclusive

    def used(self) -> list[str]:
        """The names of the filters in use (never their values, which may name a person)."""
        return [name for name, value in vars(self).items() if value not in ("", None)]


def audit_events(f: AuditFilter) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-pk")
    if f.actor:
        actors = User.objects.filter(
            Q(email__icontains=f.actor) | Q(full_name__icontains=f.actor)
        ).values("pk")
        events = events.filter(actor__in=actors)
    if f.action:
        events = events.filter(action=f.action)
    if f.object_type:
        events = events.filter(object_type=f.object_type)
    if f.object_id:
        events = events.filter(object_id=f.object_id)
    if f.text:
        events = events.filter(summary__icontains=f.text)
    if f.start is not None:
        events = events.filter(at__gte=f.start)
    if f.end is not None:
        events = events.filter(at__lt=f.end)
    return events


def known_object_types() -> list[str]:
    """Suggestions for the object type field: Luotsi's own models (no query on the log, which
    may be long). Events about a kind of object rather than a row use the same labels."""
    return sorted(
        model._meta.label_lower
        for model in apps.get_models()
        if model.__module__.startswith("luotsi.")
    )


def export_rows(events: QuerySet[AuditEvent]) -> Iterator[list[str]]:
    """One list of strings per event, streamed from the database in chunks."""
    for event in events.iterator(chunk_size=2000):
        actor = event.actor
        yield [
            timezone.localtime(event.at).isoformat(),
            actor.email if actor else "",
            actor.full_name if actor else "",
            event.action,
            event.object_type,
            event.object_id,
            event.summary,
        ]
