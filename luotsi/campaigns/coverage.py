"""Reads of a campaign's feedback: how far the information has reached, the answers summed
up per question for the city project, and the rows of the export.

The caller has already checked that the user may run the campaign (`access_campaign`).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.campaigns.feedback import option_name
from luotsi.campaigns.models import (
    REACHED,
    Campaign,
    Question,
    QuestionKind,
    Response,
    Target,
    TargetStatus,
)

# Marker colours by status: distinguishable, and the table carries the same figures.
STATUS_COLOURS = {
    TargetStatus.NOT_CONTACTED: "#555555",
    TargetStatus.INFORMED: "#0000bf",
    TargetStatus.FEEDBACK: "#006b2d",
    TargetStatus.DECLINED: "#b01818",
    TargetStatus.UNREACHABLE: "#8a4b00",
}


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int
    percent: int
    colour: str


@dataclass(frozen=True)
class Coverage:
    total: int
    informed: int
    responded: int
    by_status: list[StatusCount]

    @property
    def informed_percent(self) -> int:
        return percent(self.informed, self.total)

    @property
    def responded_percent(self) -> int:
        return percent(self.responded, self.total)


def campaign_coverage(campaign: Campaign) -> Coverage:
    """Informed: targets in a reached status (informed, gave feedback, declined); responded:
    targets with a response. Both out of all the campaign's targets."""
    counts = dict(
        Target.objects.filter(campaign=campaign)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    responded = Response.objects.filter(target__campaign=campaign).count()
    total = sum(counts.values())
    by_status = [
        StatusCount(
            status=status,
            label=str(label),
            count=counts.get(status, 0),
            percent=percent(counts.get(status, 0), total),
            colour=STATUS_COLOURS[TargetStatus(status)],
        )
        for status, label in TargetStatus.choices
    ]
    return Coverage(
        total=total,
        informed=sum(counts.get(status, 0) for status in REACHED),
        responded=responded,
        by_status=by_status,
    )


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int
    percent: int


@dataclass
class QuestionSummary:
    question: Question
    answered: int = 0
    options: list[OptionCount] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (organisation, answer)


def _responses(campaign: Campaign) -> list[Response]:
    return list(
        Response.objects.filter(target__campaign=campaign)
        .select_related("target__organisation")
        .order_by("target__organisation__name", "pk")
    )


def answer_summary(campaign: Campaign, language: str) -> list[QuestionSummary]:
    """Per question: counts per option (list and yes/no questions; a multi answer counts once
    for each option chosen) or the text answers with the organisation's name. Option names in
    `language`; question texts follow the active language."""
    responses = _responses(campaign)
    summaries = []
    for question in campaign.questions.all():
        key = str(question.pk)
        given = [(r, r.answers[key]) for r in responses if r.answers.get(key) not in (None, "")]
        summary = QuestionSummary(question=question, answered=len(given))
        if question.kind == QuestionKind.TEXT:
            summary.texts = [(r.target.organisation.name, str(value)) for r, value in given]
        elif question.kind == QuestionKind.YES_NO:
            yes = sum(1 for _r, value in given if value is True)
            no = sum(1 for _r, value in given if value is False)
            summary.options = [
                OptionCount(_("Yes"), yes, percent(yes, len(given))),
                OptionCount(_("No"), no, percent(no, len(given))),
            ]
        else:
            for choice in question.choices:
                chosen = choice.get("key")
                n = sum(
                    1
                    for _r, value in given
                    if value == chosen or (isinstance(value, list) and chosen in value)
                )
                summary.options.append(
                    OptionCount(option_name(choice, language), n, percent(n, len(given)))
                )
        summaries.append(summary)
    return summaries


def target_markers(campaign: Campaign) -> list[dict[str, Any]]:
    """Points for markers.js: one per located target, coloured by status."""
    return [
        {
            "lat": target.organisation.latitude,
            "lon": target.organisation.longitude,
            "title": target.organisation.name,
            "when": target.get_status_display(),
            "url": reverse("campaigns:letter", args=[campaign.pk, target.pk]),
            "color": STATUS_COLOURS[TargetStatus(target.status)],
        }
        for target in campaign.targets.select_related("organisation")
        if target.organisation.latitude is not None and target.organisation.longitude is not None
    ]


def answer_text(question: Question, value: Any, language: str) -> str:
    """One answer as a reader sees it (exports)."""
    if value in (None, "", []):
        return ""
    if question.kind == QuestionKind.YES_NO:
        return str(_("Yes") if value is True else _("No"))
    if question.kind in (QuestionKind.CHOICE, QuestionKind.MULTI):
        names = {str(c.get("key")): option_name(c, language) for c in question.choices}
        values = value if isinstance(value, list) else [value]
        return "; ".join(names.get(str(v), str(v)) for v in values)
    return str(value)


def export_rows(campaign: Campaign, language: str) -> tuple[list[str], list[list[str]]]:
    """The header and one row per target: organisation, address, status, channel, contacted
    on, responded, then one column per question."""
    questions = list(campaign.questions.all())
    header = [
        _("Organisation"),
        _("Address"),
        _("Status"),
        _("Channel"),
        _("Contacted on"),
        _("Responded"),
        *[question.text for question in questions],
    ]
    targets = campaign.targets.select_related("organisation", "response").order_by(
        "house_number", "organisation__name", "pk"
    )
    rows = []
    for target in targets:
        response: Response | None = getattr(target, "response", None)
        answers = response.answers if response is not None else {}
        rows.append(
            [
                target.organisation.name,
                target.organisation.street_address,
                target.get_status_display(),
                target.get_channel_display() if target.channel else "",
                target.contacted_on.isoformat() if target.contacted_on else "",
                timezone.localdate(response.updated_at).isoformat() if response else "",
                *[answer_text(q, answers.get(str(q.pk)), language) for q in questions],
            ]
        )
    return [str(h) for h in header], rows
