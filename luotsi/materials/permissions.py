"""Who manages which information materials, and who reads them.

- The coordinator (and technical superusers) manage every item.
- A district officer manages the items of the districts their current assignments cover,
  the items of the events, campaigns and conflict cases they run and of the participatory
  budgeting plans whose workspaces they manage, and the items they own.
- A business officer manages city-wide items, the items of the campaigns they run, and the
  items they own.
- Everyone (signed in or not) reads the ready language versions of public items.
Items a person may not manage are 404 for them on staff pages, never 403, and absent from
lists, counts and the API.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from luotsi.accounts.models import Role, User
from luotsi.areas.models import District
from luotsi.budgeting.permissions.coproduction import plans_managed_by
from luotsi.campaigns.permissions import campaigns_visible_to
from luotsi.concerns.permissions import cases_managed_by
from luotsi.events.permissions import events_managed_by
from luotsi.materials.models import Item, Variant, VariantStatus
from luotsi.network.permissions import (
    can_use_network,
    districts_for_recording,
    officer_districts,
    sees_everything,
)
from luotsi.web.shortcuts import get_or_404


def can_manage_materials(user: User | AnonymousUser) -> bool:
    return can_use_network(user) or bool(user.is_authenticated and user.is_superuser)


def items_managed_by(user: User | AnonymousUser) -> QuerySet[Item]:
    items = Item.objects.all()
    if not isinstance(user, User) or not can_manage_materials(user):
        return items.none()
    if sees_everything(user):
        return items
    rule = (
        Q(owner=user)
        | Q(district__in=officer_districts(user))
        | Q(event__in=events_managed_by(user))
        | Q(campaign__in=campaigns_visible_to(user))
        | Q(conflict_case__in=cases_managed_by(user))
        | Q(pb_plan__in=plans_managed_by(user))
    )
    if user.role == Role.BUSINESS_OFFICER:
        rule |= Q(district__isnull=True)
    return items.filter(pk__in=Item.objects.filter(rule).values("pk"))


def may_manage(user: User | AnonymousUser, item: Item) -> bool:
    return items_managed_by(user).filter(pk=item.pk).exists()


def districts_for_items(user: User) -> QuerySet[District]:
    """The districts the user may give an item: officers their own, the others any."""
    return districts_for_recording(user)


def may_make_city_wide(user: User) -> bool:
    return sees_everything(user) or user.role == Role.BUSINESS_OFFICER


def access_item(user: User | AnonymousUser, pk: int) -> Item:
    """An item the user manages."""
    item: Item = get_or_404(items_managed_by(user).select_related("district"), pk)
    return item


def access_variant(user: User | AnonymousUser, pk: int) -> Variant:
    """A language version of an item the user manages."""
    variant: Variant = get_or_404(
        Variant.objects.select_related("item").filter(item__in=items_managed_by(user)), pk
    )
    return variant


def access_public_item(user: User | AnonymousUser, pk: int) -> Item:
    """A public item, or one the user manages (to preview its public page)."""
    visible = Q(public=True)
    if can_manage_materials(user):
        visible |= Q(pk__in=items_managed_by(user).values("pk"))
    item: Item = get_or_404(Item.objects.filter(visible).select_related("district"), pk)
    return item


def access_variant_file(user: User | AnonymousUser, pk: int) -> Variant:
    """A file anyone may download (a ready version of a public item), or one of an item the
    user manages (in any status)."""
    readable = Q(item__public=True, status=VariantStatus.READY)
    if can_manage_materials(user):
        readable |= Q(item__in=items_managed_by(user))
    variant: Variant = get_or_404(
        Variant.objects.select_related("item").filter(readable).exclude(file=""), pk
    )
    return variant
