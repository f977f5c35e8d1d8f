"""Finding the service requests an Open311 client may read: the public messages, and the
ones its own API key posted (which it sees in full, as it sent them)."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from luotsi.concerns.models import (
    OPEN_STATUSES,
    ApiKey,
    Message,
    MessageStep,
    Service,
    StepKind,
)
from luotsi.concerns.open311.formats import Open311Error
from luotsi.concerns.open311.representation import REPLIES_ATTR

# The spec's defaults: at most 1000 requests, and the last 90 days when no dates are given.
MAX_REQUESTS = 1000
DEFAULT_WINDOW = datetime.timedelta(days=90)
STATUSES = ("open", "closed")


def csv(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def parse_w3c(value: str) -> datetime.datetime | None:
    """A W3C date-time ("2010-04-14T06:37:38-08:00", or a date alone), or None.
    Without an offset it is local time."""
    value = value.strip()
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.datetime.combine(day, datetime.time()) if day else None
    except ValueError:  # well-formed but impossible, e.g. month 13
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        # The database compares in UTC; year 1 or 9999 with an offset falls off the calendar.
        moment.astimezone(datetime.UTC)
    except OverflowError:
        return None
    return moment


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(is_active=True).prefetch_related("attributes")


def requests_visible(key: ApiKey | None) -> QuerySet[Message]:
    visible = Message.objects.public()
    if key is None:
        return visible.select_related("service")
    replies = MessageStep.objects.filter(kind=StepKind.REPLY, message__api_key=key).order_by(
        "-at", "-pk"
    )
    return (
        (visible | Message.objects.filter(api_key=key))
        .select_related("service")
        .prefetch_related(Prefetch("steps", queryset=replies, to_attr=REPLIES_ATTR))
    )


def request_find(reference: str, key: ApiKey | None) -> Message:
    message = requests_visible(key).filter(reference=reference).first()
    if message is None:
        raise Open311Error(404, _("No service request %(id)s.") % {"id": reference})
    return message


def requests_search(
    params: QueryDict, key: ApiKey | None, now: datetime.datetime | None = None
) -> list[Message]:
    """GET requests: newest first, at most MAX_REQUESTS. Bad parameters are named in a 400."""
    found = requests_visible(key).order_by("-created_at", "-pk")
    references = csv(params.get("service_request_id"))
    if references:
        # The spec: service_request_id overrides all the other parameters.
        return list(found.filter(reference__in=references[:MAX_REQUESTS])[:MAX_REQUESTS])
    errors: dict[str, str] = {}
    bounds: dict[str, datetime.datetime | None] = {}
    for name in ("start_date", "end_date"):
        raw = params.get(name, "")
        bounds[name] = parse_w3c(raw) if raw.strip() else None
        if raw.strip() and bounds[name] is None:
            errors[name] = _("Give a W3C date and time, e.g. 2026-04-14T06:37:38+03:00.")
    statuses = [status.lower() for status in csv(params.get("status"))]
    if any(status not in STATUSES for status in statuses):
        errors["status"] = _("Give open or closed.")
    if errors:
        raise Open311Error.fields(errors)
    start, end = bounds["start_date"], bounds["end_date"]
    if start is None and end is None:
        start = (now or timezone.now()) - DEFAULT_WINDOW
    if start is not None:
        found = found.filter(created_at__gte=start)
    if end is not None:
        found = found.filter(created_at__lte=end)
    if set(statuses) == {"open"}:
        found = found.filter(status__in=OPEN_STATUSES)
    elif set(statuses) == {"closed"}:
        found = found.exclude(status__in=OPEN_STATUSES)
    codes = csv(params.get("service_code"))
    if codes:
        found = found.filter(service__code__in=codes)
    return list(found[:MAX_REQUESTS])
