"""Declared retention of accounts (no automatic purge: people leave through the admin), of
two-factor devices (they go with the account) and of failed sign-in attempts (kept only as
long as the lockout they count towards)."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from luotsi.privacy.retention import Declaration, LawfulBasis, PurgeResult, register
from luotsi.privacy.services import retention_record


@transaction.atomic
def sign_in_attempts_delete_expired(
    *, now: datetime.datetime, dry_run: bool = False
) -> PurgeResult:
    """Failed attempts older than the lockout period no longer lock anybody out; django-axes
    removes a person's own old attempts when they next try, this removes everyone's."""
    due = AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME)
    result = {"deleted": due.count()}
    if dry_run or not result["deleted"]:
        return result
    due.delete()
    retention_record(object_type="axes.accessattempt", result=result, days=None)
    return result


register(
    Declaration(
        key="accounts",
        order=70,
        title=_("User accounts and officers' public profiles"),
        models=(
            "accounts.User",
            "accounts.ApiToken",
            "accounts.OfficerAssignment",
            "officehours.OfficerProfile",
        ),
        purpose=_(
            "Signing in; showing residents who their liaison officer is and how to reach them; "
            "knowing who covered which district when, for handovers."
        ),
        lawful_bases=(LawfulBasis.PUBLIC_TASK, LawfulBasis.CONTRACT),
        data_subjects=_("City staff using Luotsi, and residents who created an account."),
        data_categories=_(
            "Name, e-mail address, phone number, languages, role, assignments, an officer's "
            "public introduction."
        ),
        recipients=_(
            "Officers' names, introductions and work contact details are public; other "
            "account details only the coordinator and the system administrators see."
        ),
        retention_note=_(
            "Kept while the person uses Luotsi; a leaving officer's account is deactivated, "
            "and kept so the history of who did what stays accountable. A resident's account "
            "is erased on request."
        ),
        at_expiry=_("Deactivated; removed by the administrators on request."),
    )
)

register(
    Declaration(
        key="sign_in_attempts",
        order=71,
        title=_("Failed sign-in attempts and two-factor devices"),
        models=("axes.AccessAttempt", "otp_totp.TOTPDevice"),
        purpose=_(
            "Protecting accounts: locking out repeated wrong passwords or codes, and the "
            "second sign-in step of staff who turned it on."
        ),
        lawful_bases=(LawfulBasis.LEGAL_OBLIGATION, LawfulBasis.PUBLIC_TASK),
        data_subjects=_("People who tried to sign in; staff using two-factor sign-in."),
        data_categories=_(
            "The e-mail address typed, the network address and browser of failed attempts, "
            "their times; the secret key of a two-factor device."
        ),
        recipients=_("No one; the coordinator can remove a lost two-factor device."),
        retention_note=_(
            "Failed attempts are deleted once the lockout they count towards has ended "
            "(LOGIN_LOCKOUT_MINUTES); a two-factor device is kept until it is turned off or "
            "the account is removed."
        ),
        at_expiry=_("Deleted."),
        purge=sign_in_attempts_delete_expired,
    )
)
