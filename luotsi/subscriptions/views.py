"""Subscription pages: subscribe, confirm, manage, unsubscribe (token links from e-mails,
no account), officers' announcements and the coordinator's subscriber list."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.models import Role
from luotsi.network.permissions import can_use_network, districts_for_recording
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record
from luotsi.subscriptions import announcements, services
from luotsi.subscriptions.forms import (
    AnnouncementForm,
    SubscribeForm,
    SubscriptionChoicesForm,
    initial_areas,
    split_areas,
)
from luotsi.subscriptions.models import Announcement, Subscriber
from luotsi.web.decorators import signed_in_as
from luotsi.web.ratelimits import anonymous_posts_per_hour


def _subscriber(token: str) -> Subscriber:
    subscriber = Subscriber.objects.active().filter(token=token).first()
    if subscriber is None:
        raise Http404
    return subscriber


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(key="ip", rate=anonymous_posts_per_hour, method="POST", block=False)
def subscribe(request: HttpRequest) -> HttpResponse:
    """Each subscription sends an e-mail: anonymous senders are limited per address, so the
    form cannot be used to flood someone's inbox."""
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and getattr(request, "limited", False):
        form.add_error(
            None,
            _("Too many subscriptions from your address in the last hour. Please try again later."),
        )
        return render(request, "subscriptions/subscribe.html", {"form": form}, status=429)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            districts, majors = split_areas(data["areas"])
            try:
                services.subscribe(
                    email=data["email"],
                    language=data["language"],
                    districts=districts,
                    major_districts=majors,
                    topics=data.get("topics") or [],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                return render(request, "subscriptions/check_email.html")
        return render(request, "subscriptions/subscribe.html", {"form": form}, status=400)
    return render(request, "subscriptions/subscribe.html", {"form": form})


@require_safe
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # Opening the link confirms (double opt-in as people expect it). A mail scanner that
    # follows it confirms an address whose owner asked for the mail; it cannot subscribe
    # anyone who did not — the first step needed the form.
    try:
        subscriber = services.confirm(token=token)
    except Subscriber.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        return render(
            request, "subscriptions/expired.html", {"error": " ".join(exc.messages)}, status=410
        )
    return render(request, "subscriptions/confirmed.html", {"subscriber": subscriber})


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = _subscriber(token)
    initial = {
        "language": subscriber.language,
        "areas": initial_areas(subscriber.districts, subscriber.major_districts),
        "topics": list(subscriber.topics.all()),
    }
    form = SubscriptionChoicesForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            districts, majors = split_areas(data["areas"])
            try:
                services.subscriber_update(
                    subscriber=subscriber,
                    language=data["language"],
                    districts=districts,
                    major_districts=majors,
                    topics=data.get("topics") or [],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Your choices have been saved."))
                return redirect("subscriptions:manage", token=token)
        status = 400
    return render(
        request,
        "subscriptions/manage.html",
        {"form": form, "subscriber": subscriber},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET only shows a button; POST unsubscribes. Mail scanners and link previews open
    every link in a message: a GET that unsubscribed would end subscriptions nobody ended."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "subscriptions/unsubscribed.html")
    if subscriber.unsubscribed_at is not None:
        return render(request, "subscriptions/unsubscribed.html")
    return render(request, "subscriptions/unsubscribe.html", {"subscriber": subscriber})


# Officers and the coordinator (others: 403; anonymous: sign in).
officer_view = signed_in_as(can_use_network)


@officer_view
@require_http_methods(["GET", "HEAD", "POST"])
def announce(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Write → preview (how many will get it) → send. The preview re-posts the same fields,
    so nothing is stored until "send"."""
    user = request.user
    allowed = districts_for_recording(user)
    form = AnnouncementForm(request.POST or None, districts=allowed)
    context: dict[str, Any] = {"form": form, "sent": Announcement.objects.filter(officer=user)[:10]}
    if request.method != "POST":
        return render(request, "subscriptions/announce.html", context)
    if not form.is_valid():
        return render(request, "subscriptions/announce.html", context, status=400)
    districts = form.chosen_districts()
    if request.POST.get("action") != "send":
        context["preview"] = announcements.announcement_preview(districts=districts)
        return render(request, "subscriptions/announce.html", context)
    try:
        announcement = announcements.announcement_create(
            by=user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            districts=districts,
        )
        count = announcements.announcement_send(announcement=announcement, by=user)
    except ValidationError as exc:
        _apply_errors(form, exc)
        return render(request, "subscriptions/announce.html", context, status=400)
    messages.success(
        request,
        _("The announcement is on its way to %(count)d subscribers.") % {"count": count},
    )
    return redirect("subscriptions:announce")


@login_required
@require_safe
def subscriber_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Subscribers' addresses are the coordinator's only."""
    user = request.user
    if not (user.is_superuser or user.role == Role.COORDINATOR):
        raise PermissionDenied
    subscribers = (
        Subscriber.objects.active()
        .prefetch_related("districts", "major_districts", "topics")
        .order_by("email")
    )
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type="subscriptions.subscriber",
        object_id="*",
        summary="subscriber list",
    )
    return render(request, "subscriptions/subscriber_list.html", {"subscribers": subscribers})
