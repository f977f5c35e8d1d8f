"""Template helpers for event pages."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import reverse
from django.utils import formats, timezone

from luotsi.events.codes import split_codes
from luotsi.events.models import Audience, Event

register = template.Library()


@register.filter
def codes(value: str) -> list[str]:
    return split_codes(value)


@register.filter
def audience_names(value: str) -> str:
    labels = dict(Audience.choices)
    return ", ".join(str(labels.get(code, code)) for code in split_codes(value))


@register.filter
def event_markers(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Points for the calendar map (read by events/map.js from a JSON script element)."""
    return [
        {
            "lat": event.latitude,
            "lon": event.longitude,
            "title": event.title,
            "when": formats.date_format(timezone.localtime(event.start), "SHORT_DATETIME_FORMAT"),
            "url": reverse("events:detail", args=[event.pk]),
        }
        for event in events
        if event.latitude is not None and event.longitude is not None
    ]
