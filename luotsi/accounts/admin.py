from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.models import OfficerAssignment, User
from luotsi.accounts.services import assignment_errors
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

# The fields that decide what a person may do: changing one is a permission change.
ACCESS_FIELDS = ("role", "is_active", "is_superuser")


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeAdminForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    list_display = ("email", "full_name", "role", "is_active", "date_joined")
    list_filter = ("role", "is_active", "preferred_language")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("date_joined", "last_login")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language")}),
        (_("Public contact details"), {"fields": ("phone", "spoken_languages")}),
        (_("Role and access"), {"fields": ("role", "is_active", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ()

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """Role and access changes are permission changes: each is written to the audit log,
        naming the fields and the new role, never the person's details."""
        super().save_model(request, obj, form, change)
        changed = [name for name in ACCESS_FIELDS if name in form.changed_data]
        if change and not changed:
            return
        audit_record(
            actor=_actor(request),
            action=AuditAction.CHANGE if change else AuditAction.CREATE,
            obj=obj,
            summary=f"access: {', '.join(changed) or 'new account'}; role={obj.role}, "
            f"active={obj.is_active}, superuser={obj.is_superuser}",
        )

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        pk = obj.pk
        super().delete_model(request, obj)
        audit_record(
            actor=_actor(request),
            action=AuditAction.ERASE,
            object_type="accounts.user",
            object_id=str(pk),
            summary="account deleted in the admin",
        )


class OfficerAssignmentForm(forms.ModelForm[OfficerAssignment]):
    class Meta:
        model = OfficerAssignment
        fields = ["officer", "kind", "major_districts", "starts_on", "ends_on"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        errors = assignment_errors(
            officer=cleaned["officer"],
            kind=cleaned["kind"],
            major_districts=list(cleaned.get("major_districts") or []),
            starts_on=cleaned["starts_on"],
            ends_on=cleaned.get("ends_on"),
            exclude_pk=self.instance.pk,
        )
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


@admin.register(OfficerAssignment)
class OfficerAssignmentAdmin(admin.ModelAdmin[OfficerAssignment]):
    form = OfficerAssignmentForm
    list_display = ("officer", "kind", "starts_on", "ends_on")
    list_filter = ("kind", "major_districts")
    search_fields = ("officer__email", "officer__full_name")
    # Plain selects: the autocomplete and two-pane widgets fail axe-core's checks.
    date_hierarchy = "starts_on"

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # After the districts are saved, so the summary names the assignment as it now is.
        super().save_related(request, form, formsets, change)
        assignment: OfficerAssignment = form.instance
        audit_record(
            actor=_actor(request),
            action=AuditAction.CHANGE if change else AuditAction.CREATE,
            obj=assignment,
            summary=_assignment_summary(assignment),
        )

    def delete_model(self, request: HttpRequest, obj: OfficerAssignment) -> None:
        summary, pk = _assignment_summary(obj), obj.pk
        super().delete_model(request, obj)
        audit_record(
            actor=_actor(request),
            action=AuditAction.DELETE,
            object_type="accounts.officerassignment",
            object_id=str(pk),
            summary=f"deleted: {summary}",
        )


def _assignment_summary(assignment: OfficerAssignment) -> str:
    districts = ",".join(str(d.number) for d in assignment.major_districts.order_by("number"))
    return (
        f"officer={assignment.officer_id} kind={assignment.kind} major_districts={districts} "
        f"{assignment.starts_on}..{assignment.ends_on or ''}"
    )


# Roles, not groups, decide what people may do in Luotsi (see permissions.py in each app).
admin.site.unregister(Group)


@admin.register(TOTPDevice)
class TwoFactorDeviceAdmin(admin.ModelAdmin[TOTPDevice]):
    """Who has two-factor authentication on. The coordinator may only delete a device (a
    person who lost their phone then signs in with the password and sets up a new one); the
    secret key is never shown, and devices are only created by their owner."""

    list_display = ("user", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__email", "user__full_name")
    fields = ("user", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessAttempt)
class SignInLockoutAdmin(AccessAttemptAdmin):
    """Failed sign-ins per e-mail and client address (django-axes). Deleting one lifts the
    lockout before its cool-off ends."""
