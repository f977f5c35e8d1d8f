"""The address of the client behind a request, the same for every per-client limit (sign-in
lockout, anonymous messages and subscriptions)."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind the TLS proxy (BEHIND_TLS_PROXY) REMOTE_ADDR is the proxy
    itself, so every visitor would share one counter; the right-most X-Forwarded-For entry is
    the one our proxy appended, the only one a client cannot forge."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))
