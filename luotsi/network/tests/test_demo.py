import pytest

from luotsi.accounts.models import User
from luotsi.network.demo import seed_network
from luotsi.network.models import Commitment, Contact, Interaction, Organisation

pytestmark = pytest.mark.django_db


def test_demo_network_is_realistic_labelled_and_includes_a_handover(personas):
    counts = seed_network()
    assert counts["organisations"] == Organisation.objects.count() >= 200
    assert counts["contacts"] == Contact.objects.count() >= 300
    assert Interaction.objects.count() >= 3000
    assert not Organisation.objects.exclude(name__endswith="(demo)").exists()
    former = User.objects.get(email="former.east@demo.luotsi.example")
    assert not former.is_active
    assert not Commitment.objects.open().filter(owner=former).exists()
    assert (
        Commitment.objects.filter(
            owner=personas.officer_east, description__contains="harbour"
        ).count()
        == 3
    )
    assert seed_network() == {}  # a second run adds nothing
