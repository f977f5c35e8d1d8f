"""Limits on what anonymous visitors may send (messages, subscriptions): per client address
and hour, counted in the shared cache (REDIS_URL) when several processes serve the site."""

from django.conf import settings
from django.http import HttpRequest


def anonymous_posts_per_hour(group: str, request: HttpRequest) -> str | None:
    """A django-ratelimit rate: signed-in people are not limited."""
    if request.user.is_authenticated:
        return None
    return f"{settings.CONCERNS_ANONYMOUS_PER_HOUR}/h"
