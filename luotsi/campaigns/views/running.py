"""Officers' pages for running a campaign: the list, the campaign and its area, its targets
(added, removed, contacted) and a printable walking list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.campaigns import permissions, selectors, services
from luotsi.campaigns.forms import CampaignForm, TargetAddForm, TargetContactForm, add_errors
from luotsi.campaigns.models import Campaign, CampaignStatus
from luotsi.network.models import OrganisationKind
from luotsi.web.decorators import signed_in_as
from luotsi.web.maps import map_settings

# Officers and the coordinator (others: 403; anonymous: sign in).
campaign_view = signed_in_as(permissions.can_run_campaigns)


@campaign_view
@require_safe
def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "campaigns/campaign_list.html",
        {"campaigns": selectors.campaigns_for(request.user)[:200]},
    )


@campaign_view
@require_http_methods(["GET", "POST"])
def campaign_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    campaign = permissions.access_campaign(request.user, pk) if pk else Campaign()
    if pk and not services.may_edit(request.user, campaign):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_save(
                campaign=form.save(commit=False),
                by=request.user,
                officers=form.cleaned_data["officers"],
            )
        except PermissionDenied:
            form.add_error(
                "target_kinds",
                _("Campaigns for businesses only are run by the business liaison officers."),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            count = campaign.targets.count()
            messages.success(
                request,
                _("The campaign has been saved. It has %(count)s targets.") % {"count": count},
            )
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "campaign": campaign if pk else None},
        status=400 if request.method == "POST" else 200,
    )


def _detail(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    *,
    contact_form: TargetContactForm | None = None,
    add_form: TargetAddForm | None = None,
    status: int = 200,
) -> HttpResponse:
    targets = selectors.targets_in_walking_order(campaign)
    query = request.GET.get("q", "").strip()[:100]
    addable = selectors.organisations_to_add(request.user, campaign, query)
    first = list(addable.values_list("pk", flat=True)[: selectors.MAX_ADD_CHOICES])
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "targets": targets,
            "counts": selectors.target_counts(campaign),
            "contact_form": contact_form or TargetContactForm(targets=targets),
            "add_form": add_form or TargetAddForm(organisations=addable.filter(pk__in=first)),
            "add_more": addable.count() > len(first),
            "query": query,
            "may_edit": services.may_edit(request.user, campaign),
            "kinds": [
                OrganisationKind(kind).label for kind in campaign.target_kinds.split(",") if kind
            ],
            "markers": selectors.target_markers(campaign, targets),
            "legend": selectors.status_legend(),
            "map": map_settings(),
            "statuses": CampaignStatus,
        },
        status=status,
    )


@campaign_view
@require_safe
def campaign_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, permissions.access_campaign(request.user, pk))


@campaign_view
@require_POST
def campaign_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.access_campaign(request.user, pk)
    try:
        services.campaign_set_status(
            campaign=campaign, by=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The campaign's status has been changed."))
    return redirect("campaigns:detail", pk=campaign.pk)


@campaign_view
@require_POST
def target_contact(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.access_campaign(request.user, pk)
    targets = selectors.targets_in_walking_order(campaign)
    form = TargetContactForm(request.POST, targets=targets)
    if form.is_valid():
        data = form.cleaned_data
        target = next(t for t in targets if t.pk == data["target"])
        try:
            recorded = services.target_contact(
                target=target,
                by=request.user,
                status=data["status"],
                channel=data["channel"],
                contacted_on=data["contacted_on"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Recorded: %(name)s – %(status)s.")
                % {
                    "name": target.organisation.name,
                    "status": recorded.target.get_status_display(),
                },
            )
            if recorded.not_logged_reason:
                messages.warning(request, recorded.not_logged_reason)
            return redirect("campaigns:detail", pk=campaign.pk)
    return _detail(request, campaign, contact_form=form, status=400)


@campaign_view
@require_POST
def target_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.access_campaign(request.user, pk)
    form = TargetAddForm(
        request.POST, organisations=selectors.organisations_to_add(request.user, campaign)
    )
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.target_add(campaign=campaign, by=request.user, organisation=organisation)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is now a target.") % {"name": organisation.name})
            return redirect("campaigns:detail", pk=campaign.pk)
    return _detail(request, campaign, add_form=form, status=400)


@campaign_view
@require_POST
def target_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target = permissions.access_target(request.user, pk)
    try:
        services.target_remove(target=target, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:detail", pk=target.campaign_id)
    messages.success(
        request, _("%(name)s is no longer a target.") % {"name": target.organisation.name}
    )
    return redirect("campaigns:detail", pk=target.campaign_id)


@campaign_view
@require_safe
def walking_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.access_campaign(request.user, pk)
    return render(
        request,
        "campaigns/walking_list.html",
        {"campaign": campaign, "streets": selectors.walking_list(campaign)},
    )
