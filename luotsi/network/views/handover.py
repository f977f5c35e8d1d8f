"""Handover: the dossier of an outgoing officer's districts, and moving their open work."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.models import AssignmentKind, OfficerAssignment
from luotsi.network import permissions, selectors, services
from luotsi.network.forms import HandoverForm
from luotsi.network.views.common import network_view


def _assignments_for(request: AuthenticatedHttpRequest):  # type: ignore[no-untyped-def]
    """The coordinator sees every district assignment; an officer those covering an area
    they serve now (their predecessors') and their own."""
    assignments = OfficerAssignment.objects.filter(kind=AssignmentKind.DISTRICT).select_related(
        "officer"
    )
    if permissions.sees_everything(request.user):
        return assignments
    mine = permissions.officer_districts(request.user).values("major_district")
    return assignments.filter(Q(major_districts__in=mine) | Q(officer=request.user)).distinct()


def _conflict_cases(request: AuthenticatedHttpRequest, assignment: OfficerAssignment) -> list[Any]:
    # Imported here: the concerns app depends on the network, not the other way round.
    from luotsi.concerns.case_selectors import cases_for_handover

    return cases_for_handover(request.user, assignment)


def _pb_workspaces(request: AuthenticatedHttpRequest, assignment: OfficerAssignment) -> list[Any]:
    # Imported here for the same reason: participatory budgeting depends on the network.
    from luotsi.budgeting.selectors_coproduction import workspaces_for_handover

    return workspaces_for_handover(request.user, assignment)


@network_view
@require_safe
def handover_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    assignments = (
        _assignments_for(request).prefetch_related("major_districts").order_by("-starts_on")
    )
    return render(request, "network/handover_list.html", {"assignments": assignments})


@network_view
@require_safe
def handover_dossier_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The dossier as a PDF to keep or print (WeasyPrint, rendered on the server)."""
    assignment = _assignments_for(request).filter(pk=pk).first()
    if assignment is None:
        raise Http404
    try:
        from weasyprint import HTML  # imports Pango: only when a PDF is asked for
    except OSError:  # pragma: no cover - the system library is missing
        return HttpResponse(
            _("PDF export needs the Pango library on the server."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    html = render_to_string(
        "network/handover_pdf.html",
        {
            "dossier": selectors.handover_dossier(request.user, assignment),
            "conflict_cases": _conflict_cases(request, assignment),
            "pb_workspaces": _pb_workspaces(request, assignment),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="handover-{assignment.pk}.pdf"'
    return response


@network_view
@require_http_methods(["GET", "POST"])
def handover_dossier(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = _assignments_for(request).filter(pk=pk).first()
    if assignment is None:
        raise Http404
    form = HandoverForm(request.POST or None)
    if request.method == "POST":
        if not permissions.sees_everything(request.user) and request.user != assignment.officer:
            raise PermissionDenied
        if form.is_valid():
            try:
                moved = services.handover_reassign(
                    outgoing=assignment.officer,
                    successor=form.cleaned_data["successor"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d open commitment was handed over.",
                        "%(count)d open commitments were handed over.",
                        moved,
                    )
                    % {"count": moved},
                )
                return redirect("network:handover", pk=pk)
    return render(
        request,
        "network/handover_dossier.html",
        {
            "dossier": selectors.handover_dossier(request.user, assignment),
            "conflict_cases": _conflict_cases(request, assignment),
            "pb_workspaces": _pb_workspaces(request, assignment),
            "form": form,
            "may_reassign": permissions.sees_everything(request.user)
            or request.user == assignment.officer,
        },
        status=400 if request.method == "POST" else 200,
    )
