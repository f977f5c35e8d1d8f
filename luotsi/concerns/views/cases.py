"""Conflict case pages: list, edit, detail with its small forms, the stakeholder map and the
one-page summary (HTML to print, and a PDF)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.models import Role
from luotsi.concerns import case_selectors, cases
from luotsi.concerns.case_forms import (
    CaseFilterForm,
    CaseForm,
    MeetingLinkForm,
    MessageLinkForm,
    StakeholderEditForm,
    StakeholderForm,
    StepForm,
)
from luotsi.concerns.models import ConflictCase
from luotsi.concerns.permissions import (
    access_case,
    access_managed_case,
    can_handle,
    cases_managed_by,
    messages_visible_to,
)

PAGE_SIZE = 50
SUMMARY_STEPS = 6  # what fits on one printed page next to the map


def case_view(*, read_only: bool) -> Callable[[Callable[..., HttpResponse]], Any]:
    """Officers and the coordinator; city officials too where `read_only` (others: 403;
    anonymous: sign in). Cases the user may not see are 404 inside the view."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            official = read_only and getattr(user, "role", None) == Role.OFFICIAL
            if not (can_handle(user) or (official and user.is_active)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _to_detail(case: ConflictCase, anchor: str) -> HttpResponse:
    return redirect(reverse("concerns:case-detail", args=[case.pk]) + f"#{anchor}")


def _one_of(queryset: QuerySet[Any], pk: Any) -> Any:
    """One of the case's own stakeholders, messages or meetings, or 404."""
    try:
        return queryset.get(pk=int(pk))
    except (ValueError, TypeError, queryset.model.DoesNotExist) as exc:
        raise Http404 from exc


@case_view(read_only=True)
@require_safe
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    found = case_selectors.cases_for_list(
        request.user, status=filters.get("status") or "", district=filters.get("district")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "concerns/cases/list.html",
        {
            "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
            "form": form,
            "query": query.urlencode(),
            "may_create": can_handle(request.user),
        },
    )


@case_view(read_only=False)
@require_http_methods(["GET", "POST"])
def case_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    case = access_managed_case(request.user, pk) if pk else ConflictCase()
    form = CaseForm(request.POST or None, instance=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        lat, lon = form.point or (None, None)
        try:
            case = cases.case_save(
                case=form.save(commit=False),
                by=request.user,
                district=form.chosen_district(),
                sub_districts=form.cleaned_data["sub_districts"],
                lat=lat,
                lon=lon,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The case has been saved."))
            return redirect("concerns:case-detail", pk=case.pk)
    return render(
        request,
        "concerns/cases/form.html",
        {"form": form, "case": case if pk else None},
        status=400 if request.method == "POST" else 200,
    )


def _detail(request: AuthenticatedHttpRequest, case: ConflictCase, **forms: Form) -> HttpResponse:
    """The case page; a form that failed is shown again with its errors (status 400)."""
    user = request.user
    may_manage = cases_managed_by(user).filter(pk=case.pk).exists()
    context: dict[str, Any] = {
        "case": case,
        "summary": case_selectors.case_summary(user, case),
        "may_manage": may_manage,
        "party": request.GET.get("party", "").strip()[:100],
    }
    if may_manage:
        context |= {
            "stakeholder_form": StakeholderForm(user=user, case=case, party=context["party"]),
            "step_form": StepForm(),
            "message_form": MessageLinkForm(),
            "meeting_form": MeetingLinkForm(user=user, case=case),
            **forms,
        }
    return render(request, "concerns/cases/detail.html", context, status=400 if forms else 200)


@case_view(read_only=True)
@require_safe
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access_case(request.user, pk))


@case_view(read_only=False)
@require_POST
def stakeholder_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_managed_case(request.user, pk)
    form = StakeholderForm(request.POST, user=request.user, case=case)
    if form.is_valid():
        try:
            cases.stakeholder_add(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The stakeholder has been added."))
            return _to_detail(case, "stakeholders-heading")
    return _detail(request, case, stakeholder_form=form)


@case_view(read_only=False)
@require_http_methods(["GET", "POST"])
def stakeholder_edit(
    request: AuthenticatedHttpRequest, pk: int, stakeholder_pk: int
) -> HttpResponse:
    case = access_managed_case(request.user, pk)
    stakeholder = _one_of(case.stakeholders.all(), stakeholder_pk)
    form = StakeholderEditForm(
        request.POST or None, initial=StakeholderEditForm.initial_for(stakeholder)
    )
    if request.method == "POST" and form.is_valid():
        try:
            cases.stakeholder_update(stakeholder=stakeholder, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The stakeholder has been updated."))
            return _to_detail(case, "stakeholders-heading")
    party = next(
        p for p in case_selectors.parties_of(request.user, case) if p.stakeholder == stakeholder
    )
    return render(
        request,
        "concerns/cases/stakeholder_form.html",
        {"case": case, "party": party, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@case_view(read_only=False)
@require_POST
def stakeholder_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_managed_case(request.user, pk)
    stakeholder = _one_of(case.stakeholders.all(), request.POST.get("stakeholder"))
    cases.stakeholder_remove(stakeholder=stakeholder, by=request.user)
    messages.success(request, _("The stakeholder has been removed."))
    return _to_detail(case, "stakeholders-heading")


@case_view(read_only=False)
@require_POST
def step_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_managed_case(request.user, pk)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            cases.case_step_add(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The step has been added to the timeline."))
            return _to_detail(case, "timeline-heading")
    return _detail(request, case, step_form=form)


@case_view(read_only=False)
@require_POST
def message_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_managed_case(request.user, pk)
    form = MessageLinkForm(request.POST)
    if form.is_valid():
        reference = form.cleaned_data["reference"].strip()
        message = messages_visible_to(request.user).filter(reference=reference).first()
        if message is None:
            form.add_error("reference", _("You have no message with this reference."))
        else:
            cases.case_link_message(case=case, by=request.user, message=message)
            messages.success(request, _("The message has been linked to the case."))
            return _to_detail(case, "messages-heading")
    return _detail(request, case, message_form=form)


@case_view(read_only=False)
@require_POST
def message_unlink(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_managed_case(request.user, pk)
    message = _one_of(case.messages.all(), request.POST.get("message"))
    cases.case_unlink_message(case=case, by=request.user, message=message)
    messages.success(request, _("The message is no longer linked to the case."))
    return _to_detail(case, "messages-heading")


@case_view(read_only=False)
@require_POST
def meeting_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_managed_case(request.user, pk)
    form = MeetingLinkForm(request.POST, user=request.user, case=case)
    if form.is_valid():
        try:
            cases.case_link_meeting(case=case, by=request.user, event=form.cleaned_data["event"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The meeting has been linked to the case."))
            return _to_detail(case, "meetings-heading")
    return _detail(request, case, meeting_form=form)


@case_view(read_only=False)
@require_POST
def meeting_unlink(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_managed_case(request.user, pk)
    event = _one_of(case.meetings.all(), request.POST.get("event"))
    cases.case_unlink_meeting(case=case, by=request.user, event=event)
    messages.success(request, _("The meeting is no longer linked to the case."))
    return _to_detail(case, "meetings-heading")


@case_view(read_only=True)
@require_safe
def case_map(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    return render(
        request,
        "concerns/cases/map.html",
        {"case": case, "map": case_selectors.stakeholder_map(request.user, case)},
    )


@case_view(read_only=True)
@require_safe
def case_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = access_case(request.user, pk)
    summary = case_selectors.case_summary(request.user, case, steps=SUMMARY_STEPS)
    return render(request, "concerns/cases/summary.html", {"case": case, "summary": summary})


@case_view(read_only=True)
@require_safe
def case_summary_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The summary as a PDF to hand on (WeasyPrint, rendered on the server)."""
    case = access_case(request.user, pk)
    try:
        from weasyprint import HTML  # imports Pango: only when a PDF is asked for
    except OSError:  # pragma: no cover - the system library is missing
        return HttpResponse(
            _("PDF export needs the Pango library on the server."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    summary = case_selectors.case_summary(request.user, case, steps=SUMMARY_STEPS)
    html = render_to_string(
        "concerns/cases/summary_pdf.html", {"case": case, "summary": summary}, request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="case-{case.pk}.pdf"'
    return response
