"""The privacy app's own personal data: the audit log, sign-in sessions and export links."""

import datetime

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from luotsi.privacy.personal_data import export_requests_delete_expired
from luotsi.privacy.retention import Declaration, LawfulBasis, PurgeResult, register
from luotsi.privacy.services import retention_record


@transaction.atomic
def sessions_delete_expired(*, now: datetime.datetime, dry_run: bool = False) -> PurgeResult:
    """Delete sign-in sessions past their expiry (what `clearsessions` does), so that nobody
    has to remember to run it too."""
    due = Session.objects.filter(expire_date__lt=now)
    result = {"deleted": due.count()}
    if dry_run or not result["deleted"]:
        return result
    due.delete()
    retention_record(object_type="sessions.session", result=result, days=None)
    return result


register(
    Declaration(
        key="audit_log",
        order=80,
        title=_("Audit log"),
        models=("privacy.AuditEvent",),
        purpose=_(
            "Accountability: showing who read or changed personal data and when, so misuse "
            "can be detected and data subjects' questions answered."
        ),
        lawful_bases=(LawfulBasis.LEGAL_OBLIGATION, LawfulBasis.PUBLIC_TASK),
        data_subjects=_("City staff using Luotsi (the actors); the data subjects concerned."),
        data_categories=_(
            "The acting user, the time, the action and a reference to the record; no contents."
        ),
        recipients=_("The coordinator and the city's data protection officer."),
        retention_note=_(
            "Append-only: the database refuses changes and deletions, so the log cannot be "
            "rewritten. It is archived and removed under the city's archive plan."
        ),
        at_expiry=_("Archived under the city's archive plan."),
    )
)

register(
    Declaration(
        key="sessions",
        order=90,
        title=_("Sign-in sessions"),
        models=("sessions.Session",),
        purpose=_("Keeping a signed-in user signed in."),
        lawful_bases=(LawfulBasis.PUBLIC_TASK,),
        data_subjects=_("People who sign in."),
        data_categories=_("A session identifier and the signed-in user."),
        recipients=_("No one."),
        retention_note=_("Until the session expires (two weeks without signing in again)."),
        at_expiry=_("Deleted."),
        purge=sessions_delete_expired,
    )
)


register(
    Declaration(
        key="export_requests",
        order=85,
        title=_("Personal data export links"),
        models=("privacy.ExportRequest",),
        purpose=_(
            "Giving people, and the coordinator on their behalf, a copy of the personal data "
            "Luotsi holds about them (GDPR articles 15 and 20) through a one-time link."
        ),
        lawful_bases=(LawfulBasis.LEGAL_OBLIGATION,),
        data_subjects=_("People whose data is exported; the person who asked for it."),
        data_categories=_(
            "The person's e-mail address, who asked, and when the link was made and used."
        ),
        recipients=_("No one."),
        retention_note=_("A day after the link expires (it works for 15 minutes)."),
        at_expiry=_("Deleted; the audit log keeps that the data was exported."),
        purge=export_requests_delete_expired,
    )
)
