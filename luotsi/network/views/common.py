from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from luotsi.network.permissions import can_use_network
from luotsi.web.decorators import signed_in_as

PAGE_SIZE = 50


def _may_use_network(user: Any) -> bool:
    return can_use_network(user) or bool(getattr(user, "is_superuser", False))


# Signed-in officers and the coordinator only (others: 403; anonymous: sign in).
network_view = signed_in_as(_may_use_network)


def paginate(request: HttpRequest, queryset: QuerySet[Any]) -> Page[Any]:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
