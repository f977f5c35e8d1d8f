"""The privacy app's part of a data subject's export (luotsi/privacy/portability.py): the
audit events where the person is the actor or whose object is their account or one of the
records the other sections found. Summaries only: the log holds no contents."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.privacy.models import AuditEvent, ExportRequest
from luotsi.privacy.portability import (
    Exporter,
    Found,
    Record,
    email_matches,
    exclude_model,
    register,
    values,
)
from luotsi.privacy.retention import PurgeResult
from luotsi.privacy.services import retention_record

AUDIT_FIELDS = ("id", "at", "action", "object_type", "object_id", "summary")


def audit_events(*, email: str, user: User | None, found: Found, **_: Any) -> list[Record]:
    about = Q(pk__in=[])
    for label, ids in found.items():
        if ids:
            about |= Q(object_type=label, object_id__in=sorted(ids))
    requests = ExportRequest.objects.filter(email_matches("subject_email", email))
    about |= Q(
        object_type="privacy.exportrequest",
        object_id__in=[str(pk) for pk in requests.values_list("pk", flat=True)],
    )
    if user is not None:
        about |= Q(actor=user) | Q(object_type="accounts.user", object_id=str(user.pk))
    return [
        {
            **values(event, AUDIT_FIELDS),
            # Who acted, as the person's relation to it: staff members are not named.
            "actor": "you"
            if user is not None and event.actor_id == user.pk
            else ("staff" if event.actor_id else "system"),
        }
        for event in AuditEvent.objects.filter(about).order_by("at", "pk")
    ]


@transaction.atomic
def export_requests_delete_expired(*, now: datetime.datetime, dry_run: bool = False) -> PurgeResult:
    """Export links a day past their expiry are of no use; the audit log keeps the exports."""
    due = ExportRequest.objects.filter(expires_at__lt=now - datetime.timedelta(days=1))
    result = {"deleted": due.count()}
    if dry_run or not result["deleted"]:
        return result
    due.delete()
    retention_record(object_type="privacy.exportrequest", result=result, days=None)
    return result


register(
    Exporter(
        key="audit_log",
        order=100,
        title=_("Audit log entries about you"),
        model="privacy.AuditEvent",
        find=audit_events,
        needs_found=True,
        fields={"privacy.AuditEvent": (*AUDIT_FIELDS, "actor")},
    )
)

exclude_model(
    "sessions.Session",
    "a signed, opaque sign-in state that expires within two weeks; it holds only the "
    "account's number, exported in the account section",
)
exclude_model(
    "privacy.ExportRequest",
    "the one-time links of exports, deleted a day after they expire; every export is in "
    "the audit log section",
)
