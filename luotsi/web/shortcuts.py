"""Small helpers the apps' `access_*` functions share."""

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], pk: object) -> M:
    """The row `pk` of an already permission-filtered queryset, else Http404 — also for a pk
    of the wrong type (an API path or a form may hand over text), so nobody learns more."""
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
