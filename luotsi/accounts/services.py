"""Writes for accounts. Each function is one transaction and raises ValidationError with
field names, so forms and the API can show the message next to the right field."""

import datetime
import hashlib
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.models import (
    ApiToken,
    AssignmentKind,
    OfficerAssignment,
    Role,
    User,
    normalize_email,
)
from luotsi.areas.models import MajorDistrict
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

ROLE_FOR_KIND: dict[str, str] = {
    AssignmentKind.DISTRICT: Role.DISTRICT_OFFICER,
    AssignmentKind.BUSINESS: Role.BUSINESS_OFFICER,
}


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    full_name: str = "",
    role: Role = Role.RESIDENT,
    preferred_language: str = "fi",
    phone: str = "",
    spoken_languages: str = "",
) -> User:
    email = normalize_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    user = User(
        email=email,
        full_name=full_name,
        role=role,
        preferred_language=preferred_language,
        phone=phone,
        spoken_languages=spoken_languages,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def profile_update(*, user: User, full_name: str, preferred_language: str) -> User:
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "preferred_language"])
    return user


def assignment_errors(
    *,
    officer: User,
    kind: str,
    major_districts: list[MajorDistrict],
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    exclude_pk: int | None = None,
) -> dict[str, str]:
    """The rules an assignment must meet, as {field: message}; empty when it is valid.

    The officer's role matches the kind; a district assignment covers at least one major
    district and a business one the whole city (no districts); one officer's assignments
    never overlap in time. Shared by `assignment_start` and the admin form.
    """
    errors: dict[str, str] = {}
    if officer.role != ROLE_FOR_KIND.get(kind):
        errors["officer"] = _("This person's role does not match the kind of assignment.")
    if kind == AssignmentKind.DISTRICT and not major_districts:
        errors["major_districts"] = _("A district assignment covers at least one major district.")
    if kind == AssignmentKind.BUSINESS and major_districts:
        errors["major_districts"] = _("A business liaison assignment is city-wide.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The end date cannot be before the start date.")
    if not errors and _overlapping(officer, starts_on, ends_on, exclude_pk).exists():
        errors["starts_on"] = _("This officer already has an assignment in this period.")
    return errors


@transaction.atomic
def assignment_start(
    *,
    officer: User,
    kind: AssignmentKind,
    major_districts: Iterable[MajorDistrict],
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> OfficerAssignment:
    """Start an officer's assignment (rules: `assignment_errors`).

    The officer row is locked so that two concurrent starts cannot both pass the overlap
    check.
    """
    officer = User.objects.select_for_update().get(pk=officer.pk)
    districts = list(major_districts)
    errors = assignment_errors(
        officer=officer, kind=kind, major_districts=districts, starts_on=starts_on, ends_on=ends_on
    )
    if errors:
        raise ValidationError(errors)
    assignment = OfficerAssignment.objects.create(
        officer=officer, kind=kind, starts_on=starts_on, ends_on=ends_on
    )
    assignment.major_districts.set(districts)
    return assignment


def _overlapping(
    officer: User,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    exclude_pk: int | None,
) -> QuerySet[OfficerAssignment]:
    overlapping = OfficerAssignment.objects.filter(officer=officer).exclude(ends_on__lt=starts_on)
    if exclude_pk is not None:
        overlapping = overlapping.exclude(pk=exclude_pk)
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    return overlapping


@transaction.atomic
def assignment_end(*, assignment: OfficerAssignment, ends_on: datetime.date) -> OfficerAssignment:
    """End an assignment on `ends_on` (the last day worked), keeping it as history."""
    assignment = OfficerAssignment.objects.select_for_update().get(pk=assignment.pk)
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
    assignment.ends_on = ends_on
    assignment.save(update_fields=["ends_on"])
    return assignment


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the token text, which is not stored anywhere."""
    if not user.is_staff_role:
        raise ValidationError({"name": _("API tokens are for staff accounts.")})
    token = "lt_" + secrets.token_urlsafe(32)
    record = ApiToken(
        user=user, name=name.strip()[:100] or _("API token"), key_hash=_token_hash(token)
    )
    record.full_clean(exclude=["key_hash"])
    record.save()
    return record, token


def api_token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_user(token: str) -> User | None:
    """The active user a presented token belongs to, or None; records when it was used."""
    record = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.user


# --- Two-factor authentication (TOTP) ----------------------------------------------------------


def two_factor_pending_device(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device `user` is setting up, created on first call (one per person:
    reloading the setup page shows the same secret)."""
    if not user.is_staff_role:
        raise ValidationError(_("Two-factor authentication is for staff accounts."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Luotsi", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, device: TOTPDevice, code: str) -> TOTPDevice:
    """Confirm a pending device with a code from the person's authenticator app; from now on
    signing in asks for a code. Precondition: `device` is `two_factor_pending_device`'s."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, confirmed=False)
    if not device.verify_token(code.strip()):
        raise ValidationError({"code": _("The code is not correct. Enter the current code.")})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Any other unconfirmed or older devices would be other ways in: one device per person.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    audit_record(
        actor=device.user,
        action=AuditAction.CHANGE,
        obj=device.user,
        summary="two-factor authentication turned on",
    )
    return device


@transaction.atomic
def two_factor_disable(*, user: User, code: str) -> None:
    """Turn two-factor authentication off; proving possession of the device with a current
    code, so that a session left open on a shared computer cannot do it."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError(_("Two-factor authentication is not on."))
    if not device.verify_token(code.strip()):
        raise ValidationError({"code": _("The code is not correct. Enter the current code.")})
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(
        actor=user,
        action=AuditAction.CHANGE,
        obj=user,
        summary="two-factor authentication turned off",
    )
