import base64
import time

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from luotsi.accounts import lockout, selectors, services
from luotsi.accounts.forms import (
    ApiTokenForm,
    EmailAuthenticationForm,
    ProfileForm,
    TwoFactorCodeForm,
)
from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.models import User

# The person who gave the right password and is yet to give the code: their id, the
# authentication backend, when, and where to go next. Nobody is signed in until the code.
PENDING_SIGN_IN = "luotsi_two_factor_pending"
PENDING_SIGN_IN_SECONDS = 5 * 60


def _remember_language(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if selectors.two_factor_device_of(user) is not None:
            self.request.session[PENDING_SIGN_IN] = {
                "user": user.pk,
                # authenticate() notes which backend accepted the password.
                "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
                "at": time.time(),
                "next": self.get_redirect_url(),
            }
            return redirect("accounts:login-code")
        response = super().form_valid(form)
        # A person who chose a language on their profile gets it wherever they sign in.
        _remember_language(response, form.get_user().preferred_language)
        return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                user=user,
                full_name=form.cleaned_data["full_name"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your profile has been saved."))
            response = redirect("accounts:profile")
            # The interface follows the language the person just chose.
            _remember_language(response, user.preferred_language)
            return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "assignments": selectors.assignments_of(user)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_staff_role:
        raise PermissionDenied
    new_token = ""
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _record, new_token = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": request.user.api_tokens.all(), "new_token": new_token},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@login_required
@require_POST
def api_token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = request.user.api_tokens.filter(pk=pk).first()
    if token is None:
        raise Http404
    services.api_token_revoke(token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:api-tokens")


def _pending_sign_in(request: HttpRequest) -> tuple[User, dict[str, object]] | None:
    pending = request.session.get(PENDING_SIGN_IN)
    if not isinstance(pending, dict) or time.time() - pending["at"] > PENDING_SIGN_IN_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in, for people with two-factor authentication on."""
    found = _pending_sign_in(request)
    device = selectors.two_factor_device_of(found[0]) if found else None
    if found is None or device is None:
        request.session.pop(PENDING_SIGN_IN, None)
        messages.info(request, _("Please sign in again."))
        return redirect("accounts:login")
    user, pending = found
    if AxesProxyHandler.is_locked(request, {"username": user.email}):
        return lockout.locked_out(request)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            del request.session[PENDING_SIGN_IN]
            auth_login(request, user, backend=str(pending["backend"]))
            response = redirect(str(pending["next"] or resolve_url(settings.LOGIN_REDIRECT_URL)))
            _remember_language(response, user.preferred_language)
            return response
        lockout.code_failed(request, user.email)
        form.add_error(
            "code",
            _("The code is not correct. Enter the code your authenticator app shows now."),
        )
    return render(
        request,
        "accounts/login_code.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _two_factor_page(
    request: AuthenticatedHttpRequest, form: TwoFactorCodeForm, status: int = 200
) -> HttpResponse:
    user = request.user
    device = selectors.two_factor_device_of(user)
    context: dict[str, object] = {"form": form, "device": device}
    if device is None:
        pending = services.two_factor_pending_device(user=user)
        secret = base64.b32encode(pending.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["qr_code"] = segno.make(pending.config_url, error="m").svg_data_uri(scale=4)
        context["required"] = selectors.two_factor_setup_required(user)
    return render(request, "accounts/two_factor.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Turn two-factor authentication on: scan the code (or type the secret), then prove it
    works by entering a code; until then signing in does not ask for one."""
    if not request.user.is_staff_role:
        raise PermissionDenied
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if selectors.two_factor_device_of(request.user) is not None:
            return redirect("accounts:two-factor")
        try:
            services.two_factor_confirm(
                device=services.two_factor_pending_device(user=request.user),
                code=form.cleaned_data["code"].replace(" ", ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Two-factor authentication is now on."))
            return redirect("accounts:two-factor")
    return _two_factor_page(request, form, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def two_factor_disable(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_staff_role:
        raise PermissionDenied
    form = TwoFactorCodeForm(request.POST)
    if form.is_valid():
        try:
            services.two_factor_disable(
                user=request.user, code=form.cleaned_data["code"].replace(" ", "")
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Two-factor authentication is now off."))
            return redirect("accounts:two-factor")
    return _two_factor_page(request, form, status=400)
