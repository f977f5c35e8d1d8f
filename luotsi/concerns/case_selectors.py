"""Reads for conflict cases, already filtered by what the reader may see."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.areas.models import District
from luotsi.concerns.models import CaseStep, ConflictCase, Message, Position, Stakeholder
from luotsi.concerns.permissions import cases_visible_to, messages_visible_to
from luotsi.events.models import PUBLIC_STATUSES, Event
from luotsi.events.permissions import events_visible_to
from luotsi.network import permissions as network

# Area boundaries are large JSON documents: case pages need the areas' names only.
AREA_BOUNDARIES = [
    f"{area}__{column}"
    for area in ("district", "district__major_district")
    for column in ("geometry", "geometry_simplified")
]


def _latest_step(column: str) -> Subquery:
    steps = CaseStep.objects.filter(case=OuterRef("pk")).order_by("-happened_on", "-pk")
    return Subquery(steps.values(column)[:1])


def with_overview(cases: QuerySet[ConflictCase]) -> QuerySet[ConflictCase]:
    """Each case with its district, owner, number of stakeholders and latest step, in one
    query (`stakeholder_count`, `latest_step_on`, `latest_step_text`)."""
    return (
        cases.select_related("district", "district__major_district", "owner")
        .defer(*AREA_BOUNDARIES)
        .annotate(
            stakeholder_count=Count("stakeholders", distinct=True),
            latest_step_on=_latest_step("happened_on"),
            latest_step_text=_latest_step("text"),
        )
    )


def cases_for_list(
    user: User, *, status: str = "", district: District | None = None
) -> QuerySet[ConflictCase]:
    cases = cases_visible_to(user)
    if status:
        cases = cases.filter(status=status)
    if district is not None:
        cases = cases.filter(district=district)
    # Meta.ordering does not apply to an aggregating query: the latest change first.
    return with_overview(cases).order_by("-updated_at", "-pk")


def list_districts(user: User) -> QuerySet[District]:
    """The districts the user's visible cases are in (the list's filter choices)."""
    return (
        District.objects.filter(pk__in=cases_visible_to(user).values("district"))
        .defer("geometry", "geometry_simplified")
        .order_by("code")
    )


def cases_for_handover(user: User, assignment: OfficerAssignment) -> list[ConflictCase]:
    """The cases of the outgoing officer's districts, and those they were responsible for
    elsewhere, as far as `user` may see them."""
    districts = District.objects.filter(major_district__in=assignment.major_districts.all())
    cases = cases_visible_to(user).filter(
        Q(district__in=districts) | Q(owner_id=assignment.officer_id)
    )
    return list(with_overview(cases).order_by("status", "-updated_at"))


@dataclass(frozen=True)
class Party:
    """A stakeholder as the reader may see it: people's names only for those who may see
    the person in the network (city officials read summaries without them)."""

    stakeholder: Stakeholder
    number: int
    label: str
    url: str = ""

    @property
    def position(self) -> str:
        return self.stakeholder.position


@dataclass(frozen=True)
class PositionGroup:
    position: str
    label: str
    parties: list[Party]


@dataclass(frozen=True)
class StakeholderMap:
    parties: list[Party]
    groups: list[PositionGroup] = field(default_factory=list)


def parties_of(user: User, case: ConflictCase) -> list[Party]:
    stakeholders = list(
        case.stakeholders.select_related("organisation", "contact").order_by(
            "-influence", "-interest", "pk"
        )
    )
    organisation_ids = {s.organisation_id for s in stakeholders if s.organisation_id}
    contact_ids = {s.contact_id for s in stakeholders if s.contact_id}
    seen_organisations = set(
        network.organisations_visible_to(user)
        .filter(pk__in=organisation_ids)
        .values_list("pk", flat=True)
    )
    seen_contacts = set(
        network.contacts_visible_to(user).filter(pk__in=contact_ids).values_list("pk", flat=True)
    )
    parties = []
    for number, s in enumerate(stakeholders, start=1):
        label, url = _label(s, seen_organisations, seen_contacts)
        parties.append(Party(stakeholder=s, number=number, label=label, url=url))
    return parties


def _label(s: Stakeholder, organisations: set[int], contacts: set[int]) -> tuple[str, str]:
    if s.organisation is not None:
        # Organisations are not personal data: their names are shown to every reader.
        url = reverse("network:organisation", args=[s.organisation_id])
        return s.organisation.name, url if s.organisation_id in organisations else ""
    if s.contact_id in contacts and s.contact is not None:
        return s.contact.full_name, reverse("network:contact", args=[s.contact_id])
    return _("A person (name not shown)"), ""


def stakeholder_map(user: User, case: ConflictCase) -> StakeholderMap:
    """The case's parties numbered by weight (influence, then interest), and grouped by
    position in the legend's order."""
    parties = parties_of(user, case)
    groups = [
        PositionGroup(value, str(label), [p for p in parties if p.position == value])
        for value, label in Position.choices
    ]
    return StakeholderMap(parties=parties, groups=groups)


@dataclass(frozen=True)
class LinkedMessage:
    message: Message
    visible: bool


@dataclass(frozen=True)
class Meeting:
    event: Event
    # Only published (or past) events have a page everyone can open.
    is_public: bool


@dataclass(frozen=True)
class CaseSummary:
    case: ConflictCase
    map: StakeholderMap
    steps: list[CaseStep]
    messages: list[LinkedMessage]
    meetings: list[Meeting]
    counts: dict[str, int] = field(default_factory=dict)


def linked_messages(user: User, case: ConflictCase) -> list[LinkedMessage]:
    """Linked messages by reference; readers who may not open a message see only that."""
    messages = list(case.messages.order_by("-created_at", "-pk"))
    visible = set(
        messages_visible_to(user)
        .filter(pk__in=[m.pk for m in messages])
        .values_list("pk", flat=True)
    )
    return [LinkedMessage(m, m.pk in visible) for m in messages]


def meetings_of(case: ConflictCase) -> list[Meeting]:
    events = case.meetings.select_related("venue").order_by("start")
    return [Meeting(e, e.status in PUBLIC_STATUSES) for e in events]


def case_summary(user: User, case: ConflictCase, *, steps: int | None = None) -> CaseSummary:
    """Everything on the one-page summary (the latest `steps` steps, or all)."""
    history = list(case.steps.select_related("by").order_by("-happened_on", "-pk"))
    chosen = history[:steps] if steps else history
    mapped = stakeholder_map(user, case)
    counts = {g.position: len(g.parties) for g in mapped.groups}
    return CaseSummary(
        case=case,
        map=mapped,
        steps=list(reversed(chosen)),
        messages=linked_messages(user, case),
        meetings=meetings_of(case),
        counts=counts,
    )


def meeting_choices(user: User, case: ConflictCase) -> QuerySet[Event]:
    """Events in the case's district the user can see and has not linked yet."""
    return (
        events_visible_to(user)
        .filter(district=case.district)
        .exclude(pk__in=case.meetings.values("pk"))
        .order_by("-start")
    )
