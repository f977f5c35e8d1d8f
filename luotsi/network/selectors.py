"""Reads for the network: search, timelines and the handover dossier, always through the
permission rules in permissions.py."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from rapidfuzz import fuzz, process

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.areas.models import District
from luotsi.network import permissions
from luotsi.network.models import (
    Commitment,
    Contact,
    Interaction,
    KnowledgeNote,
    Organisation,
    Relationship,
)

FUZZY_CUTOFF = 80


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "organisation", "contact", "note", "interaction"
    pk: int
    title: str
    detail: str
    score: float


def _rank(query: str, text: str) -> float:
    text_lower, query_lower = text.lower(), query.lower()
    if text_lower == query_lower:
        return 100.0
    if text_lower.startswith(query_lower):
        return 95.0
    if query_lower in text_lower:
        return 85.0
    return float(fuzz.WRatio(query_lower, text_lower)) * 0.8


def search(user: User, query: str, limit: int = 30) -> list[SearchHit]:
    """One ranked list over what the user may see; names tolerate small typos."""
    query = query.strip()[:100]
    if len(query) < 2:
        return []
    hits: dict[tuple[str, int], SearchHit] = {}

    def add(kind: str, pk: int, title: str, detail: str, score: float) -> None:
        key = (kind, pk)
        if key not in hits or hits[key].score < score:
            hits[key] = SearchHit(kind, pk, title, detail, score)

    organisations = permissions.organisations_visible_to(user)
    contacts = permissions.contacts_visible_to(user)
    for pk, name, kind in organisations.filter(
        Q(name__icontains=query) | Q(business_id=query) | Q(trade_names__icontains=query)
    ).values_list("pk", "name", "kind")[:limit]:
        add("organisation", pk, name, kind, _rank(query, name))
    for pk, name, title in contacts.filter(
        Q(full_name__icontains=query) | Q(email__iexact=query)
    ).values_list("pk", "full_name", "title")[:limit]:
        add("contact", pk, name, title, _rank(query, name))
    for pk, title in (
        permissions.notes_visible_to(user)
        .filter(Q(title__icontains=query) | Q(body__icontains=query))
        .values_list("pk", "title")[:limit]
    ):
        add("note", pk, title, "", _rank(query, title) * 0.9)
    for pk, summary, day in _interactions_matching(
        permissions.interactions_visible_to(user), query
    ).values_list("pk", "summary", "occurred_on")[:limit]:
        add("interaction", pk, summary[:80], day.isoformat(), 60.0)

    # Typo tolerance on names: only when the exact search found few names.
    if sum(1 for key in hits if key[0] in ("organisation", "contact")) < 5:
        for kind, queryset, field in (
            ("organisation", organisations, "name"),
            ("contact", contacts, "full_name"),
        ):
            names = dict(queryset.values_list("pk", field))
            # QRatio (lower-cased, whole strings) is several times faster than WRatio and
            # enough for names; the cut-off keeps only close spellings.
            for _name, score, pk in process.extract(
                query, names, scorer=fuzz.QRatio, limit=10, score_cutoff=FUZZY_CUTOFF
            ):
                add(kind, pk, names[pk], "", float(score) * 0.8)
    return sorted(hits.values(), key=lambda hit: (-hit.score, hit.title))[:limit]


def _timeline(user: User, interaction_ids: QuerySet[Any]) -> QuerySet[Interaction]:
    # Start from the party's own (few) interactions: a planner starting from the officer's
    # districts would walk hundreds of thousands of rows at city scale.
    return (
        permissions.interactions_visible_to(user)
        .filter(pk__in=list(interaction_ids))
        .select_related("officer", "district")
        .prefetch_related("contacts", "organisations")
    )


def _interactions_matching(
    interactions: QuerySet[Interaction], query: str
) -> QuerySet[Interaction]:
    """Interactions whose summary contains `query` (case-insensitively, like icontains).

    On SQLite the FTS5 trigram index (migration 0004) answers queries of three characters or
    more without reading every summary; PostgreSQL's planner uses its pg_trgm index (0003)
    for the plain icontains.
    """
    if connection.vendor == "sqlite" and len(query) >= 3 and not set(query) & {"%", "_", "\\"}:
        matching = RawSQL(
            "SELECT rowid FROM network_interaction_fts WHERE summary LIKE %s", (f"%{query}%",)
        )
        return interactions.filter(pk__in=matching)
    return interactions.filter(summary__icontains=query)


def timeline_for_contact(user: User, contact: Contact) -> QuerySet[Interaction]:
    through = Interaction.contacts.through.objects.filter(contact=contact)
    return _timeline(user, through.values_list("interaction_id", flat=True))


def timeline_for_organisation(user: User, organisation: Organisation) -> QuerySet[Interaction]:
    through = Interaction.organisations.through.objects.filter(organisation=organisation)
    return _timeline(user, through.values_list("interaction_id", flat=True))


def timeline_for_district(user: User, district: District) -> QuerySet[Interaction]:
    return (
        permissions.interactions_visible_to(user)
        .filter(district=district)
        .select_related("officer")
        .prefetch_related("contacts", "organisations")
    )


def my_open_commitments(user: User) -> QuerySet[Commitment]:
    return (
        Commitment.objects.open()
        .filter(owner=user)
        .select_related("owner", "contact", "organisation", "district")
    )


def overdue_commitments_for_dashboard(user: User) -> QuerySet[Commitment]:
    """An officer's own overdue commitments; for the coordinator, everyone's."""
    overdue = Commitment.objects.overdue().select_related("owner", "contact", "organisation")
    if permissions.sees_everything(user):
        return overdue
    return overdue.filter(owner=user)


@dataclass(frozen=True)
class DistrictDossier:
    district: District
    active_organisations: Sequence[Organisation]
    quiet_contacts: Sequence[Contact]


@dataclass(frozen=True)
class Dossier:
    assignment: OfficerAssignment
    open_commitments: list[Commitment]
    notes: list[KnowledgeNote]
    districts: list[DistrictDossier]


def handover_dossier(user: User, assignment: OfficerAssignment) -> Dossier:
    """What the successor needs to know about the outgoing officer's districts."""
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    half_year_ago = today - datetime.timedelta(days=183)
    districts = list(
        District.objects.filter(major_district__in=assignment.major_districts.all()).order_by(
            "code"
        )
    )
    organisations = permissions.organisations_visible_to(user)
    contacts = permissions.contacts_visible_to(user)
    per_district = []
    for district in districts:
        active = list(
            organisations.filter(district=district)
            .annotate(
                recent=Count("interactions", filter=Q(interactions__occurred_on__gte=year_ago))
            )
            .filter(recent__gt=0)
            .order_by("-recent", "name")[:10]
        )
        quiet = list(
            contacts.filter(district=district)
            .annotate(
                total=Count("interactions"),
                recent=Count(
                    "interactions", filter=Q(interactions__occurred_on__gte=half_year_ago)
                ),
            )
            .filter(total__gte=2, recent=0)
            .order_by("-total", "full_name")[:10]
        )
        per_district.append(DistrictDossier(district, active, quiet))
    return Dossier(
        assignment=assignment,
        open_commitments=list(
            Commitment.objects.open()
            .filter(owner=assignment.officer)
            .select_related("contact", "organisation", "district")
        ),
        notes=list(
            permissions.notes_visible_to(user)
            .filter(district__in=districts)
            .select_related("district", "created_by")[:20]
        ),
        districts=per_district,
    )


def relationships_of(contact: Contact) -> list[tuple[str, Contact | Organisation]]:
    """(label as seen from `contact`, the other party) for every relationship of a person."""
    outgoing = Relationship.objects.filter(from_contact=contact).select_related(
        "kind", "to_contact", "to_organisation"
    )
    incoming = Relationship.objects.filter(to_contact=contact).select_related(
        "kind", "from_contact", "from_organisation"
    )
    return [(r.kind.forward, r.second) for r in outgoing] + [
        (r.kind.backward, r.first) for r in incoming
    ]
