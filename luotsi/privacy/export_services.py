"""One-time links to a data subject's export (GDPR art. 15 and 20).

Lessons from other platforms: a link must not be reusable (Decidim's download links were),
and it must never serve someone else's data. So the token is random (256 bits), stored only
as its SHA-256 (looked up by that hash, so comparing it takes no secret-dependent time), works
once, for 15 minutes, only for the person who asked and only in the session they asked from;
and the data is gathered at download time for the subject the row names.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from luotsi.accounts.models import User
from luotsi.privacy.erasure import subject_reference
from luotsi.privacy.export_permissions import can_export_for_others
from luotsi.privacy.models import AuditAction, ExportRequest
from luotsi.privacy.portability import Subject, build_export, collect
from luotsi.privacy.selectors import controller_name
from luotsi.privacy.services import audit_record

LINK_LIFETIME = datetime.timedelta(minutes=15)


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class ExportGone(Exception):
    """The link is the caller's own, but it has expired or been used already."""

    def __init__(self, export_request: ExportRequest) -> None:
        super().__init__("export link expired or used")
        self.export_request = export_request


@dataclass(frozen=True)
class PreparedExport:
    request: ExportRequest
    token: str  # shown once, to the person who asked; only its hash is stored


@transaction.atomic
def export_request_create(
    *,
    subject: Subject,
    by: User,
    session_key: str,
    now: datetime.datetime | None = None,
) -> PreparedExport:
    """A new one-time link to `subject`'s data for `by`, in the session `session_key`.

    People may export their own data; the coordinator anybody's (PermissionDenied else).
    """
    own = subject.user is not None and subject.user.pk == by.pk
    if not own and not can_export_for_others(by):
        raise PermissionDenied
    if not session_key:
        raise ValueError("an export link needs a session")
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    request = ExportRequest.objects.create(
        subject_user=subject.user,
        subject_email=subject.email,
        requested_by=by,
        token_hash=sha256(token),
        session_hash=sha256(session_key),
        created_at=now,
        expires_at=now + LINK_LIFETIME,
    )
    return PreparedExport(request=request, token=token)


def _owned(request: ExportRequest, *, by: User | AnonymousUser, session_key: str | None) -> bool:
    return (
        by.is_authenticated
        and request.requested_by_id == by.pk
        and bool(session_key)
        and secrets.compare_digest(request.session_hash, sha256(session_key or ""))
    )


def export_request_pending(
    *, pk: int, by: User, session_key: str | None, now: datetime.datetime | None = None
) -> ExportRequest | None:
    """The caller's own link `pk`, while it can still be used; None otherwise."""
    request = ExportRequest.objects.filter(pk=pk).first()
    now = now or timezone.now()
    if request is None or not _owned(request, by=by, session_key=session_key):
        return None
    return request if request.used_at is None and request.expires_at > now else None


@transaction.atomic
def export_download(
    *,
    token: str,
    by: User | AnonymousUser,
    session_key: str | None,
    now: datetime.datetime | None = None,
) -> tuple[ExportRequest, dict[str, Any]]:
    """Use the link `token` once: mark it used and return the export, with an audit event.

    Http404 unless the token is known, `by` asked for it and `session_key` is the session
    they asked from (so nobody learns whether a token exists); ExportGone when it is the
    caller's own but expired or used. The row is locked (and the update is conditional) so
    two simultaneous downloads cannot both succeed.
    """
    now = now or timezone.now()
    request = ExportRequest.objects.select_for_update().filter(token_hash=sha256(token)).first()
    if request is None or not _owned(request, by=by, session_key=session_key):
        raise Http404
    if request.used_at is not None or request.expires_at <= now:
        raise ExportGone(request)
    if not ExportRequest.objects.filter(pk=request.pk, used_at__isnull=True).update(used_at=now):
        raise ExportGone(request)
    request.used_at = now
    subject = Subject(email=request.subject_email, user=request.subject_user)
    data = build_export(subject=subject, controller=controller_name(), now=now)
    records = sum(len(section["records"]) for section in data["sections"])
    actor = by if isinstance(by, User) else None
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=request.subject_user,
        object_type="privacy.exportrequest",
        object_id=str(request.pk),
        # Ids and counts only: the audit log holds no names or addresses (the subject is
        # the object: their account, or else the link, deleted if the person is erased).
        summary=f"personal data export ({records} records, link {request.pk})",
    )
    return request, data


def export_preview_counts(*, subject: Subject, by: User) -> list[tuple[str, str, int]]:
    """(key, title, number of records) per section, for the coordinator's page; audited as
    a view of the person's data."""
    if not can_export_for_others(by):
        raise PermissionDenied
    sections = collect(subject)
    total = sum(len(s.records) for s in sections)
    audit_record(
        actor=by,
        action=AuditAction.VIEW,
        obj=subject.user,
        object_type="privacy.datasubject",
        object_id=subject_reference(subject),
        summary=f"counted the personal data ({total} records)",
    )
    return [(s.key, s.title, len(s.records)) for s in sections]
