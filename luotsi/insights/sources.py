"""Where participations come from: one function per channel, each a few GROUP BY queries
over the source app's records, yielding counts per month × district × sub-district ×
dimension × group. No function returns, and nothing stores, a row per person.

What counts as one participation (each documented on the overview page):
- event: a registrant marked as having come, or a walk-in (head counts per event). Language
  from the registration (its language of contact, or "other" when a language need was
  stated); walk-ins' language is not known. Interpretation head counts are deliberately not
  used: they pick out other-language speakers only, so at an event of walk-ins the "known"
  people would all be other-language speakers and the share would read 100 %. Age from the
  organiser's estimated age-band counts. When the age counts add up to more than
  registrants + walk-ins, the larger number is the head count (the extra people's language
  is not known).
- concern: a message from a resident (any kind), in the language it was written in.
- campaign: a response to a campaign's feedback form, located where the organisation is.
- interaction: each network contact taking part in an interaction the officer logged
  (language: the contact's preferred language); an interaction without contacts counts as
  one participation of unknown language. Interactions created by the events and office-hours
  apps are left out: those people are counted in their own channel already.
- office_hours: a booked appointment that has taken place, located at its venue.
Age is not known for any channel but events.

Participatory budgeting (issue 8) will add a function for proposals and one for ballots,
registered in SOURCES with their channel.
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from luotsi.campaigns.models import Response
from luotsi.concerns.models import Message
from luotsi.events.models import (
    AGE_BANDS,
    AttendanceCount,
    CountDimension,
    Event,
    EventStatus,
    Registration,
)
from luotsi.insights.models import UNKNOWN, AgeGroup, Dimension, LanguageGroup
from luotsi.insights.models import ParticipationChannel as C
from luotsi.insights.statistics import language_group
from luotsi.network.models import Interaction
from luotsi.officehours.models import Appointment, AppointmentStatus

# (month, district id, sub-district id or None, dimension, group) → count
Key = tuple[datetime.date, int, int | None, str, str]
Source = Callable[[datetime.datetime], Counter[Key]]


def _month(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _language_only(
    counts: Counter[Key], month: datetime.date, district: int, sub: int | None, group: str, n: int
) -> None:
    """A channel that knows languages but not ages: the same people go to age "unknown"."""
    counts[(month, district, sub, Dimension.LANGUAGE, group)] += n
    counts[(month, district, sub, Dimension.AGE, UNKNOWN)] += n


def _grouped(rows: Any, month: str, district: str, sub: str, language: str) -> Counter[Key]:
    counts: Counter[Key] = Counter()
    for row in rows:
        if row[district] is None or row[month] is None:
            continue
        _language_only(
            counts,
            _month(row[month]),
            row[district],
            row[sub],
            language_group(row[language]) if language else UNKNOWN,
            row["n"],
        )
    return counts


def events(now: datetime.datetime) -> Counter[Key]:
    held = Event.objects.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.COMPLETED],
        start__lt=now,
        district__isnull=False,
    )
    registrations: dict[int, Counter[str]] = {}
    for row in (
        Registration.objects.filter(event__in=held, attended=True)
        .annotate(needs=Case(When(language_needs="", then=Value(False)), default=Value(True)))
        .values("event", "language", "needs")
        .annotate(n=Count("pk"))
    ):
        group = language_group(row["language"], needs=row["needs"])
        registrations.setdefault(row["event"], Counter())[group] += row["n"]
    ages_of: dict[int, dict[str, int]] = {}
    for counted in AttendanceCount.objects.filter(
        event__in=held, dimension=CountDimension.AGE, code__in=AGE_BANDS
    ).values("event", "code", "count"):
        ages_of.setdefault(counted["event"], {})[counted["code"]] = counted["count"]
    counts: Counter[Key] = Counter()
    for event in held.values("pk", "start", "district", "sub_district", "walk_ins"):
        pk, walk_ins = event["pk"], event["walk_ins"]
        language = Counter(registrations.get(pk, {}))
        registered = sum(language.values())
        ages = dict(ages_of.get(pk, {}))
        heads = max(registered + walk_ins, sum(ages.values()))
        if heads == 0:
            continue
        language[LanguageGroup.UNKNOWN] += heads - sum(language.values())
        ages[AgeGroup.UNKNOWN] = heads - sum(ages.values())
        where = (_month(event["start"]), event["district"], event["sub_district"])
        for group, n in language.items():
            counts[(*where, Dimension.LANGUAGE, group)] += n
        for group, n in ages.items():
            counts[(*where, Dimension.AGE, group)] += n
    return +counts  # drop zeros


def concerns(now: datetime.datetime) -> Counter[Key]:
    rows = (
        Message.objects.filter(created_at__lt=now, district__isnull=False)
        .annotate(m=TruncMonth("created_at"))
        .values("m", "district", "sub_district", "language")
        .annotate(n=Count("pk"))
    )
    return _grouped(rows, "m", "district", "sub_district", "language")


def campaigns(now: datetime.datetime) -> Counter[Key]:
    rows = (
        Response.objects.filter(submitted_at__lt=now, target__organisation__district__isnull=False)
        .annotate(m=TruncMonth("submitted_at"))
        .values(
            "m",
            "target__organisation__district",
            "target__organisation__sub_district",
            "language",
        )
        .annotate(n=Count("pk"))
    )
    return _grouped(
        rows,
        "m",
        "target__organisation__district",
        "target__organisation__sub_district",
        "language",
    )


def interactions(now: datetime.datetime) -> Counter[Key]:
    logged = Interaction.objects.filter(occurred_on__lte=timezone.localdate(now)).exclude(
        Q(pk__in=Event.objects.filter(interaction__isnull=False).values("interaction"))
        | Q(pk__in=Appointment.objects.filter(interaction__isnull=False).values("interaction"))
    )
    # The plugin cannot see annotations on the auto-created through model.
    with_contacts = (
        Interaction.contacts.through.objects.filter(interaction__in=logged)
        .annotate(m=TruncMonth("interaction__occurred_on"))
        .values(  # type: ignore[misc]
            "m",
            "interaction__district",
            "interaction__sub_district",
            "contact__preferred_language",
        )
        .annotate(n=Count("pk"))
    )
    counts = _grouped(
        with_contacts,
        "m",
        "interaction__district",
        "interaction__sub_district",
        "contact__preferred_language",
    )
    without = (
        logged.filter(contacts__isnull=True)
        .annotate(m=TruncMonth("occurred_on"))
        .values("m", "district", "sub_district")
        .annotate(n=Count("pk"))
    )
    counts.update(_grouped(without, "m", "district", "sub_district", ""))
    return counts


def office_hours(now: datetime.datetime) -> Counter[Key]:
    rows = (
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED, ends_at__lte=now, venue__district__isnull=False
        )
        .annotate(m=TruncMonth("starts_at"))
        .values("m", "venue__district", "venue__sub_district", "language")
        .annotate(n=Count("pk"))
    )
    return _grouped(rows, "m", "venue__district", "venue__sub_district", "language")


SOURCES: dict[str, Source] = {
    C.EVENT: events,
    C.CONCERN: concerns,
    C.CAMPAIGN: campaigns,
    C.INTERACTION: interactions,
    C.OFFICE_HOURS: office_hours,
}


def all_counts(now: datetime.datetime) -> Iterator[tuple[str, Key, int]]:
    for channel, source in SOURCES.items():
        for key, n in source(now).items():
            if n > 0:
                yield channel, key, n
