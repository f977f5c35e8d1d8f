"""Reads for running campaigns, already limited to what the caller may see."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse

from luotsi.accounts.models import User
from luotsi.areas.addresses import street_key
from luotsi.campaigns.area import address_street_and_number, split_kinds, street_namer
from luotsi.campaigns.models import REACHED, Campaign, CampaignStatus, Target, TargetStatus
from luotsi.campaigns.permissions import campaigns_visible_to
from luotsi.network.models import Organisation
from luotsi.network.permissions import organisations_visible_to

MAX_ADD_CHOICES = 50


def campaigns_for(user: User | AnonymousUser) -> QuerySet[Campaign]:
    """The campaigns the user may see, with target counts (`target_count`, `reached_count`,
    `waiting_count`): running ones first, then drafts, then closed, nearest deadline first."""
    order = {CampaignStatus.ACTIVE: 0, CampaignStatus.DRAFT: 1, CampaignStatus.CLOSED: 2}
    return (
        campaigns_visible_to(user)
        .annotate(
            target_count=Count("targets", distinct=True),
            reached_count=Count("targets", filter=Q(targets__status__in=REACHED), distinct=True),
            waiting_count=Count(
                "targets",
                filter=Q(targets__status=TargetStatus.NOT_CONTACTED),
                distinct=True,
            ),
            status_order=Case(
                *(When(status=status, then=Value(rank)) for status, rank in order.items()),
                default=Value(3),
                output_field=IntegerField(),
            ),
        )
        .order_by("status_order", "feedback_deadline", "pk")
    )


def targets_of(campaign: Campaign) -> QuerySet[Target]:
    """The campaign's targets with what their rows show. Precondition: the caller may run
    the campaign (access_campaign)."""
    return campaign.targets.select_related(
        "organisation", "organisation__district", "contacted_by"
    ).order_by("organisation__street_address", "house_number", "organisation__name", "pk")


def target_counts(campaign: Campaign) -> list[dict[str, Any]]:
    """Targets per status, every status listed (zeros too), in the statuses' order."""
    counts = dict(
        campaign.targets.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return [
        {"status": status, "label": label, "count": counts.get(status, 0)}
        for status, label in TargetStatus.choices
    ]


@dataclass
class WalkingStreet:
    """One street of a walking list: up one side (odd numbers, ascending) and back down the
    other (even numbers, descending), then the targets without a house number."""

    name: str
    odd: list[Target] = field(default_factory=list)
    even: list[Target] = field(default_factory=list)
    unnumbered: list[Target] = field(default_factory=list)

    @property
    def targets(self) -> list[Target]:
        return self.odd + self.even + self.unnumbered


def walking_list(campaign: Campaign) -> list[WalkingStreet]:
    """The targets in the order an officer walks them, street by street (alphabetically,
    targets without an address last). Precondition: the caller may run the campaign."""
    streets: dict[str, WalkingStreet] = {}
    name_of = street_namer()
    for target in targets_of(campaign):
        street, number = address_street_and_number(target.organisation.street_address)
        street = name_of(street)
        number = target.house_number if target.house_number is not None else number
        key = street_key(street)
        walk = streets.setdefault(key, WalkingStreet(name=street))
        if number is None:
            walk.unnumbered.append(target)
        elif number % 2:
            walk.odd.append(target)
        else:
            walk.even.append(target)
    for walk in streets.values():
        walk.odd.sort(key=lambda t: (t.house_number or 0, t.organisation.name, t.pk))
        walk.even.sort(key=lambda t: (-(t.house_number or 0), t.organisation.name, t.pk))
        walk.unnumbered.sort(key=lambda t: (t.organisation.name, t.pk))
    return [streets[key] for key in sorted(streets, key=lambda k: (k == "", k))]


def targets_in_walking_order(campaign: Campaign) -> list[Target]:
    """The targets as the walking list has them, in one list (for tables and choices)."""
    return [target for street in walking_list(campaign) for target in street.targets]


def organisations_to_add(user: User, campaign: Campaign, query: str = "") -> QuerySet[Organisation]:
    """Organisations the user may see, of the campaign's types, not yet targeted, matching
    `query` in the name or street address (at most MAX_ADD_CHOICES)."""
    found = (
        organisations_visible_to(user)
        .filter(is_active=True, kind__in=split_kinds(campaign.target_kinds))
        .exclude(pk__in=campaign.targets.values("organisation_id"))
    )
    query = query.strip()[:100]
    if query:
        found = found.filter(Q(name__icontains=query) | Q(street_address__icontains=query))
    return found.order_by("name", "pk")


# Marker colours by status (WCAG non-text contrast 3:1 on the map's light background); the
# targets table carries the same information in text.
STATUS_COLOURS = {
    TargetStatus.NOT_CONTACTED: "#595959",
    TargetStatus.INFORMED: "#0000bf",
    TargetStatus.FEEDBACK: "#006b2d",
    TargetStatus.DECLINED: "#8a4b00",
    TargetStatus.UNREACHABLE: "#b01818",
}


def target_markers(campaign: Campaign, targets: list[Target]) -> list[dict[str, Any]]:
    """Points for web/markers.js: one per located target, coloured by status."""
    detail = reverse("campaigns:detail", args=[campaign.pk])
    return [
        {
            "lat": t.organisation.latitude,
            "lon": t.organisation.longitude,
            "title": t.organisation.name,
            "when": f"{t.organisation.street_address} · {t.get_status_display()}",
            "url": f"{detail}#target-{t.pk}",
            "color": STATUS_COLOURS.get(TargetStatus(t.status), "#595959"),
        }
        for t in targets
        if t.organisation.latitude is not None and t.organisation.longitude is not None
    ]


def status_legend() -> list[dict[str, str]]:
    return [
        {"label": str(label), "color": STATUS_COLOURS[TargetStatus(status)]}
        for status, label in TargetStatus.choices
    ]
