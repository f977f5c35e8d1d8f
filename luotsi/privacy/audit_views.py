"""The coordinator's audit log search, and the same rows as CSV (each search page and each
export is itself written to the log). Other people get 403; anonymous visitors sign in."""

import csv
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.privacy import audit_selectors as selectors
from luotsi.privacy.audit_forms import AuditSearchForm
from luotsi.privacy.audit_permissions import can_search_audit_log
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record
from luotsi.web.decorators import signed_in_as
from luotsi.web.spreadsheets import safe_cell

PAGE_SIZE = 50

coordinator_view = signed_in_as(can_search_audit_log)


def _search_page(
    request: AuthenticatedHttpRequest, form: AuditSearchForm, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "object_types": selectors.known_object_types(),
        "page": None,
        "query": "",
    }
    if status == 200:
        filters = form.to_filter()
        # Reading the log is itself logged (it names staff and the records they touched):
        # which filters were used, never their values, as for the CSV export. The page shows
        # the log as it was before this reading.
        used = ", ".join(filters.used()) or "none"
        recorded = audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            object_type="privacy.auditevent",
            object_id="*",
            summary=f"search; filters: {used}",
        )
        events = selectors.audit_events(filters).filter(pk__lt=recorded.pk)
        context["page"] = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
    return render(request, "privacy/audit_search.html", context, status=status)


@coordinator_view
@require_safe
def audit_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A bad filter (an impossible date, say) answers 400 with the form and its errors and no
    rows: a list that silently ignored the filter would look like an answer."""
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _search_page(request, form, status=400)
    return _search_page(request, form)


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer's output."""

    def write(self, value: str) -> str:
        return value


@coordinator_view
@require_safe
def audit_export(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The filtered rows as CSV, streamed (the log can be long). The export is recorded
    first, with the number of rows and which filters were used, never their values (a
    search for someone's name would otherwise put it in the log)."""
    form = AuditSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _search_page(request, form, status=400)
    filters = form.to_filter()
    events = selectors.audit_events(filters)
    count = events.count()
    used = ", ".join(filters.used()) or "none"
    recorded = audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="privacy.auditevent",
        object_id="*",
        summary=f"{count} audit events as csv; filters: {used}",
    )
    # Rows written after this export began (its own event included) are not part of it.
    events = events.filter(pk__lt=recorded.pk)
    header = [
        _("Time"),
        _("Actor e-mail"),
        _("Actor name"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Summary"),
    ]

    def lines() -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield writer.writerow(header)
        for row in selectors.export_rows(events):
            yield writer.writerow([safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
