"""Residents' proposals: the public list and page, proposing, one's own proposals, and the
officers' moderation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.budgeting import selectors_proposals as selectors
from luotsi.budgeting.form_errors import add_service_errors
from luotsi.budgeting.forms_proposals import (
    ModerationForm,
    ProposalFilterForm,
    ProposalForm,
)
from luotsi.budgeting.models import Cycle, ProposalStatus
from luotsi.budgeting.permissions import can_work_on_pb
from luotsi.budgeting.permissions.proposals import (
    access_cycle,
    access_moderated_proposal,
    access_proposal,
    may_moderate,
)
from luotsi.budgeting.services import proposals as services
from luotsi.web.decorators import signed_in_as

PAGE_SIZE = 30


@require_safe
def proposal_list(request: HttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    majors = selectors.major_districts(found)
    form = ProposalFilterForm(request.GET or None, majors=majors)
    area, topic = "", None
    if form.is_bound and form.is_valid():
        area, topic = form.cleaned_data["area"], form.cleaned_data["topic"]
    proposals = selectors.public_proposals(found, major_district=area, topic=topic)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "budgeting/proposals/proposal_list.html",
        {
            "cycle": found,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "proposals_open": found.proposals_open_at(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _closed_message(cycle: Cycle) -> str:
    return _(
        "Proposals cannot be made now: this cycle takes proposals from %(start)s to %(end)s."
    ) % {
        "start": cycle.proposals_start.strftime("%d.%m.%Y"),
        "end": cycle.proposals_end.strftime("%d.%m.%Y"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    if not found.proposals_open_at():
        return render(
            request,
            "budgeting/proposals/proposal_form.html",
            {"cycle": found, "form": None, "closed": _closed_message(found)},
            status=400 if request.method == "POST" else 200,
        )
    form = ProposalForm(
        request.POST or None, request.FILES or None, majors=selectors.major_districts(found)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lat, lon = form.point or (None, None)
        try:
            proposal = services.proposal_submit(
                cycle=found,
                by=request.user,
                title=data["title"],
                description=data["description"],
                language=data["language"],
                lat=lat,
                lon=lon,
                major_district=form.major_district,
                citywide=data["area"] == "city",
                topics=data["topics"],
                image=data["image"],
                image_alt=data["image_alt"],
                author_display_name=data["author_display_name"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your proposal has been sent. It is published once an officer "
                    "has read it."
                ),
            )
            return redirect("budgeting:proposal", cycle=found.slug, pk=proposal.pk)
    return render(
        request,
        "budgeting/proposals/proposal_form.html",
        {"cycle": found, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_safe
def my_proposals(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    return render(
        request,
        "budgeting/proposals/my_proposals.html",
        {
            "cycle": found,
            "proposals": selectors.my_proposals(request.user, found),
            "proposals_open": found.proposals_open_at(),
        },
    )


def _detail(
    request: HttpRequest,
    cycle: Cycle,
    pk: int,
    form: ModerationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    proposal = access_proposal(request.user, cycle, pk)
    moderator = may_moderate(request.user, proposal)
    can_moderate = moderator and proposal.status in (
        ProposalStatus.SUBMITTED,
        ProposalStatus.PUBLISHED,
        ProposalStatus.REJECTED,
    )
    return render(
        request,
        "budgeting/proposals/proposal_detail.html",
        {
            "cycle": cycle,
            "proposal": proposal,
            "topics": proposal.topics.all(),
            "is_author": request.user.is_authenticated and proposal.author_id == request.user.pk,
            "is_moderator": moderator,
            "moderation_form": (form or ModerationForm()) if can_moderate else None,
            "plan_visible": proposal.plan is not None and proposal.plan.cycle.published,
        },
        status=status,
    )


@require_safe
def proposal_detail(request: HttpRequest, cycle: str, pk: int) -> HttpResponse:
    return _detail(request, access_cycle(request.user, cycle), pk)


@require_safe
def proposal_image(request: HttpRequest, cycle: str, pk: int) -> FileResponse:
    """Served only to those who may see the proposal (an unpublished one's image is not
    public)."""
    proposal = access_proposal(request.user, access_cycle(request.user, cycle), pk)
    if not proposal.image:
        raise Http404
    response = FileResponse(proposal.image.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response


@signed_in_as(can_work_on_pb)
@require_POST
def proposal_moderate(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    found = access_cycle(request.user, cycle)
    proposal = access_moderated_proposal(request.user, found, pk)
    form = ModerationForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == "publish":
                services.proposal_publish(proposal=proposal, by=request.user)
                messages.success(request, _("The proposal has been published."))
            else:
                services.proposal_reject(
                    proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The proposal is not published; its author sees why."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("budgeting:proposal", cycle=found.slug, pk=proposal.pk)
    return _detail(request, found, proposal.pk, form, status=400)
