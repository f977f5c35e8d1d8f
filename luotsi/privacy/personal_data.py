"""The privacy app's part of a data subject's export (luotsi/privacy/portability.py): the
audit events where the person is the actor or whose object is their account or one of the
records the other sections found. Summaries only: the log holds no contents.

And its part of erasing a person (luotsi/privacy/erasure.py): their sessions and export
links are deleted, the Django admin's history forgets their records' names; the audit log
stays as it is (append-only, and it holds no personal data)."""

import datetime
import json
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.privacy import erasure
from luotsi.privacy.models import AuditEvent, ExportRequest
from luotsi.privacy.portability import (
    Exporter,
    Found,
    Record,
    email_matches,
    exclude_model,
    normalised,
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


# --- erasure (luotsi/privacy/erasure.py) --------------------------------------------------


def _session_keys(*, email: str, user: User | None) -> set[str]:
    """Sessions signed in as the account, or holding the address (a message shown after a
    form, say). Decoded one by one: the data is signed, not queryable."""
    needle = normalised(email).lower()
    found: set[str] = set()
    if not needle and user is None:
        return found
    for session in Session.objects.iterator():
        data = session.get_decoded()
        own = user is not None and str(data.get(AUTH_SESSION_KEY)) == str(user.pk)
        if own or (needle and needle in json.dumps(data, default=str).lower()):
            found.add(session.session_key)
    return found


def erasure_find(*, email: str, user: User | None, **_: Any) -> erasure.Found:
    mine = email_matches("subject_email", email)
    if user is not None:
        mine |= Q(subject_user=user)
    return {
        "sessions.session": _session_keys(email=email, user=user),
        "privacy.exportrequest": set(
            ExportRequest.objects.filter(mine).values_list("pk", flat=True)
        ),
    }


def _admin_log_erase(found: erasure.Found) -> int:
    """The Django admin's history names the objects it changed (their `str`): the entries
    about the person's records lose that name. Which fields changed is not personal."""
    changed = 0
    for label, ids in found.items():
        content_type = ContentType.objects.get_for_model(apps.get_model(label))
        changed += (
            LogEntry.objects.filter(content_type=content_type, object_id__in=[str(i) for i in ids])
            .exclude(object_repr=erasure.ERASED, change_message="")
            .update(object_repr=erasure.ERASED, change_message="")
        )
    return changed


def erasure_erase(*, found: erasure.Found, **_: Any) -> erasure.Counts:
    sessions = erasure.pks(found, "sessions.session")
    requests = erasure.pks(found, "privacy.exportrequest")
    Session.objects.filter(session_key__in=sessions).delete()
    ExportRequest.objects.filter(pk__in=requests).delete()
    return {
        "sessions.session": len(sessions),
        "privacy.exportrequest": len(requests),
        "admin.logentry": _admin_log_erase(found),
    }


APPEND_ONLY = (
    "the audit log is append-only (the database refuses changes) and holds only ids and "
    "counts, never names or addresses"
)

erasure.register(
    erasure.Eraser(
        key="privacy",
        order=90,
        find=erasure_find,
        erase=erasure_erase,
        erased={
            "admin.LogEntry": {
                "object_repr": "replaced by a dash: it was the record's name",
                "change_message": "emptied: it may name related records added inline",
            }
        },
        kept={"privacy.AuditEvent": dict.fromkeys((*AUDIT_FIELDS, "actor"), APPEND_ONLY)},
        deleted={
            "sessions.Session": "the person's sign-ins end with their account",
            "privacy.ExportRequest": "links to the person's export; every export stays in "
            "the audit log, by id",
        },
    )
)
