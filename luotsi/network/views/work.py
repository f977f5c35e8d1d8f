"""The officer's daily work: home, search, interactions, commitments, notes, timelines."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.areas.models import District
from luotsi.network import permissions, selectors, services
from luotsi.network.forms import InteractionForm, NoteForm
from luotsi.network.models import CommitmentStatus, KnowledgeNote
from luotsi.network.views.common import network_view, paginate


def _safe_next(request: AuthenticatedHttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@network_view
@require_safe
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "network/home.html",
        {
            "commitments": selectors.my_open_commitments(user),
            "today": timezone.localdate(),
            "recent": permissions.interactions_visible_to(user)
            .select_related("district", "officer")
            .prefetch_related("contacts", "organisations")[:15],
            "notes": permissions.notes_visible_to(user).select_related("district")[:10],
            "districts": permissions.districts_for_recording(user).order_by("code"),
        },
    )


@network_view
@require_safe
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    hits = selectors.search(request.user, query)
    template = "network/_search_results.html" if request.htmx else "network/search.html"  # type: ignore[attr-defined]
    return render(request, template, {"q": query.strip()[:100], "hits": hits})


@network_view
@require_http_methods(["GET", "POST"])
def interaction_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InteractionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interaction_log(
                by=request.user,
                occurred_on=data["occurred_on"],
                channel=data["channel"],
                summary=data["summary"],
                district=data["district"],
                contacts=data["contacts"],
                organisations=data["organisations"],
                topics=data["topics"],
                commitment=data["commitment"],
                commitment_due_on=data["commitment_due_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The interaction has been recorded."))
            return redirect(_safe_next(request, "network:home"))
    return render(
        request,
        "network/interaction_form.html",
        {"form": form, "next": _safe_next(request, "")},
        status=400 if request.method == "POST" else 200,
    )


@network_view
@require_safe
def commitment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    commitments = (
        permissions.commitments_visible_to(request.user)
        .filter(status=CommitmentStatus.OPEN)
        .select_related("owner", "contact", "organisation", "district")
    )
    return render(
        request,
        "network/commitment_list.html",
        {"page": paginate(request, commitments), "today": timezone.localdate()},
    )


@network_view
@require_POST
def commitment_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment = permissions.access_commitment(request.user, pk)
    try:
        services.commitment_close(
            commitment=commitment, by=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The commitment has been closed."))
    return redirect(_safe_next(request, "network:commitments"))


@network_view
@require_safe
def note_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    notes = permissions.notes_visible_to(request.user).select_related("district", "created_by")
    return render(request, "network/note_list.html", {"page": paginate(request, notes)})


@network_view
@require_http_methods(["GET", "POST"])
def note_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    note = permissions.access_note(request.user, pk) if pk else KnowledgeNote()
    form = NoteForm(request.POST or None, instance=note, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_save(note=form.save(commit=False), by=request.user)
            form.save_m2m()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The note has been saved."))
            return redirect("network:note", pk=note.pk)
    return render(
        request,
        "network/note_form.html",
        {"form": form, "note": note if pk else None},
        status=400 if request.method == "POST" else 200,
    )


@network_view
@require_safe
def note_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    note = permissions.access_note(request.user, pk)
    return render(request, "network/note_detail.html", {"note": note})


@network_view
@require_safe
def district_timeline(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    district = District.objects.filter(code=code).select_related("major_district").first()
    if district is None:
        raise Http404
    return render(
        request,
        "network/district_timeline.html",
        {
            "district": district,
            "page": paginate(request, selectors.timeline_for_district(request.user, district)),
            "notes": permissions.notes_visible_to(request.user).filter(district=district)[:10],
        },
    )
