"""The co-production workspace as the officer's memory and the residents' materials: status
updates and meetings written to the facilitator's interaction log, the plan's information
materials and what is still missing, and the handover dossier's workspaces section."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from luotsi.accounts.models import OfficerAssignment
from luotsi.budgeting.models import ImplementationStatus, MemberRole, Plan, StatusUpdate
from luotsi.budgeting.services import coproduction as services
from luotsi.budgeting.tests.test_workspaces import (
    add_official,
    client_for,
    opened,
    selected_plan,
    url,
)
from luotsi.events.models import Event, EventStatus
from luotsi.materials.models import Item, VariantStatus
from luotsi.network.models import Interaction
from luotsi.testing import budgeting as pb
from luotsi.testing import events as ev
from luotsi.testing import materials as mat
from luotsi.testing import network as net
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


# --- status updates and the officer's interaction log ----------------------------------------


def test_status_update_moves_the_plan_and_is_logged_for_the_facilitator(personas):
    workspace = opened(personas)
    organisation = net.organisation(personas)
    services.member_add(
        workspace=workspace,
        by=personas.officer_south,
        role=MemberRole.STAKEHOLDER,
        organisation=organisation,
    )
    with translation.override("en"):
        response = client_for(personas.officer_south).post(
            url(workspace, "updates/"),
            {
                "update-status": "in_progress",
                "update-progress": "40",
                "update-text_fi": "Penkit tilattu.",
                "update-text_en": "Benches ordered.",
                "update-public": "on",
            },
        )
    assert response.status_code == 302
    plan = Plan.objects.get(pk=workspace.plan_id)
    assert (plan.implementation_status, plan.implementation_progress) == ("in_progress", 40)
    saved = StatusUpdate.objects.filter(plan=plan).values_list("text_fi", "text_en", "public")
    assert list(saved) == [("Penkit tilattu.", "Benches ordered.", True)]
    logged = Interaction.objects.get(officer=personas.officer_south)
    with translation.override("en"):  # the officer wrote it in English
        assert logged.summary.startswith(f"PB workspace {plan}: ")
    assert "40 %" in logged.summary
    assert logged.district.major_district_id == plan.major_district_id
    assert list(logged.organisations.all()) == [organisation]


def test_interaction_goes_to_the_district_of_the_plans_proposals(personas):
    workspace = opened(personas)
    pb.proposal(
        personas,
        workspace.plan.cycle,
        plan=workspace.plan,
        status="merged",
        district=net.district("103"),
    )
    services.status_update_post(
        workspace=workspace,
        by=personas.officer_south,
        status="planning",
        progress=5,
        texts={"fi": "Suunnittelu alkoi."},
    )
    assert Interaction.objects.get().district.code == "103"


def test_an_officials_update_counts_but_is_not_an_officers_interaction(personas):
    workspace = opened(personas)
    add_official(personas, workspace)
    services.status_update_post(
        workspace=workspace,
        by=personas.official,
        status="planning",
        progress=10,
        texts={"en": "Design started."},
        public=False,
    )
    workspace.plan.refresh_from_db()
    assert workspace.plan.implementation_progress == 10
    assert not Interaction.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"update-status": "in_progress", "update-progress": "150", "update-text_fi": "x"},
            "update-progress",
        ),
        (
            {"update-status": "flying", "update-progress": "10", "update-text_fi": "x"},
            "update-status",
        ),
        ({"update-status": "in_progress", "update-progress": "10"}, "update-text_fi"),
        (
            {"update-status": "done", "update-progress": "80", "update-text_fi": "x"},
            "update-progress",
        ),
    ],
)
def test_bad_status_update_is_a_400_naming_the_field(personas, data, field):
    workspace = opened(personas)
    response = client_for(personas.officer_south).post(url(workspace, "updates/"), data)
    assert response.status_code == 400
    assert f'href="#id_{field}"' in response.content.decode()
    assert not StatusUpdate.objects.exists()
    workspace.plan.refresh_from_db()
    assert workspace.plan.implementation_status == ImplementationStatus.NOT_STARTED


def test_outsiders_cannot_post_updates(personas):
    workspace = opened(personas)
    with pytest.raises(PermissionDenied):
        services.status_update_post(
            workspace=workspace,
            by=personas.officer_east,
            status="planning",
            progress=1,
            texts={"fi": "x"},
        )


# --- meetings --------------------------------------------------------------------------------


def test_linking_a_district_event_as_a_meeting_is_logged(personas):
    workspace = opened(personas)
    event = ev.event(personas, district_code="101")
    response = client_for(personas.officer_south).post(
        url(workspace, "meetings/"), {"link-event": event.pk}
    )
    assert response.status_code == 302
    assert list(workspace.meetings.all()) == [event]
    logged = Interaction.objects.get()
    assert logged.channel == "meeting"
    assert logged.district == event.district
    assert "PB workspace" in logged.summary and event.title in logged.summary
    unlinked = client_for(personas.officer_south).post(
        url(workspace, "meetings/unlink/"), {"event": event.pk}
    )
    assert unlinked.status_code == 302
    assert not workspace.meetings.exists()


def test_an_event_of_another_major_district_cannot_be_linked(personas):
    workspace = opened(personas)
    eastern = ev.event(personas, district_code="704", organiser=personas.officer_east)
    response = client_for(personas.coordinator).post(
        url(workspace, "meetings/"), {"link-event": eastern.pk}
    )
    assert response.status_code == 400
    assert 'href="#id_link-event"' in response.content.decode()
    with pytest.raises(ValidationError):
        services.meeting_link(workspace=workspace, by=personas.coordinator, event=eastern)


def test_facilitator_plans_a_new_meeting_as_a_draft_event(personas):
    workspace = opened(personas)
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "meeting-title": "Puistotyöpaja",
        "meeting-kind": "workshop",
        "meeting-district": net.district("101").pk,
        "meeting-start": start.strftime("%Y-%m-%dT%H:%M"),
        "meeting-end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "meeting-languages": "fi, sv",
    }
    client = client_for(personas.officer_south)
    assert client.get(url(workspace, "meetings/new/")).status_code == 200
    response = client.post(url(workspace, "meetings/new/"), data)
    assert response.status_code == 302
    event = Event.objects.get(title="Puistotyöpaja")
    assert event.status == EventStatus.DRAFT
    assert event.district is not None
    assert event.district.code == "101"
    assert list(workspace.meetings.all()) == [event]
    assert Interaction.objects.filter(summary__contains="Puistotyöpaja").exists()


def test_bad_meeting_input_is_a_400(personas):
    workspace = opened(personas)
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "meeting-title": "Työpaja",
        "meeting-kind": "workshop",
        "meeting-district": net.district("704").pk,  # not the plan's major district
        "meeting-start": start.strftime("%Y-%m-%dT%H:%M"),
        "meeting-end": (start - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "meeting-languages": "fi",
    }
    response = client_for(personas.officer_south).post(url(workspace, "meetings/new/"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_meeting-district"' in body
    assert 'href="#id_meeting-end"' in body
    assert not Event.objects.exists()


def test_members_who_do_not_manage_cannot_touch_meetings(personas):
    workspace = opened(personas)
    add_official(personas, workspace)
    event = ev.event(personas)
    client = client_for(personas.official)
    assert client.post(url(workspace, "meetings/"), {"link-event": event.pk}).status_code == 403
    assert client.get(url(workspace, "meetings/new/")).status_code == 403


# --- materials -------------------------------------------------------------------------------


def test_workspace_shows_the_plans_materials_and_what_is_missing(personas):
    workspace = opened(personas)
    add_official(personas, workspace)
    item = mat.item(
        personas,
        district_code=None,
        pb_plan=workspace.plan,
        title_fi="Penkit puistoon",
        title_en="Penkit puistoon",
    )
    mat.variant(item, "fi", "web", VariantStatus.READY)
    mat.variant(item, "so", "print", VariantStatus.NEEDED)
    mat.variant(item, "sv", "web", VariantStatus.IN_TRANSLATION)
    body = client_for(personas.official).get(url(workspace)).content.decode()
    assert "1 ready, 1 in translation, 1 still needed." in body
    assert "Penkit puistoon: Somali, Print — needed" in body
    assert "Penkit puistoon: Swedish, Web text — in translation" in body
    assert "/materials/manage/" not in body  # officials do not manage materials
    manager = client_for(personas.officer_south).get(url(workspace)).content.decode()
    assert f"/materials/manage/for/plan/{workspace.plan.pk}/" in manager


def test_officer_creates_a_material_for_the_plan_through_the_materials_pages(personas):
    workspace = opened(personas)
    link = f"/materials/manage/for/plan/{workspace.plan.pk}/"
    assert client_for(personas.officer_east).post(link).status_code == 404
    response = client_for(personas.officer_south).post(link)
    item = Item.objects.get()
    assert response.status_code == 302
    assert item.pb_plan == workspace.plan
    assert item.linked == workspace.plan
    assert item.district is None
    # officer_east does not manage it; officer_south sees it on the plan's page.
    assert client_for(personas.officer_east).get(f"/materials/manage/{item.pk}/").status_code == 404
    assert client_for(personas.officer_south).get(link).status_code == 302


def test_an_item_belongs_to_at_most_one_thing_including_a_plan(personas):
    from django.db import IntegrityError, transaction

    plan = selected_plan(personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        mat.item(personas, pb_plan=plan, event=ev.event(personas))


# --- the handover dossier --------------------------------------------------------------------


def _south_assignment(p: Personas) -> OfficerAssignment:
    return OfficerAssignment.objects.get(officer=p.officer_south)


def test_handover_dossier_lists_open_workspaces_with_open_tasks(personas):
    workspace = opened(personas)
    services.task_add(
        workspace=workspace,
        by=personas.officer_south,
        title="Tilaa penkit",
        owner=personas.officer_south,
        due_on=datetime.date(2031, 5, 1),
    )
    done = services.task_add(workspace=workspace, by=personas.officer_south, title="Kutsu koolle")
    services.task_set_done(task=done, by=personas.officer_south, done=True)
    finished = opened(
        personas, implementation_status="done", implementation_progress=100, title_en="Finished"
    )
    with translation.override("en"):
        body = (
            client_for(personas.coordinator)
            .get(f"/network/handover/{_south_assignment(personas).pk}/")
            .content.decode()
        )
    assert "Participatory budgeting workspaces" in body
    assert str(workspace.plan) in body
    assert "Tilaa penkit" in body
    assert "Kutsu koolle" not in body
    assert str(finished.plan) not in body


def test_handover_pdf_has_the_workspaces_section(personas, monkeypatch):
    workspace = opened(personas)
    services.task_add(workspace=workspace, by=personas.officer_south, title="Tilaa penkit")
    rendered: list[str] = []

    class FakeHTML:
        def __init__(self, *, string: str, base_url: str) -> None:
            rendered.append(string)

        def write_pdf(self) -> bytes:
            return b"%PDF-1.4"

    import weasyprint

    monkeypatch.setattr(weasyprint, "HTML", FakeHTML)
    with translation.override("en"):
        response = client_for(personas.officer_south).get(
            f"/network/handover/{_south_assignment(personas).pk}/pdf/"
        )
    assert response.status_code == 200
    assert "Participatory budgeting workspaces" in rendered[0]
    assert "Tilaa penkit" in rendered[0]


def test_dossier_of_another_district_does_not_list_the_southern_workspace(personas):
    opened(personas)
    east = OfficerAssignment.objects.get(officer=personas.officer_east)
    with translation.override("en"):
        body = (
            client_for(personas.officer_east).get(f"/network/handover/{east.pk}/").content.decode()
        )
    assert "No open workspaces." in body
