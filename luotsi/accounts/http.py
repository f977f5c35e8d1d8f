from django.http import HttpRequest

from luotsi.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request type of views behind `login_required` (django-stubs' recommended pattern)."""

    user: User
