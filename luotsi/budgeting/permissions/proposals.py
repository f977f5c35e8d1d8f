"""Who sees and handles which cycles, proposals and plans.

- Published cycles are everyone's; unpublished ones only the coordinator's (404 for others).
- Published and merged proposals of a published cycle are public; an author always sees their
  own; a district officer sees (and moderates) the proposals of the major districts they
  serve, and city-wide proposals; the coordinator sees all. Anything else is 404.
- Plans of a published cycle are public (co-creation happens in the open). A district officer
  builds and edits the plans of their major districts (city-wide plans: any district
  officer); the coordinator all. City officials cost any plan waiting for a cost estimate.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from luotsi.accounts.models import User
from luotsi.budgeting.models import Cycle, Plan, PlanStatus, Proposal
from luotsi.budgeting.permissions import (
    can_run_cycles,
    is_coordinator,
    is_district_officer,
    is_official,
    officer_major_districts,
    serves_major_district,
)
from luotsi.web.shortcuts import get_or_404


def _in_served_districts(user: User | AnonymousUser) -> Q:
    """Records of the major districts the user serves as an officer, and city-wide ones."""
    if is_coordinator(user):
        return Q()
    if not is_district_officer(user):
        return Q(pk__in=[])
    return Q(major_district__in=officer_major_districts(user)) | Q(major_district__isnull=True)


def cycles_visible_to(user: User | AnonymousUser) -> QuerySet[Cycle]:
    if can_run_cycles(user):
        return Cycle.objects.all()
    return Cycle.objects.public()


def access_cycle(user: User | AnonymousUser, slug: str) -> Cycle:
    cycle = cycles_visible_to(user).filter(slug=slug).first()
    if cycle is None:
        raise Http404
    return cycle


def proposals_moderated_by(user: User | AnonymousUser) -> QuerySet[Proposal]:
    """The proposals the user may moderate and merge (whatever their status)."""
    if not (is_coordinator(user) or is_district_officer(user)):
        return Proposal.objects.none()
    return Proposal.objects.filter(_in_served_districts(user))


def proposals_visible_to(user: User | AnonymousUser) -> QuerySet[Proposal]:
    public = Q(pk__in=Proposal.objects.public().values("pk"))
    if not user.is_authenticated:
        return Proposal.objects.filter(public)
    rule = public | Q(author=user)
    if is_coordinator(user) or is_district_officer(user):
        rule |= Q(pk__in=proposals_moderated_by(user).values("pk"))
    return Proposal.objects.filter(rule)


def may_moderate(user: User | AnonymousUser, proposal: Proposal) -> bool:
    return serves_major_district(user, proposal.major_district_id)


def access_proposal(user: User | AnonymousUser, cycle: Cycle, pk: object) -> Proposal:
    return get_or_404(proposals_visible_to(user).filter(cycle=cycle), pk)


def access_moderated_proposal(user: User | AnonymousUser, cycle: Cycle, pk: object) -> Proposal:
    return get_or_404(proposals_moderated_by(user).filter(cycle=cycle), pk)


def plans_managed_by(user: User | AnonymousUser) -> QuerySet[Plan]:
    """Plans the user builds: edits, merges proposals into, sends to costing, approves."""
    if not (is_coordinator(user) or is_district_officer(user)):
        return Plan.objects.none()
    return Plan.objects.filter(_in_served_districts(user))


def plans_costed_by(user: User | AnonymousUser) -> QuerySet[Plan]:
    """Plans waiting for the user's cost estimate (officials: any district)."""
    if is_coordinator(user) or is_official(user):
        return Plan.objects.filter(status=PlanStatus.COSTING)
    return Plan.objects.none()


def plans_visible_to(user: User | AnonymousUser) -> QuerySet[Plan]:
    if can_run_cycles(user):
        return Plan.objects.all()
    return Plan.objects.public()


def may_manage_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    return serves_major_district(user, plan.major_district_id)


def may_cost_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    return (is_coordinator(user) or is_official(user)) and plan.status == PlanStatus.COSTING


def may_create_plans(user: User | AnonymousUser) -> bool:
    return is_coordinator(user) or is_district_officer(user)


def access_plan(user: User | AnonymousUser, cycle: Cycle, pk: object) -> Plan:
    return get_or_404(plans_visible_to(user).filter(cycle=cycle), pk)


def access_managed_plan(user: User | AnonymousUser, cycle: Cycle, pk: object) -> Plan:
    return get_or_404(plans_managed_by(user).filter(cycle=cycle), pk)


def access_costed_plan(user: User | AnonymousUser, cycle: Cycle, pk: object) -> Plan:
    return get_or_404(plans_costed_by(user).filter(cycle=cycle), pk)
