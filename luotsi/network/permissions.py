"""Who sees which network records. Views, the API, search and exports all go through here.

- the coordinator (and technical superusers) see everything;
- a district officer sees the private records of the districts their current assignments
  cover, every shared record, and what they recorded themselves;
- a business officer sees business organisations (and their people) city-wide, shared
  records, and their own;
- everyone else sees nothing here.
Records a person may not see are 404 for them, never 403, and absent from lists and counts.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from luotsi.accounts.models import OfficerAssignment, Role, User
from luotsi.areas.models import District
from luotsi.network.models import (
    Commitment,
    Contact,
    Interaction,
    KnowledgeNote,
    Organisation,
    OrganisationKind,
    Visibility,
)
from luotsi.web.shortcuts import get_or_404

NETWORK_ROLES = frozenset({Role.COORDINATOR, Role.DISTRICT_OFFICER, Role.BUSINESS_OFFICER})


def can_use_network(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in NETWORK_ROLES)


def sees_everything(user: User) -> bool:
    return user.is_superuser or user.role == Role.COORDINATOR


def officer_districts(user: User) -> QuerySet[District]:
    """The districts inside the major districts the user's current assignments cover."""
    majors = OfficerAssignment.objects.current().filter(officer=user).values("major_districts")
    return District.objects.filter(major_district__in=majors)


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    organisations = Organisation.objects.all()
    if sees_everything(user):
        return organisations
    if not can_use_network(user):
        return organisations.none()
    rule = Q(visibility=Visibility.SHARED) | Q(created_by=user)
    rule |= Q(district__in=officer_districts(user))
    if user.role == Role.BUSINESS_OFFICER:
        rule |= Q(kind=OrganisationKind.BUSINESS)
    return organisations.filter(rule)


def contacts_visible_to(user: User) -> QuerySet[Contact]:
    contacts = Contact.objects.filter(erased_at__isnull=True)
    if sees_everything(user):
        return contacts
    if not can_use_network(user):
        return contacts.none()
    rule = Q(visibility=Visibility.SHARED) | Q(created_by=user)
    rule |= Q(district__in=officer_districts(user))
    if user.role == Role.BUSINESS_OFFICER:
        rule |= Q(
            pk__in=Contact.objects.filter(
                affiliations__organisation__kind=OrganisationKind.BUSINESS
            ).values("pk")
        )
    return contacts.filter(rule)


def interactions_visible_to(user: User) -> QuerySet[Interaction]:
    interactions = Interaction.objects.all()
    if sees_everything(user):
        return interactions
    if not can_use_network(user):
        return interactions.none()
    rule = Q(officer=user) | Q(district__in=officer_districts(user))
    if user.role == Role.BUSINESS_OFFICER:
        rule |= Q(
            pk__in=Interaction.objects.filter(organisations__kind=OrganisationKind.BUSINESS).values(
                "pk"
            )
        )
    return interactions.filter(rule)


def commitments_visible_to(user: User) -> QuerySet[Commitment]:
    commitments = Commitment.objects.all()
    if sees_everything(user):
        return commitments
    if not can_use_network(user):
        return commitments.none()
    return commitments.filter(Q(owner=user) | Q(district__in=officer_districts(user)))


def notes_visible_to(user: User) -> QuerySet[KnowledgeNote]:
    notes = KnowledgeNote.objects.all()
    if sees_everything(user):
        return notes
    if not can_use_network(user):
        return notes.none()
    return notes.filter(
        Q(visibility=Visibility.SHARED)
        | Q(created_by=user)
        | Q(district__in=officer_districts(user))
    )


def districts_for_recording(user: User) -> QuerySet[District]:
    """Where the user may record work: officers in their own districts, business officers
    and the coordinator anywhere."""
    if sees_everything(user) or user.role == Role.BUSINESS_OFFICER:
        return District.objects.all()
    if not can_use_network(user):
        return District.objects.none()
    return officer_districts(user)


def may_record_in(user: User, district: District) -> bool:
    return districts_for_recording(user).filter(pk=district.pk).exists()


def access_contact(user: User, pk: int) -> Contact:
    contact: Contact = get_or_404(contacts_visible_to(user), pk)
    return contact


def access_organisation(user: User, pk: int) -> Organisation:
    organisation: Organisation = get_or_404(organisations_visible_to(user), pk)
    return organisation


def access_commitment(user: User, pk: int) -> Commitment:
    commitment: Commitment = get_or_404(commitments_visible_to(user), pk)
    return commitment


def access_note(user: User, pk: int) -> KnowledgeNote:
    note: KnowledgeNote = get_or_404(notes_visible_to(user), pk)
    return note
