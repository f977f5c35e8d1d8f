"""Conflict cases: the services' rules, who may read and write which case, the stakeholder
map, the one-page summary and the handover dossier."""

import datetime
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from luotsi.concerns import case_selectors, cases
from luotsi.concerns.models import CaseStatus, ConflictCase, Stakeholder
from luotsi.privacy.models import AuditEvent
from luotsi.testing import cases as cs
from luotsi.testing import events as ev
from luotsi.testing import network as net
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def levels(**fields: Any) -> dict[str, Any]:
    return {"position": "opposes", "interest": 4, "influence": 3, **fields}


# --- services ------------------------------------------------------------------------------


def test_officer_creates_a_case_in_their_district_and_owns_it(personas: Personas):
    case = cases.case_save(
        case=ConflictCase(title="Puistotalo"),
        by=personas.officer_south,
        district=net.district("101"),
    )
    assert (case.owner, case.district, case.status) == (
        personas.officer_south,
        net.district("101"),
        CaseStatus.EMERGING,
    )
    assert AuditEvent.objects.filter(
        action="create", object_type="concerns.conflictcase", object_id=str(case.pk)
    ).exists()


def test_officer_cannot_create_a_case_in_another_district(personas: Personas):
    with pytest.raises(ValidationError) as error:
        cases.case_save(
            case=ConflictCase(title="Satama"),
            by=personas.officer_south,
            district=net.district("704"),
        )
    assert "district" in error.value.message_dict
    assert not ConflictCase.objects.exists()


def test_residents_and_officials_cannot_write_cases(personas: Personas):
    for person in (personas.resident, personas.official):
        with pytest.raises(PermissionDenied):
            cases.case_save(case=ConflictCase(title="x"), by=person, district=net.district("101"))
    case = cs.case(personas)
    with pytest.raises(PermissionDenied):
        cases.case_step_add(case=case, by=personas.official, happened_on=TODAY(), text="x")
    with pytest.raises(PermissionDenied):
        cases.case_step_add(case=case, by=personas.officer_east, happened_on=TODAY(), text="x")


def test_sub_districts_must_lie_in_the_cases_district(personas: Personas):
    elsewhere = net.district("704").sub_districts.all()[0]
    with pytest.raises(ValidationError) as error:
        cases.case_save(
            case=ConflictCase(title="Puisto"),
            by=personas.officer_south,
            district=net.district("101"),
            sub_districts=[elsewhere],
        )
    assert "sub_districts" in error.value.message_dict


def test_a_stakeholder_is_an_organisation_or_a_person_never_both(personas: Personas):
    case = cs.case(personas)
    organisation, contact = net.organisation(personas), net.contact(personas)
    neither: dict[str, Any] = {}
    both: dict[str, Any] = {"organisation": organisation, "contact": contact}
    for parties in (neither, both):
        with pytest.raises(ValidationError) as error:
            cases.stakeholder_add(case=case, by=personas.officer_south, **parties, **levels())
        assert "organisation" in error.value.message_dict
    # The database refuses it too, whatever writes the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        Stakeholder.objects.create(
            case=case, organisation=organisation, contact=contact, interest=1, influence=1
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Stakeholder.objects.create(case=case, interest=1, influence=1)


def test_the_same_party_twice_is_refused(personas: Personas):
    case = cs.case(personas)
    contact = net.contact(personas)
    cases.stakeholder_add(case=case, by=personas.officer_south, contact=contact, **levels())
    with pytest.raises(ValidationError) as error:
        cases.stakeholder_add(
            case=case, by=personas.coordinator, contact=contact, **levels(position="supports")
        )
    assert "contact" in error.value.message_dict
    assert case.stakeholders.count() == 1


def test_a_party_must_be_visible_to_whoever_adds_it(personas: Personas):
    case = cs.case(personas)
    eastern = net.contact(personas, "704", "Eino Eastern")
    with pytest.raises(ValidationError) as error:
        cases.stakeholder_add(case=case, by=personas.officer_south, contact=eastern, **levels())
    assert "contact" in error.value.message_dict


def test_levels_are_one_to_five(personas: Personas):
    case = cs.case(personas)
    with pytest.raises(ValidationError) as error:
        cases.stakeholder_add(
            case=case,
            by=personas.officer_south,
            organisation=net.organisation(personas),
            **levels(interest=6, influence=0, position="furious"),
        )
    assert set(error.value.message_dict) == {"interest", "influence", "position"}


def test_stakeholder_position_is_updated_and_removed(personas: Personas):
    case = cs.case(personas)
    added = cases.stakeholder_add(
        case=case, by=personas.officer_south, organisation=net.organisation(personas), **levels()
    )
    cases.stakeholder_update(
        stakeholder=added, by=personas.officer_south, **levels(position="neutral", influence=5)
    )
    added.refresh_from_db()
    assert (added.position, added.influence) == ("neutral", 5)
    cases.stakeholder_remove(stakeholder=added, by=personas.officer_south)
    assert not case.stakeholders.exists()


def test_a_step_in_the_future_is_refused(personas: Personas):
    case = cs.case(personas)
    with pytest.raises(ValidationError) as error:
        cases.case_step_add(
            case=case,
            by=personas.officer_south,
            happened_on=TODAY() + datetime.timedelta(days=1),
            text="The council decides",
        )
    assert "happened_on" in error.value.message_dict
    step = cases.case_step_add(
        case=case,
        by=personas.officer_south,
        happened_on=TODAY(),
        text="Plan published",
        document_title="Asemakaavaluonnos",
        document_url="https://example.org/kaava.pdf",
    )
    assert list(case.steps.all()) == [step]


def test_a_message_of_another_district_cannot_be_linked(personas: Personas):
    case = cs.case(personas)
    eastern = cs.message(personas, "704")
    with pytest.raises(ValidationError) as error:
        cases.case_link_message(case=case, by=personas.officer_south, message=eastern)
    assert "message" in error.value.message_dict
    own = cs.message(personas, "101")
    cases.case_link_message(case=case, by=personas.officer_south, message=own)
    assert list(case.messages.all()) == [own]
    cases.case_unlink_message(case=case, by=personas.officer_south, message=own)
    assert not case.messages.exists()


def test_meetings_must_be_visible_events(personas: Personas):
    case = cs.case(personas)
    draft = ev.event(
        personas,
        district_code="704",
        organiser=personas.officer_east,
        status="draft",
        published_at=None,
    )
    with pytest.raises(ValidationError):
        cases.case_link_meeting(case=case, by=personas.officer_south, event=draft)
    cafe = ev.event(personas)
    cases.case_link_meeting(case=case, by=personas.officer_south, event=cafe)
    assert list(case.meetings.all()) == [cafe]


# --- pages ---------------------------------------------------------------------------------


def test_officer_creates_a_case_from_a_street_address(personas: Personas):
    response = signed_in(personas.officer_south).post(
        "/concerns/cases/new/",
        {"title": "Esplanadin kioski", "street_address": "Mannerheimintie 5", "status": "active"},
    )
    case = ConflictCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/concerns/cases/{case.pk}/"
    assert (case.district, case.latitude is not None) == (net.district("101"), True)


def test_bad_input_is_shown_again_with_its_errors(personas: Personas):
    case = cs.case(personas)
    client = signed_in(personas.officer_south)
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        f"/concerns/cases/{case.pk}/steps/", {"happened_on": tomorrow, "text": "Kept text"}
    )
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    assert not case.steps.exists()
    response = client.post(f"/concerns/cases/{case.pk}/messages/", {"reference": "2026-99999"})
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()


def test_a_message_of_another_district_is_not_linked_by_its_reference(personas: Personas):
    case = cs.case(personas)
    eastern = cs.message(personas, "704")
    response = signed_in(personas.officer_south).post(
        f"/concerns/cases/{case.pk}/messages/", {"reference": eastern.reference}
    )
    assert response.status_code == 400
    assert not case.messages.exists()


def test_an_officer_of_another_district_gets_404_on_every_case_page(personas: Personas):
    case = cs.case(personas)
    client = signed_in(personas.officer_east)
    for suffix in ["", "edit/", "map/", "summary/", "summary.pdf"]:
        assert client.get(f"/concerns/cases/{case.pk}/{suffix}").status_code == 404, suffix
    step = {"happened_on": TODAY().isoformat(), "text": "x"}
    assert client.post(f"/concerns/cases/{case.pk}/steps/", step).status_code == 404
    assert case.title not in client.get("/concerns/cases/").content.decode()


def test_officials_read_the_case_and_summary_but_cannot_edit(personas: Personas):
    case = cs.case(personas)
    client = signed_in(personas.official)
    detail = client.get(f"/concerns/cases/{case.pk}/")
    assert detail.status_code == 200
    assert "/steps/" not in detail.content.decode()  # no forms for readers
    assert client.get(f"/concerns/cases/{case.pk}/summary/").status_code == 200
    assert client.get(f"/concerns/cases/{case.pk}/edit/").status_code == 403
    step = {"happened_on": TODAY().isoformat(), "text": "x"}
    assert client.post(f"/concerns/cases/{case.pk}/steps/", step).status_code == 403
    assert client.post("/concerns/cases/new/", {"title": "x"}).status_code == 403
    assert not case.steps.exists()


def test_residents_are_refused_and_visitors_sent_to_sign_in(personas: Personas):
    case = cs.case(personas)
    assert signed_in(personas.resident).get(f"/concerns/cases/{case.pk}/").status_code == 403
    response = Client().get(f"/concerns/cases/{case.pk}/summary/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_list_filters_by_status_and_district(personas: Personas):
    cs.case(personas, title="Active park", status="active")
    cs.case(personas, "102", title="Settled street", status="settled")
    client = signed_in(personas.coordinator)
    page = client.get("/concerns/cases/?status=active").content.decode()
    assert "Active park" in page
    assert "Settled street" not in page
    page = client.get(f"/concerns/cases/?district={net.district('102').pk}").content.decode()
    assert ("Active park" in page, "Settled street" in page) == (False, True)


def test_stakeholder_map_draws_every_party_and_gives_the_same_data_as_a_table(personas):
    case = cs.case(personas)
    cs.stakeholder(case, net.organisation(personas), position="supports", interest=5, influence=5)
    cs.stakeholder(case, net.contact(personas), position="opposes", interest=5, influence=5)
    cs.stakeholder(case, net.organisation(personas, name="Kauppiaat"), position="neutral")
    page = signed_in(personas.officer_south).get(f"/concerns/cases/{case.pk}/map/")
    html = page.content.decode()
    svg = re.search(r'<svg class="stakeholder-map".*?</svg>', html, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert "<title" in svg.group(0)
    # One shape per party: supports ●, opposes ■, neutral ◆.
    assert (
        svg.group(0).count("<circle"),
        svg.group(0).count("<rect"),
        svg.group(0).count("<polygon"),
    ) == (
        1,
        2,  # the opposing party and the shaded corner
        1,
    )
    table = html[html.index("<table", svg.end()) :]
    for name in ["Kruununhaan asukasyhdistys", "Paula Private", "Kauppiaat"]:
        assert name in table
    assert 'scope="row"' in table


def test_officials_see_organisations_by_name_but_not_private_persons(personas: Personas):
    case = cs.case(personas)
    cs.stakeholder(case, net.organisation(personas))
    cs.stakeholder(case, net.contact(personas))
    html = signed_in(personas.official).get(f"/concerns/cases/{case.pk}/summary/").content
    assert "Kruununhaan asukasyhdistys" in html.decode()
    assert "Paula Private" not in html.decode()


def test_summary_pdf_is_a_pdf(personas: Personas):
    case = cs.case(personas)
    cs.stakeholder(case, net.organisation(personas))
    cs.step(case)
    response = signed_in(personas.official).get(f"/concerns/cases/{case.pk}/summary.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_handover_dossier_lists_the_cases_of_the_outgoing_officer(personas: Personas):
    case = cs.case(personas, title="Kruununhaan puistotalo")
    cs.stakeholder(case, net.organisation(personas))
    cs.step(case, "Residents' meeting about the plan")
    elsewhere = cs.case(personas, "704", title="Owned in the east", owner=personas.officer_south)
    cs.case(personas, "704", title="Eastern matter")
    assignment = personas.officer_south.assignments.get()
    found = case_selectors.cases_for_handover(personas.coordinator, assignment)
    assert {c.pk for c in found} == {case.pk, elsewhere.pk}
    listed: Any = next(c for c in found if c.pk == case.pk)  # annotated with the overview
    assert (listed.stakeholder_count, listed.latest_step_text) == (
        1,
        "Residents' meeting about the plan",
    )
    page = signed_in(personas.officer_south).get(f"/network/handover/{assignment.pk}/")
    html = page.content.decode()
    assert "Kruununhaan puistotalo" in html
    assert "Residents&#x27; meeting about the plan" in html
    assert "Eastern matter" not in html
    pdf = signed_in(personas.officer_south).get(f"/network/handover/{assignment.pk}/pdf/")
    assert pdf.content.startswith(b"%PDF")


def test_linked_messages_are_links_only_for_those_who_may_open_them(personas: Personas):
    case = cs.case(personas)
    message = cs.message(personas)
    case.messages.add(message)
    link = f'href="/concerns/{message.pk}/"'
    officer = signed_in(personas.officer_south).get(f"/concerns/cases/{case.pk}/").content.decode()
    official = signed_in(personas.official).get(f"/concerns/cases/{case.pk}/").content.decode()
    assert (link in officer, link in official) == (True, False)
    assert message.reference in official
