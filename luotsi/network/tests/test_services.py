import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from luotsi.network import services
from luotsi.network.models import Commitment, Contact, Interaction
from luotsi.privacy.models import AuditEvent
from luotsi.testing import network as net

pytestmark = pytest.mark.django_db


def test_a_contact_without_a_lawful_basis_cannot_be_saved(personas):
    contact = Contact(full_name="Nobody", district=net.district("101"))
    with pytest.raises(ValidationError) as error:
        services.contact_save(contact=contact, by=personas.officer_south)
    assert {"lawful_basis", "consent_purpose", "consent_source", "consent_date"} <= set(
        error.value.message_dict
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(
            full_name="Nobody",
            district=net.district("101"),
            created_by=personas.officer_south,
            lawful_basis="",
            consent_purpose="",
            consent_source="",
            consent_date=datetime.date(2026, 1, 1),
        )


def test_an_officer_cannot_file_a_contact_in_another_district(personas):
    contact = Contact(full_name="Elsewhere", district=net.district("704"), **net.CONSENT)
    with pytest.raises(ValidationError) as error:
        services.contact_save(contact=contact, by=personas.officer_south)
    assert "district" in error.value.message_dict


def test_logging_an_interaction_with_a_commitment(personas):
    contact = net.contact(personas)
    interaction = services.interaction_log(
        by=personas.officer_south,
        occurred_on=datetime.date(2026, 11, 2),
        channel="meeting",
        summary="Talked about the playground",
        district=net.district("101"),
        contacts=[contact],
        commitment="Ask the parks department about the swings",
        commitment_due_on=datetime.date(2026, 11, 20),
    )
    commitment = interaction.commitments.get()
    assert (commitment.owner, commitment.contact) == (personas.officer_south, contact)
    assert list(contact.interactions.all()) == [interaction]


def test_a_commitment_needs_a_due_date(personas):
    with pytest.raises(ValidationError) as error:
        services.interaction_log(
            by=personas.officer_south,
            occurred_on=datetime.date(2026, 11, 2),
            channel="call",
            summary="x",
            district=net.district("101"),
            commitment="Call back",
        )
    assert "commitment_due_on" in error.value.message_dict
    assert not Interaction.objects.exists()


def test_overdue_commitments(personas):
    late = net.commitment(personas, due=datetime.date(2020, 1, 1))
    net.commitment(personas, due=datetime.date(2999, 1, 1))
    assert list(Commitment.objects.overdue()) == [late]
    services.commitment_close(commitment=late, by=personas.officer_south, status="done")
    assert not Commitment.objects.overdue().exists()


def test_handover_moves_open_commitments_and_keeps_history_attributed(personas):
    open_one = net.commitment(personas)
    done_one = net.commitment(personas)
    services.commitment_close(commitment=done_one, by=personas.officer_south, status="done")
    interaction = net.interaction(personas)
    moved = services.handover_reassign(
        outgoing=personas.officer_south, successor=personas.officer_east, by=personas.coordinator
    )
    assert moved == 1
    open_one.refresh_from_db()
    done_one.refresh_from_db()
    interaction.refresh_from_db()
    assert open_one.owner == personas.officer_east
    assert done_one.owner == personas.officer_south
    assert interaction.officer == personas.officer_south
    assert AuditEvent.objects.filter(action="reassign", object_id=str(open_one.pk)).exists()


def test_only_the_coordinator_or_the_outgoing_officer_hands_over(personas):
    with pytest.raises(PermissionDenied):
        services.handover_reassign(
            outgoing=personas.officer_south,
            successor=personas.officer_east,
            by=personas.business_officer,
        )


def test_erasing_a_contact_anonymises_and_keeps_interactions(personas):
    contact = net.contact(personas, email="paula@example.org", phone="+358 40 1234567")
    interaction = net.interaction(personas)
    interaction.contacts.add(contact)
    services.contact_erase(contact=contact, by=personas.officer_south)
    contact.refresh_from_db()
    assert (contact.full_name, contact.email, contact.phone) == ("—", "", "")
    assert contact.erased_at is not None
    assert list(interaction.contacts.all()) == [contact]
    assert AuditEvent.objects.filter(action="erase", object_id=str(contact.pk)).exists()


def test_relationships_read_from_both_sides(client, personas):
    from luotsi.network.models import RelationshipType

    chairs = RelationshipType.objects.create(forward="chairs", backward="is chaired by")
    paula = net.contact(personas, "101", "Paula Private")
    association = net.organisation(personas, "101")
    client.force_login(personas.officer_south)
    client.post(
        f"/network/contacts/{paula.pk}/relationships/",
        {"kind": chairs.pk, "to_organisation": association.pk},
    )
    client.post(
        f"/network/contacts/{paula.pk}/affiliations/",
        {"organisation": association.pk, "role": "puheenjohtaja", "starts_on": "2025-01-01"},
    )
    page = client.get(f"/network/contacts/{paula.pk}/").content.decode()
    assert f"chairs {association.name}" in page
    assert "puheenjohtaja" in page


def test_a_relationship_to_another_districts_private_party_is_refused(client, personas):
    from luotsi.network.models import Relationship, RelationshipType

    chairs = RelationshipType.objects.create(forward="chairs", backward="is chaired by")
    paula = net.contact(personas, "101", "Paula Private")
    eastern = net.organisation(personas, "704", "Vuosaaren seura")
    client.force_login(personas.officer_south)
    client.post(
        f"/network/contacts/{paula.pk}/relationships/",
        {"kind": chairs.pk, "to_organisation": eastern.pk},
    )
    assert not Relationship.objects.exists()
