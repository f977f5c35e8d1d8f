from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.network import permissions, selectors, services
from luotsi.network.forms import AffiliationForm, ContactForm, InteractionForm, RelationshipForm
from luotsi.network.models import Contact
from luotsi.network.views.common import network_view, paginate


@network_view
@require_safe
def contact_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    contacts = permissions.contacts_visible_to(request.user).select_related("district")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        contacts = contacts.filter(full_name__icontains=query)
    return render(
        request, "network/contact_list.html", {"page": paginate(request, contacts), "q": query}
    )


@network_view
@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    contact = permissions.access_contact(request.user, pk) if pk else Contact()
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_save(contact=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The contact has been saved."))
            return redirect("network:contact", pk=contact.pk)
    return render(
        request,
        "network/contact_form.html",
        {"form": form, "contact": contact if pk else None},
        status=400 if request.method == "POST" else 200,
    )


@network_view
@require_safe
def contact_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = permissions.access_contact(request.user, pk)
    services.contact_view_audit(contact=contact, by=request.user)
    interaction_form = InteractionForm(
        user=request.user,
        initial={"contacts": [contact], "district": contact.district},
    )
    return render(
        request,
        "network/contact_detail.html",
        {
            "contact": contact,
            "affiliations": contact.affiliations.select_related("organisation"),
            "timeline": selectors.timeline_for_contact(request.user, contact)[:50],
            "commitments": contact.commitments.select_related("owner"),
            "interaction_form": interaction_form,
            "affiliation_form": AffiliationForm(user=request.user, contact=contact),
            "relationship_form": RelationshipForm(user=request.user, contact=contact),
            "relationships": selectors.relationships_of(contact),
            "return_to": request.get_full_path(),
        },
    )


@network_view
@require_http_methods(["GET", "POST"])
def contact_erase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Erasure cannot be undone, so it is asked for on a page of its own and confirmed."""
    contact = permissions.access_contact(request.user, pk)
    if request.method == "POST":
        services.contact_erase(contact=contact, by=request.user)
        messages.success(request, _("The person's details have been erased; the history remains."))
        return redirect("network:contacts")
    return render(request, "network/contact_erase.html", {"contact": contact})


@network_view
@require_POST
def affiliation_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = permissions.access_contact(request.user, pk)
    form = AffiliationForm(request.POST, user=request.user, contact=contact)
    if form.is_valid():
        try:
            services.affiliation_add(contact=contact, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The organisation was added."))
    else:
        messages.error(request, _("Choose an organisation; the dates must be valid."))
    return redirect("network:contact", pk=pk)


@network_view
@require_POST
def relationship_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = permissions.access_contact(request.user, pk)
    form = RelationshipForm(request.POST, user=request.user, contact=contact)
    if form.is_valid():
        try:
            services.relationship_add(from_contact=contact, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The relationship was added."))
    else:
        messages.error(request, _("Choose the relationship and a person or an organisation."))
    return redirect("network:contact", pk=pk)
