"""The account's part of a data subject's export (luotsi/privacy/portability.py): the user
account, officer assignments, API tokens (never their hash), two-factor devices (that they
exist, never the key) and failed sign-in attempts."""

from typing import Any

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.models import ApiToken, OfficerAssignment, User
from luotsi.privacy.portability import Exporter, Record, email_matches, register, values

USER_FIELDS = (
    "id",
    "email",
    "full_name",
    "role",
    "preferred_language",
    "phone",
    "spoken_languages",
    "is_active",
    "is_superuser",
    "date_joined",
    "last_login",
)
ASSIGNMENT_FIELDS = ("kind", "starts_on", "ends_on", "created_at")
TOKEN_FIELDS = ("name", "created_at", "last_used_at", "revoked_at")
DEVICE_FIELDS = ("name", "confirmed", "created_at", "last_used_at")
ATTEMPT_FIELDS = (
    "id",
    "username",
    "attempt_time",
    "ip_address",
    "user_agent",
    "path_info",
    "http_accept",
    "failures_since_start",
)
CREDENTIAL = "a credential: disclosing it would let anyone holding the export sign in"
TOTP_STATE = "internal state of the one-time code check, not information about the person"


def account(*, email: str, user: User | None, **_: Any) -> list[Record]:
    if user is None:
        return []
    record = values(user, USER_FIELDS)
    record["officer_assignments"] = [
        {
            **values(a, ASSIGNMENT_FIELDS),
            "major_districts": [str(d) for d in a.major_districts.all()],
        }
        for a in OfficerAssignment.objects.filter(officer=user).prefetch_related("major_districts")
    ]
    record["api_tokens"] = [
        values(t, TOKEN_FIELDS) for t in ApiToken.objects.filter(user=user).order_by("pk")
    ]
    record["two_factor_devices"] = [
        values(d, DEVICE_FIELDS) for d in TOTPDevice.objects.filter(user=user).order_by("pk")
    ]
    profile = getattr(user, "officer_profile", None)
    record["officer_profile"] = values(profile, PROFILE_FIELDS) if profile is not None else None
    return [record]


def sign_in_attempts(*, email: str, user: User | None, **_: Any) -> list[Record]:
    names = {email} | ({user.email} if user is not None else set())
    found: list[Record] = []
    for name in sorted(n for n in names if n):
        found += [
            values(a, ATTEMPT_FIELDS)
            for a in AccessAttempt.objects.filter(email_matches("username", name)).order_by("pk")
        ]
    return found


PROFILE_FIELDS = (
    "introduction_fi",
    "introduction_sv",
    "introduction_en",
    "working_on_fi",
    "working_on_sv",
    "working_on_en",
    "how_to_reach",
    "updated_at",
)

register(
    Exporter(
        key="account",
        order=10,
        title=_("Your user account"),
        model="accounts.User",
        find=account,
        fields={
            "accounts.User": USER_FIELDS,
            "accounts.OfficerAssignment": ASSIGNMENT_FIELDS,
            "accounts.ApiToken": TOKEN_FIELDS,
            "otp_totp.TOTPDevice": DEVICE_FIELDS,
            "officehours.OfficerProfile": PROFILE_FIELDS,
        },
        excluded={
            "accounts.User": {"password": "a one-way hash of the password; " + CREDENTIAL},
            "accounts.OfficerAssignment": {
                "id": "internal row number",
                "officer": "the account itself (the record it is listed under)",
            },
            "accounts.ApiToken": {
                "id": "internal row number",
                "user": "the account itself (the record it is listed under)",
                "key_hash": "a hash of the token; " + CREDENTIAL,
            },
            "otp_totp.TOTPDevice": {
                "id": "internal row number",
                "user": "the account itself (the record it is listed under)",
                "key": "the shared secret of the authenticator app; " + CREDENTIAL,
                "step": TOTP_STATE,
                "t0": TOTP_STATE,
                "digits": TOTP_STATE,
                "tolerance": TOTP_STATE,
                "drift": TOTP_STATE,
                "last_t": TOTP_STATE,
                "throttling_failure_timestamp": TOTP_STATE,
                "throttling_failure_count": TOTP_STATE,
            },
            "officehours.OfficerProfile": {
                "id": "internal row number",
                "user": "the account itself (the record it is listed under)",
            },
        },
    )
)

register(
    Exporter(
        key="sign_in_attempts",
        order=90,
        title=_("Failed sign-in attempts"),
        model="axes.AccessAttempt",
        find=sign_in_attempts,
        fields={"axes.AccessAttempt": ATTEMPT_FIELDS},
        excluded={
            "axes.AccessAttempt": {
                "get_data": "query parameters of the sign-in page, with credentials masked",
                "post_data": "the form sent, with the password masked; the username is exported",
            }
        },
    )
)
