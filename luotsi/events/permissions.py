"""Who sees and runs which events.

- Everyone sees published, cancelled and completed events (the public calendar).
- An event is run (edited, published, attendance and costs recorded) by its organisers, by
  the officers of the district it happens in, and by the coordinator.
- Registrants' personal data is seen only by the event's organisers and the coordinator.
- Budgets: the coordinator and business officers see every major district's, a district
  officer their own; only the coordinator sets allocations.
Events a person may not see are 404 for them, never 403.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.areas.models import MajorDistrict
from luotsi.events.models import PUBLIC_STATUSES, Event, EventCost, Registration
from luotsi.network.permissions import can_use_network, officer_districts, sees_everything
from luotsi.web.shortcuts import get_or_404


def can_organise(user: User | AnonymousUser) -> bool:
    return can_use_network(user) or bool(user.is_authenticated and user.is_superuser)


def events_managed_by(user: User | AnonymousUser) -> QuerySet[Event]:
    events = Event.objects.all()
    if not isinstance(user, User) or not can_organise(user):
        return events.none()
    if sees_everything(user):
        return events
    rule = Q(organisers=user) | Q(created_by=user) | Q(district__in=officer_districts(user))
    return events.filter(pk__in=Event.objects.filter(rule).values("pk"))


def events_visible_to(user: User | AnonymousUser) -> QuerySet[Event]:
    public = Q(status__in=PUBLIC_STATUSES)
    if not isinstance(user, User) or not can_organise(user):
        return Event.objects.filter(public)
    return Event.objects.filter(public | Q(pk__in=events_managed_by(user).values("pk")))


def may_manage(user: User | AnonymousUser, event: Event) -> bool:
    return events_managed_by(user).filter(pk=event.pk).exists()


def may_see_registrants(user: User | AnonymousUser, event: Event) -> bool:
    if not isinstance(user, User) or not user.is_active:
        return False
    return sees_everything(user) or event.organisers.filter(pk=user.pk).exists()


def budget_districts_for(user: User | AnonymousUser) -> QuerySet[MajorDistrict]:
    if not isinstance(user, User) or not can_organise(user):
        return MajorDistrict.objects.none()
    if sees_everything(user) or user.role == Role.BUSINESS_OFFICER:
        return MajorDistrict.objects.all()
    majors = OfficerAssignment.objects.current().filter(officer=user).values("major_districts")
    return MajorDistrict.objects.filter(pk__in=majors)


def may_set_budgets(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and user.is_active and sees_everything(user)


def access_event(user: User | AnonymousUser, pk: int) -> Event:
    """An event the user may see (the public one, or a draft they run)."""
    return get_or_404(events_visible_to(user), pk)


def access_managed_event(user: User | AnonymousUser, pk: int) -> Event:
    return get_or_404(events_managed_by(user), pk)


def access_cost(user: User | AnonymousUser, pk: int) -> EventCost:
    try:
        return EventCost.objects.select_related("event").get(
            pk=pk, event__in=events_managed_by(user)
        )
    except (EventCost.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def access_registration_by_token(token: str) -> Registration:
    """The registration a personal link points to. The token is the only key: a wrong or
    someone else's token finds nothing."""
    if not token or len(token) > 64:
        raise Http404
    try:
        return Registration.objects.select_related("event").get(
            token=token, anonymised_at__isnull=True
        )
    except Registration.DoesNotExist as exc:
        raise Http404 from exc
