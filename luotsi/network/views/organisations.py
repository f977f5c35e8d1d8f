from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.network import permissions, selectors, services
from luotsi.network.forms import InteractionForm, OrganisationForm
from luotsi.network.models import Organisation, OrganisationKind
from luotsi.network.validators import normalise_business_id
from luotsi.network.views.common import network_view, paginate


@network_view
@require_safe
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = permissions.organisations_visible_to(request.user).select_related("district")
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    sector = request.GET.get("sector", "").strip()[:100]
    business_id = normalise_business_id(request.GET.get("business_id", ""))[:20]
    if query:
        organisations = organisations.filter(name__icontains=query)
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    # The business register: a sector's code or words, a whole or partial business ID.
    if sector:
        organisations = organisations.filter(sector__icontains=sector)
    if business_id:
        organisations = organisations.filter(business_id__icontains=business_id)
    return render(
        request,
        "network/organisation_list.html",
        {
            "page": paginate(request, organisations),
            "q": query,
            "kind": kind,
            "kinds": OrganisationKind.choices,
            "sector": sector,
            "business_id": business_id,
        },
    )


@network_view
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = permissions.access_organisation(request.user, pk) if pk else Organisation()
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        lat, lon = form.point or (None, None)
        try:
            organisation = services.organisation_save(
                organisation=form.save(commit=False),
                by=request.user,
                lat=lat,
                lon=lon,
                district=form.cleaned_data.get("district"),
            )
            form.save_m2m()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect("network:organisation", pk=organisation.pk)
    return render(
        request,
        "network/organisation_form.html",
        {"form": form, "organisation": organisation if pk else None},
        status=400 if request.method == "POST" else 200,
    )


@network_view
@require_safe
def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = permissions.access_organisation(request.user, pk)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "people": permissions.contacts_visible_to(request.user).filter(
                affiliations__organisation=organisation
            ),
            "timeline": selectors.timeline_for_organisation(request.user, organisation)[:50],
            "interaction_form": InteractionForm(
                user=request.user,
                initial={"organisations": [organisation], "district": organisation.district},
            ),
            "return_to": request.get_full_path(),
        },
    )
