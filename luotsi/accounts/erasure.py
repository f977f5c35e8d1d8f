"""The account's part of erasing a person (luotsi/privacy/erasure.py).

The account is anonymised and closed: no name, phone or languages, an address nobody has
(`erased-<id>@invalid`), no usable password, inactive. Its row is then deleted when nothing
depends on it; usually something does (the audit log names who acted by account, officers'
work points at them), and the anonymous row stays so those references still hold. Tokens,
two-factor devices and failed sign-in attempts are deleted. Runs after every other eraser.
"""

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django_otp.plugins.otp_totp.models import TOTPDevice

from luotsi.accounts.models import ApiToken, User
from luotsi.privacy.erasure import Counts, Eraser, Found, pks, register
from luotsi.privacy.portability import Subject

USER = "accounts.user"
KEPT_ROW = "the row stays while other records point at the account"


def erased_email(pk: int) -> str:
    """Unique (the address is) and not anybody's: `.invalid` is reserved (RFC 2606)."""
    return f"erased-{pk}@invalid"


def _names(email: str, user: User | None) -> Q:
    """Sign-in attempts name the account by the address typed (lower-cased by
    lockout.username_of, but compared ignoring case all the same)."""
    found = Q(pk__in=[])
    for name in {n.strip().lower() for n in (email, user.email if user else "") if n.strip()}:
        found |= Q(username__iexact=name)
    return found


def find(*, email: str, user: User | None, **_: Any) -> Found:
    found: Found = {
        "axes.accessattempt": set(
            AccessAttempt.objects.filter(_names(email, user)).values_list("pk", flat=True)
        ),
        "axes.accesslog": set(
            AccessLog.objects.filter(_names(email, user)).values_list("pk", flat=True)
        ),
        "axes.accessfailurelog": set(
            AccessFailureLog.objects.filter(_names(email, user)).values_list("pk", flat=True)
        ),
    }
    if user is not None and User.objects.filter(pk=user.pk).exists():
        found[USER] = {user.pk}
        found["accounts.apitoken"] = set(user.api_tokens.values_list("pk", flat=True))
        found["otp_totp.totpdevice"] = set(
            TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)
        )
    return found


def _anonymise(pk: int) -> None:
    User.objects.filter(pk=pk).update(
        email=erased_email(pk),
        full_name="",
        phone="",
        spoken_languages="",
        preferred_language=settings.LANGUAGE_CODE,
        password=make_password(None),
        last_login=None,
        is_active=False,
        is_superuser=False,
    )
    user = User(pk=pk)
    user.groups.clear()
    user.user_permissions.clear()


def _delete_if_free(pk: int) -> bool:
    """Delete the anonymised account unless other rows protect it (the savepoint undoes a
    refused delete, which Django refuses before writing anything anyway)."""
    try:
        with transaction.atomic():
            User.objects.filter(pk=pk).delete()
    except (ProtectedError, RestrictedError):
        return False
    return True


def _delete(model: Any, found: Found) -> tuple[str, int]:
    """Delete the rows found; their number, not counting rows deleted with them (an
    attempt's expiry goes with the attempt)."""
    label = model._meta.label_lower
    ids = pks(found, label)
    model.objects.filter(pk__in=ids).delete()
    return label, len(ids)


def erase(*, found: Found, subject: Subject, by: User, **_: Any) -> Counts:
    counts: Counts = dict(
        _delete(model, found)
        for model in (ApiToken, TOTPDevice, AccessAttempt, AccessLog, AccessFailureLog)
    )
    for pk in pks(found, USER):
        _anonymise(pk)
        # The person erasing their own account is named as the actor of the erasure, so
        # their (anonymous) row must stay.
        if pk != by.pk:
            _delete_if_free(pk)
        counts[USER] = counts.get(USER, 0) + 1
    return counts


register(
    Eraser(
        key="accounts",
        order=1000,
        find=find,
        erase=erase,
        erased={
            USER: {
                "email": "replaced by erased-<id>@invalid, unique and nobody's",
                "full_name": "emptied",
                "phone": "emptied",
                "spoken_languages": "emptied",
                "preferred_language": "reset to the default language",
                "password": "made unusable",
                "last_login": "emptied",
                "is_active": "cleared: nobody can sign in",
                "is_superuser": "cleared",
            }
        },
        kept={
            USER: {
                "id": KEPT_ROW,
                "role": "what kind of account it was (resident, officer…), for the counts by "
                "role; names no one",
                "date_joined": "a date alone names no one",
            },
            "accounts.OfficerAssignment": {
                "id": KEPT_ROW,
                "officer": "the anonymised account: who covered a district stays accountable "
                "as an account number",
                "kind": "the history of which districts were covered when",
                "starts_on": "the history of which districts were covered when",
                "ends_on": "the history of which districts were covered when",
                "created_at": "a date alone names no one",
            },
        },
        deleted={
            "accounts.ApiToken": "a credential of the closed account",
            "otp_totp.TOTPDevice": "a credential of the closed account",
            "axes.AccessAttempt": "failed sign-ins with the person's address",
            "axes.AccessLog": "sign-ins with the person's address (when the log is on)",
            "axes.AccessFailureLog": "failed sign-ins with the person's address (when kept)",
        },
    )
)
