"""Who sees and handles which messages and conflict cases.

Messages: the coordinator sees all; a district officer those of the districts their current
assignments cover and those assigned to them; business officers the business queue and those
assigned to them. Anyone else sees only what has been made public (moderated, no personal
data) — and the resident their own message, through its private link.
Conflict cases: officers as for messages (their districts, or cases they are responsible
for); the coordinator all; city officials read the one-page summaries.
Records a person may not see are 404 for them, never 403.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from luotsi.accounts.models import Role, User
from luotsi.concerns.models import ConflictCase, Message, Queue
from luotsi.network.permissions import can_use_network, officer_districts, sees_everything
from luotsi.web.shortcuts import get_or_404


def can_handle(user: User | AnonymousUser) -> bool:
    return can_use_network(user) or bool(user.is_authenticated and user.is_superuser)


def messages_visible_to(user: User | AnonymousUser) -> QuerySet[Message]:
    messages = Message.objects.all()
    if not isinstance(user, User) or not can_handle(user):
        return messages.none()
    if sees_everything(user):
        return messages
    rule = Q(assigned_to=user) | Q(district__in=officer_districts(user))
    if user.role == Role.BUSINESS_OFFICER:
        rule |= Q(queue=Queue.BUSINESS)
    return messages.filter(rule)


def cases_visible_to(user: User | AnonymousUser) -> QuerySet[ConflictCase]:
    cases = ConflictCase.objects.all()
    if not isinstance(user, User) or not user.is_active:
        return cases.none()
    if sees_everything(user) or user.role == Role.OFFICIAL:
        return cases
    if not can_handle(user):
        return cases.none()
    return cases.filter(Q(owner=user) | Q(district__in=officer_districts(user)))


def cases_managed_by(user: User | AnonymousUser) -> QuerySet[ConflictCase]:
    """Officials read; officers of the district, the case's owner and the coordinator write."""
    if not isinstance(user, User) or not can_handle(user):
        return ConflictCase.objects.none()
    if sees_everything(user):
        return ConflictCase.objects.all()
    return ConflictCase.objects.filter(Q(owner=user) | Q(district__in=officer_districts(user)))


def access_message(user: User | AnonymousUser, pk: int) -> Message:
    message: Message = get_or_404(messages_visible_to(user), pk)
    return message


def access_case(user: User | AnonymousUser, pk: int) -> ConflictCase:
    case: ConflictCase = get_or_404(cases_visible_to(user), pk)
    return case


def access_managed_case(user: User | AnonymousUser, pk: int) -> ConflictCase:
    case: ConflictCase = get_or_404(cases_managed_by(user), pk)
    return case


def access_message_by_token(token: str) -> Message:
    """The resident's own message, through the private link only."""
    if not token or len(token) > 64:
        raise Http404
    try:
        return Message.objects.select_related("service", "district").get(token=token)
    except Message.DoesNotExist as exc:
        raise Http404 from exc


def may_handle(user: User | AnonymousUser, message: Message) -> bool:
    return messages_visible_to(user).filter(pk=message.pk).exists()
