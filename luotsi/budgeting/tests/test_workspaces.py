"""Co-production workspaces: opening, members, meetings, tasks, status updates, materials,
and the officer's memory (interaction log, handover dossier)."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation

from luotsi.accounts.models import Role
from luotsi.budgeting.models import (
    MemberRole,
    Phase,
    Plan,
    PlanResult,
    Workspace,
    WorkspaceMember,
    WorkspaceTask,
)
from luotsi.budgeting.services import coproduction as services
from luotsi.testing import budgeting as pb
from luotsi.testing import network as net
from luotsi.testing.factories import UserFactory
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def selected_plan(p: Personas, *, major_number: int | None = 1, **fields: Any) -> Plan:
    cycle = fields.pop("cycle", None) or pb.cycle(p, phase=Phase.IMPLEMENTATION)
    made = pb.plan(p, cycle, major_number=major_number, **fields)
    PlanResult.objects.create(plan=made, votes=120, selected=True, rank=1)
    return made


def opened(p: Personas, **fields: Any) -> Workspace:
    return services.workspace_open(plan=selected_plan(p, **fields), by=p.officer_south)


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def url(workspace: Workspace, rest: str = "") -> str:
    return f"/budgeting/{workspace.plan.cycle.slug}/workspaces/{workspace.pk}/{rest}"


def add_official(p: Personas, workspace: Workspace) -> WorkspaceMember:
    return services.member_add(
        workspace=workspace, by=p.officer_south, role=MemberRole.OFFICIAL, user=p.official
    )


# --- opening ---------------------------------------------------------------------------------


def test_district_officer_opens_a_selected_plans_workspace_with_its_proposers(personas):
    plan = selected_plan(personas)
    pb.proposal(personas, plan.cycle, plan=plan, status="merged")
    page = client_for(personas.officer_south).get(
        f"/budgeting/{plan.cycle.slug}/workspaces/open/{plan.pk}/"
    )
    assert page.status_code == 200
    assert personas.resident.email in page.content.decode()
    response = client_for(personas.officer_south).post(
        f"/budgeting/{plan.cycle.slug}/workspaces/open/{plan.pk}/",
        {"applicants": [personas.resident.pk]},
    )
    workspace = Workspace.objects.get(plan=plan)
    assert response.status_code == 302
    assert workspace.facilitator == personas.officer_south
    roles = {(m.user, m.role) for m in workspace.members.all()}
    assert roles == {
        (personas.officer_south, MemberRole.FACILITATOR),
        (personas.resident, MemberRole.APPLICANT),
    }


def test_the_coordinator_may_open_a_workspace_and_facilitates_it(personas):
    workspace = services.workspace_open(plan=selected_plan(personas), by=personas.coordinator)
    assert workspace.facilitator == personas.coordinator


def test_a_plan_not_selected_gets_no_workspace(personas):
    cycle = pb.cycle(personas, phase=Phase.IMPLEMENTATION)
    plan = pb.plan(personas, cycle)
    PlanResult.objects.create(plan=plan, votes=3, selected=False, rank=9)
    with pytest.raises(ValidationError) as error:
        services.workspace_open(plan=plan, by=personas.officer_south)
    assert "plan" in error.value.message_dict
    response = client_for(personas.officer_south).post(
        f"/budgeting/{cycle.slug}/workspaces/open/{plan.pk}/"
    )
    assert response.status_code == 404


def test_another_districts_officer_cannot_open_and_gets_404(personas):
    plan = selected_plan(personas)
    with pytest.raises(PermissionDenied):
        services.workspace_open(plan=plan, by=personas.officer_east)
    response = client_for(personas.officer_east).post(
        f"/budgeting/{plan.cycle.slug}/workspaces/open/{plan.pk}/"
    )
    assert response.status_code == 404
    assert not Workspace.objects.exists()


def test_officials_and_residents_cannot_open_workspaces(personas):
    plan = selected_plan(personas)
    for user in (personas.official, personas.resident):
        response = client_for(user).post(f"/budgeting/{plan.cycle.slug}/workspaces/open/{plan.pk}/")
        assert response.status_code == 403


def test_opening_twice_is_a_clear_error(personas):
    workspace = opened(personas)
    plan = workspace.plan
    with pytest.raises(ValidationError):
        services.workspace_open(plan=plan, by=personas.coordinator)
    with translation.override("en"):
        response = client_for(personas.officer_south).post(
            f"/budgeting/{plan.cycle.slug}/workspaces/open/{plan.pk}/"
        )
    assert response.status_code == 400
    assert "This plan has a workspace already." in response.content.decode()


# --- who sees the workspace ------------------------------------------------------------------


def test_workspace_is_404_for_another_districts_officer_and_outsiders(personas):
    workspace = opened(personas)
    for user in (
        personas.officer_east,
        personas.official,
        personas.resident,
        personas.business_officer,
    ):
        assert client_for(user).get(url(workspace)).status_code == 404
    for user in (personas.officer_south, personas.coordinator):
        assert client_for(user).get(url(workspace)).status_code == 200
    assert Client().get(url(workspace)).status_code == 302


def test_member_official_and_applicant_see_the_workspace_but_do_not_manage_it(personas):
    workspace = opened(personas)
    add_official(personas, workspace)
    services.member_add(
        workspace=workspace, by=personas.officer_south, role="applicant", user=personas.resident
    )
    for user in (personas.official, personas.resident):
        client = client_for(user)
        page = client.get(url(workspace))
        assert page.status_code == 200
        assert "Add a member" not in page.content.decode()
        refused = client.post(url(workspace, "members/"), {"member-role": "applicant"})
        assert refused.status_code == 403


def test_a_workspace_of_another_cycle_is_404(personas):
    workspace = opened(personas)
    other = pb.cycle(personas, phase=Phase.IMPLEMENTATION)
    response = client_for(personas.officer_south).get(
        f"/budgeting/{other.slug}/workspaces/{workspace.pk}/"
    )
    assert response.status_code == 404


def test_workspace_list_shows_ones_own_and_the_plans_awaiting_a_workspace(personas):
    workspace = opened(personas)
    waiting = selected_plan(personas, cycle=workspace.plan.cycle)
    eastern = selected_plan(personas, cycle=workspace.plan.cycle, major_number=7)
    page = client_for(personas.officer_south).get(
        f"/budgeting/{workspace.plan.cycle.slug}/workspaces/"
    )
    body = page.content.decode()
    assert str(workspace.plan) in body
    assert f"/workspaces/open/{waiting.pk}/" in body
    assert f"/workspaces/open/{eastern.pk}/" not in body
    east_page = (
        client_for(personas.officer_east)
        .get(f"/budgeting/{workspace.plan.cycle.slug}/workspaces/")
        .content.decode()
    )
    assert str(workspace.plan) not in east_page
    assert f"/workspaces/open/{eastern.pk}/" in east_page


# --- members ---------------------------------------------------------------------------------


def test_officer_adds_an_official_by_email_and_a_stakeholder_organisation(personas):
    workspace = opened(personas)
    organisation = net.organisation(personas)
    client = client_for(personas.officer_south)
    response = client.post(
        url(workspace, "members/"),
        {"member-role": "official", "member-email": "OFFICIAL@example.org"},
    )
    assert response.status_code == 302
    response = client.post(
        url(workspace, "members/"),
        {"member-role": "stakeholder", "member-organisation": organisation.pk},
    )
    assert response.status_code == 302
    assert workspace.members.filter(user=personas.official, role="official").exists()
    assert workspace.members.filter(organisation=organisation, role="stakeholder").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"member-role": "official", "member-email": "resident@example.org"},
            "member-email",
            "This person is not a city official in Luotsi.",
        ),
        (
            {"member-role": "applicant", "member-email": "nobody@example.org"},
            "member-email",
            "There is no Luotsi user with this e-mail address.",
        ),
        ({"member-role": "applicant", "member-email": ""}, "member-email", "Give the person"),
        ({"member-role": "stakeholder"}, "member-organisation", "Choose the organisation."),
        ({"member-role": "facilitator"}, "member-role", "Select a valid choice."),
    ],
)
def test_bad_member_input_is_a_400_naming_the_field(personas, data, field, message):
    workspace = opened(personas)
    with translation.override("en"):
        response = client_for(personas.officer_south).post(url(workspace, "members/"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert f'href="#id_{field}"' in body
    assert message in body
    assert workspace.members.count() == 1


def test_organisations_the_officer_cannot_see_are_refused(personas):
    workspace = opened(personas)
    eastern_private = net.organisation(personas, code="704", name="Itäinen yhdistys")
    response = client_for(personas.officer_south).post(
        url(workspace, "members/"),
        {"member-role": "stakeholder", "member-organisation": eastern_private.pk},
    )
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.member_add(
            workspace=workspace,
            by=personas.officer_south,
            role=MemberRole.STAKEHOLDER,
            organisation=eastern_private,
        )


def test_a_person_is_a_member_once_and_the_facilitator_stays(personas):
    workspace = opened(personas)
    member = add_official(personas, workspace)
    with pytest.raises(ValidationError):
        add_official(personas, workspace)
    facilitator = workspace.members.get(role=MemberRole.FACILITATOR)
    client = client_for(personas.officer_south)
    assert (
        client.post(url(workspace, "members/remove/"), {"member": facilitator.pk}).status_code
        == 400
    )
    assert client.post(url(workspace, "members/remove/"), {"member": member.pk}).status_code == 302
    assert not workspace.members.filter(pk=member.pk).exists()
    assert client.post(url(workspace, "members/remove/"), {"member": "x"}).status_code == 404


def test_removing_a_member_frees_their_open_tasks(personas):
    workspace = opened(personas)
    member = add_official(personas, workspace)
    task = services.task_add(
        workspace=workspace, by=personas.official, title="Tilaa penkit", owner=personas.official
    )
    services.member_remove(member=member, by=personas.officer_south)
    task.refresh_from_db()
    assert task.owner is None


# --- tasks -----------------------------------------------------------------------------------


def test_member_official_adds_a_task_and_marks_it_done_and_undone(personas):
    workspace = opened(personas)
    add_official(personas, workspace)
    client = client_for(personas.official)
    response = client.post(
        url(workspace, "tasks/"),
        {
            "task-title": "Pyydä tarjoukset",
            "task-owner": personas.official.pk,
            "task-due_on": "2030-01-31",
        },
    )
    assert response.status_code == 302
    task = WorkspaceTask.objects.get(workspace=workspace)
    assert (task.owner, task.due_on, task.created_by) == (
        personas.official,
        datetime.date(2030, 1, 31),
        personas.official,
    )
    assert client.post(url(workspace, f"tasks/{task.pk}/done/"), {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None
    assert client.post(url(workspace, f"tasks/{task.pk}/done/"), {"done": "0"}).status_code == 302
    task.refresh_from_db()
    assert task.done_at is None


def test_only_the_owner_and_managers_mark_a_task(personas):
    workspace = opened(personas)
    add_official(personas, workspace)
    services.member_add(
        workspace=workspace, by=personas.officer_south, role="applicant", user=personas.resident
    )
    task = services.task_add(
        workspace=workspace,
        by=personas.officer_south,
        title="Kysy kaupunkiympäristöltä",
        owner=personas.official,
    )
    assert (
        client_for(personas.resident)
        .post(url(workspace, f"tasks/{task.pk}/done/"), {"done": "1"})
        .status_code
        == 403
    )
    assert (
        client_for(personas.officer_east)
        .post(url(workspace, f"tasks/{task.pk}/done/"), {"done": "1"})
        .status_code
        == 404
    )
    assert (
        client_for(personas.coordinator)
        .post(url(workspace, f"tasks/{task.pk}/done/"), {"done": "1"})
        .status_code
        == 302
    )
    assert (
        client_for(personas.coordinator)
        .post(url(workspace, f"tasks/{task.pk}/done/"), {"done": "maybe"})
        .status_code
        == 400
    )


def test_task_owner_must_be_a_member_and_title_is_required(personas):
    workspace = opened(personas)
    outsider = UserFactory.create(email="outsider@example.org", role=Role.OFFICIAL)
    with pytest.raises(ValidationError) as error:
        services.task_add(workspace=workspace, by=personas.officer_south, title="X", owner=outsider)
    assert "owner" in error.value.message_dict
    with translation.override("en"):
        response = client_for(personas.officer_south).post(
            url(workspace, "tasks/"), {"task-title": "  ", "task-owner": outsider.pk}
        )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_task-title"' in body
    assert 'href="#id_task-owner"' in body
    assert not WorkspaceTask.objects.exists()


def test_outsiders_cannot_add_tasks(personas):
    workspace = opened(personas)
    with pytest.raises(PermissionDenied):
        services.task_add(workspace=workspace, by=personas.official, title="Ei")
    response = client_for(personas.officer_east).post(
        url(workspace, "tasks/"), {"task-title": "Ei"}
    )
    assert response.status_code == 404


def test_members_see_each_others_names_but_not_e_mail_addresses(personas):
    workspace = opened(personas)
    nameless = UserFactory.create(
        email="nameless.official@example.org", full_name="", role=Role.OFFICIAL
    )
    services.member_add(
        workspace=workspace, by=personas.officer_south, role=MemberRole.OFFICIAL, user=nameless
    )
    services.member_add(
        workspace=workspace, by=personas.officer_south, role="applicant", user=personas.resident
    )
    services.task_add(
        workspace=workspace, by=personas.officer_south, title="Mittaa", owner=nameless
    )
    as_member = client_for(personas.resident).get(url(workspace)).content.decode()
    assert "nameless.official@example.org" not in as_member
    as_manager = client_for(personas.officer_south).get(url(workspace)).content.decode()
    assert "nameless.official@example.org" in as_manager
