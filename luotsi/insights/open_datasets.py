"""The open datasets: what each publishes, column by column, and where its rows come from.

Each reads through the source app's public rule (published events, messages an officer made
public, cycles whose results are published, campaigns past their draft) and keeps only
aggregate counts and fields that are already public on the site. No row names, or links to,
a person: no registrant, sender, voter, author, contact or organisation.
"""

import datetime
from collections import defaultdict
from collections.abc import Hashable
from typing import Any

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.areas.models import District
from luotsi.campaigns.models import REACHED, Campaign, CampaignStatus, Response, Target
from luotsi.concerns.selectors import public_messages
from luotsi.events.models import Event
from luotsi.events.selectors import with_places
from luotsi.insights.models import (
    Dimension,
    ParticipationChannel,
    ParticipationCount,
    ParticipationRefresh,
)
from luotsi.insights.open_data import (
    Column,
    ColumnType,
    Dataset,
    count_columns,
    count_values,
    min_cell,
    month_text,
    site_url,
    translated_columns,
    translated_values,
)
from luotsi.insights.open_datasets_pb import (
    PB_IMPLEMENTATION_COLUMNS,
    PB_RESULT_COLUMNS,
    pb_implementation_rows,
    pb_result_rows,
)
from luotsi.insights.suppression import Partition, protect

ALL_CHANNELS = "all"
BOUNDARIES = ("geometry", "geometry_simplified")


def _district_columns() -> list[Column]:
    return [
        Column(
            "major_district_code",
            ColumnType.STRING,
            _("code of the major district (suurpiiri)"),
            nullable=True,
        ),
        Column(
            "district_code",
            ColumnType.STRING,
            _("code of the district (peruspiiri), as in the city's statistics"),
            nullable=True,
        ),
        *translated_columns("district_name", _("name of the district")),
    ]


def _district_values(district: District | None) -> dict[str, Any]:
    return {
        "major_district_code": district.major_district.code if district else None,
        "district_code": district.code if district else None,
        **translated_values("district_name", district, "name"),
    }


def _districts(pks: set[int]) -> dict[int, District]:
    found = (
        District.objects.filter(pk__in=pks)
        .select_related("major_district")
        .defer(*BOUNDARIES, *(f"major_district__{f}" for f in BOUNDARIES))
    )
    return {district.pk: district for district in found}


# --- participation ----------------------------------------------------------------------------

PARTICIPATION_COLUMNS = (
    Column("month", ColumnType.MONTH, _("the calendar month")),
    *_district_columns(),
    Column(
        "channel",
        ColumnType.STRING,
        _(
            "how people took part: event, concern (messages from residents), campaign "
            "(campaign responses), interaction (officers' meetings), office_hours; all: the "
            "sum of the channels"
        ),
    ),
    *count_columns("participations", _("participations (one person may take part several times)")),
)


def _refreshed_at() -> datetime.datetime | None:
    refresh = ParticipationRefresh.objects.order_by("-refreshed_at").first()
    return refresh.refreshed_at if refresh else None


def participation_rows() -> list[dict[str, Any]]:
    """Participations per month × district × channel, from the refreshed figures
    (ParticipationCount; each person once per dimension, so the language rows are summed).

    Suppressed over every sum a reader could use: the channels of a district's month add up
    to its "all" row, and a district's months add up to its quarters and years, which other
    publications (annual reports, the concerns area pages) may state; so no quarter or year
    is left with a single hidden month. District-months with nobody at all are left out."""
    counts: dict[Hashable, int] = defaultdict(int)
    active: set[tuple[datetime.date, int]] = set()
    rows = (
        ParticipationCount.objects.filter(dimension=Dimension.LANGUAGE)
        .values("month", "district", "channel")
        .annotate(n=Sum("count"))
    )
    for row in rows:
        counts[(row["month"], row["district"], row["channel"])] += row["n"]
        active.add((row["month"], row["district"]))
    channels = list(ParticipationChannel.values)
    partitions: list[Partition[Hashable]] = []
    periods: dict[Hashable, list[Hashable]] = defaultdict(list)
    for month, district in active:
        parts = [(month, district, channel) for channel in channels]
        total = (month, district, ALL_CHANNELS)
        counts[total] = sum(counts[part] for part in parts)
        partitions.append(Partition(total, parts))
        for channel in [ALL_CHANNELS, *channels]:
            quarter = ("quarter", month.year, (month.month - 1) // 3, district, channel)
            year = ("year", month.year, district, channel)
            for period in (quarter, year):
                counts[period] += counts[(month, district, channel)]
                periods[period].append((month, district, channel))
    partitions += [Partition(period, parts) for period, parts in periods.items()]
    cells = protect(counts, partitions, threshold=min_cell())
    districts = _districts({district for _month, district in active})
    out = []
    order = {channel: i for i, channel in enumerate([ALL_CHANNELS, *channels])}
    for month, district_pk in sorted(active, key=lambda k: (k[0], districts[k[1]].code)):
        for channel in sorted(order, key=order.__getitem__):
            out.append(
                {
                    "month": month_text(month),
                    **_district_values(districts[district_pk]),
                    "channel": channel,
                    **count_values("participations", cells[(month, district_pk, channel)]),
                }
            )
    return out


# --- events -----------------------------------------------------------------------------------

EVENT_COLUMNS = (
    Column("id", ColumnType.INTEGER, _("the event's number in Luotsi")),
    *translated_columns("title", _("title")),
    Column(
        "kind",
        ColumnType.STRING,
        _(
            "type: cafe, public_meeting, school_session, workshop, info_stand or pb_workshop "
            "(participatory budgeting workshop)"
        ),
    ),
    Column("status", ColumnType.STRING, _("published, cancelled or completed")),
    Column("start", ColumnType.DATETIME, _("when the event starts")),
    Column("end", ColumnType.DATETIME, _("when the event ends")),
    *_district_columns(),
    *translated_columns("venue_name", _("name of the venue")),
    Column(
        "languages",
        ColumnType.STRING,
        _("languages spoken, as language codes separated by commas (e.g. fi,sv)"),
    ),
    Column(
        "interpretation",
        ColumnType.STRING,
        _("interpretation offered, as language codes separated by commas (fse: sign language)"),
    ),
    Column(
        "audiences",
        ColumnType.STRING,
        _(
            "for whom, separated by commas: everyone, children, youth, families, seniors, "
            "immigrants, disabled, businesses, associations"
        ),
    ),
    Column("url", ColumnType.STRING, _("the event's public page")),
)


def event_rows() -> list[dict[str, Any]]:
    """Every public event (published, cancelled or completed; past ones too), by start.
    Registrations and attendance are not here: they are counted in the participation data."""
    events = with_places(Event.objects.public()).order_by("start", "pk")
    return [
        {
            "id": event.pk,
            **translated_values("title", event),
            "kind": event.kind,
            "status": event.status,
            "start": timezone.localtime(event.start).isoformat(),
            "end": timezone.localtime(event.end).isoformat(),
            **_district_values(event.district),
            **translated_values("venue_name", event.venue, "name"),
            "languages": event.languages,
            "interpretation": event.interpretation,
            "audiences": event.audiences,
            "url": site_url(reverse("events:detail", args=[event.pk])),
        }
        for event in events
    ]


# --- public concerns --------------------------------------------------------------------------

CONCERN_COLUMNS = (
    Column("reference", ColumnType.STRING, _("the message's public reference")),
    Column("month", ColumnType.MONTH, _("the month the message was sent")),
    Column("kind", ColumnType.STRING, _("question, concern, idea or feedback")),
    Column("category_code", ColumnType.STRING, _("code of the category (Open311 service code)")),
    *translated_columns("category_name", _("name of the category")),
    *_district_columns(),
    Column(
        "status",
        ColumnType.STRING,
        _("new, acknowledged, in_progress, answered, forwarded or closed"),
    ),
    Column(
        "public_summary",
        ColumnType.STRING,
        _("the summary an officer wrote for the public, without anybody's personal details"),
    ),
)


def concern_rows() -> list[dict[str, Any]]:
    """The messages an officer has made public (the public list's), newest first: only the
    moderated summary, never the resident's own words, name, e-mail, address or exact place."""
    return [
        {
            "reference": message.reference,
            "month": month_text(timezone.localtime(message.created_at).date()),
            "kind": message.kind,
            "category_code": message.service.code,
            **translated_values("category_name", message.service, "name"),
            **_district_values(message.district),
            "status": message.status,
            "public_summary": message.public_text,
        }
        for message in public_messages()
    ]


# --- campaign coverage ------------------------------------------------------------------------

CAMPAIGN_COLUMNS = (
    Column("id", ColumnType.INTEGER, _("the campaign's number in Luotsi")),
    *translated_columns("title", _("title")),
    Column("status", ColumnType.STRING, _("active (under way) or closed")),
    Column("street", ColumnType.STRING, _("the street the campaign covers, if any")),
    Column("feedback_deadline", ColumnType.DATE, _("last day to answer the feedback form")),
    *count_columns("targets", _("organisations (businesses, housing companies…) to inform")),
    *count_columns("reached", _("targets informed (including those who answered or declined)")),
    *count_columns("responded", _("targets who answered the feedback form")),
    Column(
        "reached_percent",
        ColumnType.PERCENT,
        _("reached as a share of targets"),
        nullable=True,
    ),
    Column(
        "responded_percent",
        ColumnType.PERCENT,
        _("responded as a share of targets"),
        nullable=True,
    ),
)


def campaign_rows() -> list[dict[str, Any]]:
    """Coverage of every campaign past its draft: targets, reached and responded (the
    campaign page's figures). The differences (targets not reached, not responded) can be
    worked out, so they are protected as cells of their own."""
    campaigns = list(
        Campaign.objects.exclude(status=CampaignStatus.DRAFT).order_by("feedback_deadline", "pk")
    )
    ids = [c.pk for c in campaigns]
    by_status: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Target.objects.filter(campaign__in=ids).values("campaign", "status").annotate(n=Count("pk"))
    ):
        by_status[row["campaign"]][row["status"]] = row["n"]
    responded = dict(
        Response.objects.filter(target__campaign__in=ids)
        .values("target__campaign")
        .annotate(n=Count("pk"))
        .values_list("target__campaign", "n")
    )
    counts: dict[Hashable, int] = {}
    partitions: list[Partition[Hashable]] = []
    for pk in ids:
        total = sum(by_status[pk].values())
        reached = sum(by_status[pk].get(status, 0) for status in REACHED)
        answered = responded.get(pk, 0)
        counts |= {
            (pk, "targets"): total,
            (pk, "reached"): reached,
            (pk, "not_reached"): total - reached,
            (pk, "responded"): answered,
            (pk, "not_responded"): max(total - answered, 0),
        }
        partitions.append(Partition((pk, "targets"), [(pk, "reached"), (pk, "not_reached")]))
        partitions.append(Partition((pk, "targets"), [(pk, "responded"), (pk, "not_responded")]))
    cells = protect(counts, partitions, threshold=min_cell())
    out = []
    for campaign in campaigns:
        pk = campaign.pk
        shown = cells[(pk, "targets")], cells[(pk, "reached")], cells[(pk, "responded")]
        targets_cell, reached_cell, responded_cell = shown
        out.append(
            {
                "id": pk,
                **translated_values("title", campaign),
                "status": campaign.status,
                "street": campaign.street or None,
                "feedback_deadline": timezone.localtime(campaign.feedback_deadline)
                .date()
                .isoformat(),
                **count_values("targets", targets_cell),
                **count_values("reached", reached_cell),
                **count_values("responded", responded_cell),
                "reached_percent": _percent(reached_cell.public_value, targets_cell.public_value),
                "responded_percent": _percent(
                    responded_cell.public_value, targets_cell.public_value
                ),
            }
        )
    return out


def _percent(part: int | None, whole: int | None) -> int | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole)


DATASETS: dict[str, Dataset] = {
    dataset.slug: dataset
    for dataset in (
        Dataset(
            "participation",
            _("Participation by district, month and channel"),
            _(
                "How many times residents took part, per district, month and channel, as of "
                "the last refresh of Luotsi's figures. Counts of fewer people than the "
                "threshold are hidden."
            ),
            PARTICIPATION_COLUMNS,
            participation_rows,
            as_of=_refreshed_at,
        ),
        Dataset(
            "events",
            _("Events"),
            _(
                "Public events of the liaison officers (cafés, meetings, school sessions, "
                "workshops): when, where, in which languages and for whom."
            ),
            EVENT_COLUMNS,
            event_rows,
        ),
        Dataset(
            "concerns",
            _("Public concerns"),
            _(
                "Messages from residents that an officer has summarised for the public: the "
                "category, district, month, status and the public summary."
            ),
            CONCERN_COLUMNS,
            concern_rows,
        ),
        Dataset(
            "pb-results",
            _("Participatory budgeting results"),
            _(
                "Every plan on the ballot of each round whose results are published: cost, "
                "votes and whether it was selected."
            ),
            PB_RESULT_COLUMNS,
            pb_result_rows,
        ),
        Dataset(
            "pb-implementation",
            _("Participatory budgeting implementation"),
            _("The selected plans' implementation status and progress, as on the tracker."),
            PB_IMPLEMENTATION_COLUMNS,
            pb_implementation_rows,
        ),
        Dataset(
            "campaign-coverage",
            _("Campaign coverage"),
            _(
                "Outreach campaigns (e.g. to the businesses of a street under renovation): how "
                "many organisations were to be informed, were reached and answered."
            ),
            CAMPAIGN_COLUMNS,
            campaign_rows,
        ),
    )
}
