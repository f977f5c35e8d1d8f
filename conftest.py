"""Fixtures every test may use: the personas and the Helsinki reference data."""

import pytest

from luotsi.testing.personas import Personas, create_personas
from luotsi.testing.territory import load_helsinki


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the Helsinki territory once; every test's transaction rolls back over it."""
    with django_db_blocker.unblock():
        load_helsinki()


@pytest.fixture
def personas(db: None) -> Personas:
    return create_personas()


@pytest.fixture
def coordinator(personas: Personas):
    return personas.coordinator


@pytest.fixture
def officer_south(personas: Personas):
    return personas.officer_south


@pytest.fixture
def officer_east(personas: Personas):
    return personas.officer_east


@pytest.fixture
def business_officer(personas: Personas):
    return personas.business_officer


@pytest.fixture
def official(personas: Personas):
    return personas.official


@pytest.fixture
def resident(personas: Personas):
    return personas.resident


@pytest.fixture
def anonymous(personas: Personas):
    return personas.anonymous
