"""Role, access and assignment changes made in the admin are permission changes: each one is
written to the audit log (who, which fields, the new role), without the person's details."""

import datetime

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.test import RequestFactory

from luotsi.accounts.admin import OfficerAssignmentAdmin, UserAdmin
from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
from luotsi.areas.models import MajorDistrict
from luotsi.privacy.models import AuditAction, AuditEvent
from luotsi.testing.factories import UserFactory
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def _request(user: User):
    request = RequestFactory().post("/admin/")
    request.user = user
    return request


def _save_user(by: User, user: User, **changes) -> None:
    model_admin = UserAdmin(User, admin.site)
    request = _request(by)
    data = {
        **model_to_dict(user, fields=["email", "full_name", "preferred_language", "phone"]),
        "spoken_languages": user.spoken_languages,
        "role": user.role,
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
        "date_joined": user.date_joined,
        **changes,
    }
    form_class = model_admin.get_form(request, user, change=True)
    form = form_class(data=data, instance=user)
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    model_admin.save_model(request, obj, form, change=True)


def test_a_role_change_in_the_admin_is_audited(personas: Personas):
    resident = personas.resident
    _save_user(personas.coordinator, resident, role=Role.OFFICIAL)
    event = AuditEvent.objects.get(object_type="accounts.user", object_id=str(resident.pk))
    assert event.action == AuditAction.CHANGE
    assert event.actor == personas.coordinator
    assert "role" in event.summary and "role=official" in event.summary
    assert resident.email not in event.summary and resident.full_name not in event.summary


def test_changing_only_a_name_in_the_admin_is_not_a_permission_change(personas: Personas):
    _save_user(personas.coordinator, personas.resident, full_name="Riku R. Resident")
    assert not AuditEvent.objects.filter(object_type="accounts.user").exists()


def test_assignments_saved_and_deleted_in_the_admin_are_audited(personas: Personas):
    newcomer = UserFactory.create(role=Role.DISTRICT_OFFICER)
    model_admin = OfficerAssignmentAdmin(OfficerAssignment, admin.site)
    request = _request(personas.coordinator)
    form_class = model_admin.get_form(request, None, change=False)
    form = form_class(
        data={
            "officer": newcomer.pk,
            "kind": AssignmentKind.DISTRICT,
            "major_districts": [MajorDistrict.objects.get(number=3).pk],
            "starts_on": datetime.date(2026, 1, 1),
        }
    )
    assert form.is_valid(), form.errors
    assignment = form.save(commit=False)
    model_admin.save_model(request, assignment, form, change=False)
    model_admin.save_related(request, form, [], change=False)
    created = AuditEvent.objects.get(object_type="accounts.officerassignment")
    assert created.action == AuditAction.CREATE
    assert f"officer={newcomer.pk}" in created.summary
    assert "major_districts=3" in created.summary

    model_admin.delete_model(request, assignment)
    deleted = AuditEvent.objects.filter(action=AuditAction.DELETE).get()
    assert deleted.object_id == str(created.object_id)
    assert deleted.summary.startswith("deleted: ")
