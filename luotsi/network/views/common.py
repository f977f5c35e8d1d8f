from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from luotsi.network.permissions import can_use_network

PAGE_SIZE = 50


def network_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in officers and the coordinator only (others: 403; anonymous: sign in)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_use_network(request.user) and not getattr(request.user, "is_superuser", False):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def paginate(request: HttpRequest, queryset: QuerySet[Any]) -> Page[Any]:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
