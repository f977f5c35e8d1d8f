"""Paper and in-person ballots, entered by district officers and the coordinator at polling
points; and the ballot counts staff see (never who voted)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting import selectors_voting as selectors
from luotsi.budgeting.forms_voting import DistrictForm, PaperBallotForm, PaperCorrectionForm
from luotsi.budgeting.models import Cycle
from luotsi.budgeting.permissions import is_coordinator
from luotsi.budgeting.permissions.voting import (
    access_paper_ballot,
    may_enter_paper_ballots,
    paper_ballot_districts,
)
from luotsi.budgeting.services.voting import (
    ballot_limits,
    paper_ballot_correct,
    paper_ballot_enter,
)
from luotsi.web.decorators import signed_in_as

POLLING_PLACE_SESSION_KEY = "pb_polling_place"


def _district(
    request: AuthenticatedHttpRequest, cycle: Cycle, number: object
) -> MajorDistrict | None:
    major = selectors.ballot_district(cycle, number)
    if (
        major is not None
        and not paper_ballot_districts(request.user, cycle).filter(pk=major.pk).exists()
    ):
        raise PermissionDenied
    return major


@signed_in_as(may_enter_paper_ballots)
@require_safe
def paper_ballots(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    the_cycle = selectors.public_cycle(cycle)
    everyone = is_coordinator(request.user)
    return render(
        request,
        "budgeting/voting/paper_ballots.html",
        {
            "cycle": the_cycle,
            "counts": selectors.ballot_counts(the_cycle),
            "entered": selectors.paper_ballots_entered(the_cycle, request.user, everyone=everyone)[
                :100
            ],
            "everyone": everyone,
            "voting_open": the_cycle.voting_open_at(),
        },
    )


def _form_page(
    request: AuthenticatedHttpRequest,
    cycle: Cycle,
    *,
    major: MajorDistrict,
    form: PaperBallotForm | PaperCorrectionForm,
    template: str,
    status: int = 200,
    **extra: object,
) -> HttpResponse:
    district_plans, citywide_plans = selectors.ballot_plans(cycle, major)
    return render(
        request,
        template,
        {
            "cycle": cycle,
            "major": major,
            "form": form,
            "limits": ballot_limits(cycle, major),
            "district_plans": district_plans,
            "citywide_plans": citywide_plans,
            "chosen_ids": {str(value) for value in (form["plans"].value() or [])},
            **extra,
        },
        status=status,
    )


@never_cache
@signed_in_as(may_enter_paper_ballots)
@require_http_methods(["GET", "POST"])
def paper_ballot_new(request: AuthenticatedHttpRequest, cycle: str) -> HttpResponse:
    the_cycle = selectors.public_cycle(cycle)
    if not the_cycle.voting_open_at():
        return render(
            request,
            "budgeting/voting/closed.html",
            {"cycle": the_cycle},
            status=400 if request.method == "POST" else 200,
        )
    template = "budgeting/voting/paper_ballot_form.html"
    if request.method == "POST":
        form = PaperBallotForm(request.POST)
        major = _district(request, the_cycle, request.POST.get("major_district"))
        if major is None:
            messages.error(request, _("Choose a major district of this cycle."))
            return redirect("budgeting:paper-ballot-new", cycle=the_cycle.slug)
        if form.is_valid():
            data = form.cleaned_data
            try:
                paper_ballot_enter(
                    cycle=the_cycle,
                    identity_code=data["identity_code"],
                    resident=data["resident"],
                    major_district=major,
                    plan_ids=data["plans"],
                    polling_place=data["polling_place"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                request.session[POLLING_PLACE_SESSION_KEY] = data["polling_place"]
                messages.success(request, _("The paper ballot has been recorded."))
                return redirect(
                    reverse("budgeting:paper-ballot-new", args=[the_cycle.slug])
                    + "?"
                    + urlencode({"district": major.number})
                )
        return _form_page(request, the_cycle, major=major, form=form, template=template, status=400)
    districts = list(
        paper_ballot_districts(request.user, the_cycle).filter(
            pk__in=selectors.ballot_districts(the_cycle)
        )
    )
    major = _district(request, the_cycle, request.GET.get("district"))
    if major is None and len(districts) == 1:
        major = districts[0]
    if major is None:
        district_form = DistrictForm(
            request.GET if "district" in request.GET else None, districts=districts
        )
        return render(
            request,
            "budgeting/voting/paper_ballot_district.html",
            {"cycle": the_cycle, "district_form": district_form},
            status=400 if district_form.is_bound else 200,
        )
    form = PaperBallotForm(
        initial={
            "major_district": major.number,
            "polling_place": request.session.get(POLLING_PLACE_SESSION_KEY, ""),
        }
    )
    return _form_page(request, the_cycle, major=major, form=form, template=template)


@never_cache
@signed_in_as(may_enter_paper_ballots)
@require_http_methods(["GET", "POST"])
def paper_ballot_edit(request: AuthenticatedHttpRequest, cycle: str, pk: int) -> HttpResponse:
    the_cycle = selectors.public_cycle(cycle)
    ballot = access_paper_ballot(request.user, the_cycle, pk)
    template = "budgeting/voting/paper_ballot_correct.html"
    if not the_cycle.voting_open_at():
        return render(
            request,
            "budgeting/voting/closed.html",
            {"cycle": the_cycle},
            status=400 if request.method == "POST" else 200,
        )
    if request.method == "POST":
        form = PaperCorrectionForm(request.POST)
        major = _district(request, the_cycle, request.POST.get("major_district"))
        if major is None:
            major = ballot.major_district
            form.is_valid()
            form.add_error(None, _("Choose a major district of this cycle."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                paper_ballot_correct(
                    ballot=ballot,
                    major_district=major,
                    plan_ids=data["plans"],
                    polling_place=data["polling_place"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The paper ballot has been corrected."))
                return redirect("budgeting:paper-ballots", cycle=the_cycle.slug)
        assert major is not None  # noqa: S101 - a paper ballot always has its district
        return _form_page(
            request,
            the_cycle,
            major=major,
            form=form,
            template=template,
            status=400,
            ballot=ballot,
        )
    major = _district(request, the_cycle, request.GET.get("district")) or ballot.major_district
    assert major is not None  # noqa: S101
    form = PaperCorrectionForm(
        initial={
            "major_district": major.number,
            "polling_place": ballot.polling_place,
            "plans": [choice.plan_id for choice in ballot.choices.all()]
            if major.pk == ballot.major_district_id
            else [],
        }
    )
    return _form_page(request, the_cycle, major=major, form=form, template=template, ballot=ballot)
