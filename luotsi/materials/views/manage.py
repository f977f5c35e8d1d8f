"""Officers' pages: the coverage matrix, items, declared needs and language versions."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.budgeting.permissions.coproduction import access_managed_plan
from luotsi.campaigns.permissions import access_campaign
from luotsi.concerns.permissions import access_managed_case
from luotsi.events.permissions import access_managed_event
from luotsi.materials import permissions, selectors, services
from luotsi.materials.forms import DeclareForm, FilterForm, ItemForm, StatusForm, VariantForm
from luotsi.materials.models import Item, Variant
from luotsi.web.decorators import signed_in_as

# Officers and the coordinator (others: 403; anonymous: sign in).
materials_view = signed_in_as(permissions.can_manage_materials)


@materials_view
@require_safe
def item_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FilterForm(
        request.GET or None,
        districts=District.objects.defer("geometry", "geometry_simplified").order_by("code"),
    )
    filters: dict[str, str] = {}
    if form.is_bound and form.is_valid():
        filters = {key: form.cleaned_data[key] for key in ("district", "language", "status")}
    items = selectors.managed_items(request.user, **filters)
    return render(
        request,
        "materials/item_list.html",
        {
            "form": form,
            "matrix": selectors.coverage_matrix(items, language=filters.get("language", "")),
            "gap_table": selectors.gaps_by_district(items),
            "event_gaps": selectors.gaps_before_events(request.user),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@materials_view
@require_http_methods(["GET", "POST"])
def item_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    item = permissions.access_item(request.user, pk) if pk else Item()
    form = ItemForm(request.POST or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_save(
                item=form.save(commit=False),
                by=request.user,
                district=form.cleaned_data.get("district"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The item has been saved."))
            return redirect("materials:item", pk=item.pk)
    return render(
        request,
        "materials/item_form.html",
        {"form": form, "item": item if pk else None},
        status=400 if request.method == "POST" else 200,
    )


def _detail(
    request: AuthenticatedHttpRequest, item: Item, *, declare_form: DeclareForm | None = None
) -> HttpResponse:
    today = timezone.localdate()
    variants = sorted(
        item.variants.select_related("updated_by"),
        key=lambda v: selectors.column_order((v.language, v.format)),
    )
    return render(
        request,
        "materials/item_detail.html",
        {
            "item": item,
            "variants": [(v, selectors.review_overdue(v, today)) for v in variants],
            "declare_form": declare_form or DeclareForm(),
            "status_form": StatusForm(),
        },
        status=400 if declare_form is not None else 200,
    )


@materials_view
@require_safe
def item_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, permissions.access_item(request.user, pk))


@materials_view
@require_http_methods(["GET", "POST"])
def item_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = permissions.access_item(request.user, pk)
    if request.method == "POST":
        services.item_delete(item=item, by=request.user)
        messages.success(request, _("The item and its language versions have been deleted."))
        return redirect("materials:list")
    return render(request, "materials/confirm_delete.html", {"item": item, "variant": None})


@materials_view
@require_POST
def item_declare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = permissions.access_item(request.user, pk)
    form = DeclareForm(request.POST)
    if form.is_valid():
        try:
            made = services.variants_declare(item=item, by=request.user, needs=form.needs())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if made:
                messages.success(
                    request, _("%(count)d versions are now declared needed.") % {"count": len(made)}
                )
            else:
                messages.info(request, _("Those versions were declared already."))
            return redirect("materials:item", pk=item.pk)
    return _detail(request, item, declare_form=form)


@materials_view
@require_http_methods(["GET", "POST"])
def variant_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    variant = permissions.access_variant(request.user, pk)
    form = VariantForm(request.POST or None, request.FILES or None, instance=variant)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.variant_save(
                variant=form.save(commit=False),
                by=request.user,
                upload=data.get("file"),
                remove_file=bool(data.get("remove_file")),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The language version has been saved."))
            return redirect("materials:item", pk=variant.item_id)
    return render(
        request,
        "materials/variant_form.html",
        {"form": form, "variant": variant, "item": variant.item},
        status=400 if request.method == "POST" else 200,
    )


@materials_view
@require_POST
def variant_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    variant = permissions.access_variant(request.user, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return redirect("materials:item", pk=variant.item_id)
    try:
        services.variant_set_status(
            variant=variant, by=request.user, status=form.cleaned_data["status"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The status has been changed."))
    return redirect("materials:item", pk=variant.item_id)


@materials_view
@require_http_methods(["GET", "POST"])
def variant_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    variant: Variant = permissions.access_variant(request.user, pk)
    if request.method == "POST":
        services.variant_delete(variant=variant, by=request.user)
        messages.success(request, _("The language version has been deleted."))
        return redirect("materials:item", pk=variant.item_id)
    return render(
        request, "materials/confirm_delete.html", {"item": variant.item, "variant": variant}
    )


LINKED: dict[str, Callable[[User, int], services.Linkable]] = {
    "event": access_managed_event,
    "campaign": access_campaign,
    "case": access_managed_case,
    "plan": access_managed_plan,
}
LINK_FIELD = {"event": "event", "campaign": "campaign", "case": "conflict_case", "plan": "pb_plan"}


@materials_view
@require_http_methods(["GET", "POST"])
def linked_items(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    """The materials of an event, campaign, case or PB plan: opens its only item, lists several, or
    offers to create the first one (POST)."""
    if kind not in LINKED:
        raise Http404
    linked = LINKED[kind](request.user, pk)
    if request.method == "POST":
        item = services.item_create_for(linked=linked, by=request.user)
        messages.success(request, _("The item has been created. Now declare what is needed."))
        return redirect("materials:item", pk=item.pk)
    items = list(permissions.items_managed_by(request.user).filter(**{LINK_FIELD[kind]: linked}))
    if len(items) == 1:
        return redirect("materials:item", pk=items[0].pk)
    return render(
        request,
        "materials/linked.html",
        {"linked": linked, "kind": kind, "items": items},
    )
