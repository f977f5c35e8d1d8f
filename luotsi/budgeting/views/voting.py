"""Voters' pages: identification, and the ballot (choose a major district, then plans).

A voter needs no Luotsi account: their identity lives in the session (see
`luotsi.budgeting.identity`). Every page works without JavaScript."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.budgeting import selectors_voting as selectors
from luotsi.budgeting.forms_voting import BallotForm, DistrictForm
from luotsi.budgeting.identity import identity_clear, identity_of
from luotsi.budgeting.models import Ballot, BallotChannel, Cycle
from luotsi.budgeting.services.voting import ballot_cast, ballot_limits, eligibility_problems


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@never_cache
@require_safe
def identify(request: HttpRequest) -> HttpResponse:
    """Identification page: what happens, the button to the provider, or who you are now."""
    next_url = _safe_next(request)
    return render(
        request,
        "budgeting/voting/identify.html",
        {
            "identity": identity_of(request.session),
            "next": next_url,
            "start_url": reverse("budgeting:identify-oidc")
            + ("?" + urlencode({"next": next_url}) if next_url else ""),
            "available": bool(settings.OIDC_OP_AUTHORIZATION_ENDPOINT),
            "dev_provider": settings.PB_DEV_IDENTITY_PROVIDER,
        },
    )


@require_POST
def identify_end(request: HttpRequest) -> HttpResponse:
    identity_clear(request.session)
    messages.success(request, _("Your identification has ended."))
    return redirect("budgeting:identify")


def _ballot_page(
    request: HttpRequest,
    cycle: Cycle,
    *,
    ballot: Ballot | None,
    district_number: object,
    form: BallotForm | None = None,
    status: int = 200,
) -> HttpResponse:
    districts = list(selectors.ballot_districts(cycle))
    major = selectors.ballot_district(cycle, district_number)
    context: dict[str, object] = {
        "cycle": cycle,
        "ballot": ballot,
        "districts": districts,
        "form": form,
    }
    if ballot is not None:
        context["ballot_plans"] = [choice.plan for choice in ballot.choices.all()]
    if major is None:
        district_form = DistrictForm(
            request.GET if "district" in request.GET else None, districts=districts
        )
        if district_form.is_bound:
            district_form.is_valid()
            status = 400
        context["district_form"] = district_form
        return render(request, "budgeting/voting/vote.html", context, status=status)
    district_plans, citywide_plans = selectors.ballot_plans(cycle, major)
    if form is None:
        chosen = (
            [c.plan_id for c in ballot.choices.all()]
            if ballot is not None and ballot.major_district_id == major.pk
            else []
        )
        form = BallotForm(initial={"major_district": major.number, "plans": chosen})
    chosen_ids = {str(value) for value in (form["plans"].value() or [])}
    context.update(
        {
            "major": major,
            "form": form,
            "limits": ballot_limits(cycle, major),
            "district_plans": district_plans,
            "citywide_plans": citywide_plans,
            "chosen_ids": chosen_ids,
        }
    )
    return render(request, "budgeting/voting/vote.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, cycle: str) -> HttpResponse:
    the_cycle = selectors.public_cycle(cycle)
    if not the_cycle.voting_open_at():
        if request.method == "POST":
            messages.error(request, _("Voting is not open in this cycle."))
        return render(
            request,
            "budgeting/voting/closed.html",
            {"cycle": the_cycle},
            status=400 if request.method == "POST" else 200,
        )
    identity = identity_of(request.session)
    if identity is None:
        messages.info(request, _("Identify yourself first: then you can vote."))
        query = urlencode({"next": reverse("budgeting:vote", args=[the_cycle.slug])})
        return redirect(reverse("budgeting:identify") + "?" + query)
    problems = eligibility_problems(the_cycle, identity)
    if problems:
        return render(
            request,
            "budgeting/voting/ineligible.html",
            {"cycle": the_cycle, "problems": problems},
            status=403,
        )
    ballot = selectors.ballot_of(the_cycle, identity)
    if ballot is not None and ballot.channel == BallotChannel.PAPER:
        return render(
            request,
            "budgeting/voting/voted_on_paper.html",
            {"cycle": the_cycle, "ballot": ballot},
            status=400 if request.method == "POST" else 200,
        )
    if request.method == "GET":
        number = request.GET.get("district") or (
            ballot.major_district.number if ballot and ballot.major_district else None
        )
        if request.GET.get("change_district"):
            number = None
        return _ballot_page(request, the_cycle, ballot=ballot, district_number=number)
    form = BallotForm(request.POST)
    district_number = request.POST.get("major_district")
    if form.is_valid():
        major = selectors.ballot_district(the_cycle, form.cleaned_data["major_district"])
        try:
            cast = ballot_cast(
                cycle=the_cycle,
                identity=identity,
                major_district=major,
                plan_ids=form.cleaned_data["plans"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            # Told by the ballot as saved, not as read above: the same voter's other browser
            # may have cast it in between (then this submission changed it).
            if cast.revision == 0:
                messages.success(
                    request,
                    _(
                        "Thank you: your vote has been recorded. You can change it until "
                        "voting closes."
                    ),
                )
            else:
                messages.success(request, _("Your vote has been changed."))
            return redirect(
                reverse("budgeting:vote", args=[the_cycle.slug])
                + "?"
                + urlencode({"district": major.number if major else ""})
            )
    return _ballot_page(
        request, the_cycle, ballot=ballot, district_number=district_number, form=form, status=400
    )
