"""A data subject's export (GDPR art. 15 and 20): prepare a one-time link, show it, download.
The rules are in export_services.py; these views only carry them over HTTP."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.privacy import export_services
from luotsi.privacy.erasure_permissions import can_erase_own
from luotsi.privacy.export_forms import SubjectForm
from luotsi.privacy.export_permissions import can_export_for_others
from luotsi.privacy.portability import Subject, exporters
from luotsi.web.decorators import signed_in_as

# The session remembers the link just made, so that the page showing it survives a reload.
SESSION_KEY = "privacy_export_link"


def _session_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def _prepare(request: AuthenticatedHttpRequest, subject: Subject) -> HttpResponse:
    prepared = export_services.export_request_create(
        subject=subject, by=request.user, session_key=_session_key(request)
    )
    request.session[SESSION_KEY] = {"id": prepared.request.pk, "token": prepared.token}
    return redirect("privacy:export-ready")


@login_required
@require_http_methods(["GET", "POST"])
def export_own(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What is exported, and the button that prepares the signed-in person's own link."""
    if request.method == "POST":
        return _prepare(request, Subject.of_user(request.user))
    titles = [str(e.title) for e in exporters()]
    context = {
        "titles": titles,
        "email": request.user.email,
        "can_erase_own": can_erase_own(request.user),
    }
    return render(request, "privacy/export.html", context)


@login_required
@require_safe
def export_ready(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The link just prepared, while it can be used; otherwise back to the start."""
    remembered = request.session.get(SESSION_KEY) or {}
    pending = None
    if isinstance(remembered, dict) and isinstance(remembered.get("id"), int):
        pending = export_services.export_request_pending(
            pk=remembered["id"], by=request.user, session_key=request.session.session_key
        )
    if pending is None:
        request.session.pop(SESSION_KEY, None)
        return redirect("privacy:export")
    response = render(
        request,
        "privacy/export_ready.html",
        {
            "export": pending,
            "token": remembered["token"],
            "own": pending.subject_user == request.user,
        },
    )
    add_never_cache_headers(response)
    return response


@require_safe
def export_download(request: HttpRequest, token: str) -> HttpResponse:
    """The JSON file, once. 404 for anything but the asker's own link in their own session;
    410 with an explanation when it is theirs but expired or used."""
    try:
        export_request, data = export_services.export_download(
            token=token, by=request.user, session_key=request.session.session_key
        )
    except export_services.ExportGone as gone:
        response = render(
            request, "privacy/export_gone.html", {"export": gone.export_request}, status=410
        )
        add_never_cache_headers(response)
        return response
    request.session.pop(SESSION_KEY, None)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localtime(export_request.used_at).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="luotsi-personal-data-{stamp}.json"'
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
    return response


@signed_in_as(can_export_for_others)
@require_http_methods(["GET", "POST"])
def subject(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator's page: find a person by e-mail address, see what would be exported,
    prepare the link (for the coordinator's own session)."""
    if request.method == "POST":
        form = SubjectForm(request.POST)
        if form.is_valid():
            return _prepare(request, Subject.by_email(form.cleaned_data["email"]))
        return render(request, "privacy/subject.html", {"form": form}, status=400)
    form = SubjectForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        found = Subject.by_email(form.cleaned_data["email"])
        context["subject"] = found
        context["counts"] = export_services.export_preview_counts(subject=found, by=request.user)
    return render(request, "privacy/subject.html", context)
