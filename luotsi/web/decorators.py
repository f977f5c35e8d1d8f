"""The guard every staff page shares: sign in first, then the app's rule decides (403 when
it says no). Which records a signed-in person may see is the views' business (404)."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from luotsi.accounts.models import User

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def signed_in_as(allowed: Callable[[User | AnonymousUser], bool]) -> Callable[[View], View]:
    """`allowed(user)` → the view runs; otherwise 403. Anonymous visitors are sent to sign in."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorator
