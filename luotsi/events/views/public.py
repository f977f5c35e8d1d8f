"""The public calendar: find events, read one, register, see or cancel a registration."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.events import permissions, registrations, selectors
from luotsi.events.forms import EventFilterForm, RegistrationForm, areas_for
from luotsi.events.models import Event
from luotsi.web.maps import map_settings

PAGE_SIZE = 20


def _day_start(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _day_end(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = selectors.EventFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.EventFilter(
            districts=areas_for(data["area"]),
            kind=data["kind"],
            language=data["language"],
            audience=data["audience"],
            start=_day_start(data["start"]),
            end=_day_end(data["end"]),
            text=data["q"].strip(),
        )
    events = selectors.public_events(filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "map": map_settings(),
            "ical_area": form.cleaned_data.get("area") if form.is_bound and form.is_valid() else "",
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _event_page(
    request: HttpRequest, event: Event, form: RegistrationForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "form": form,
            "registration_open": event.registration_open(),
            "places_left": selectors.places_left(event),
            "may_manage": permissions.may_manage(request.user, event),
            "map": map_settings(),
        },
        status=status,
    )


@require_safe
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.access_event(request.user, pk)
    return _event_page(request, event, RegistrationForm())


@require_POST
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.access_event(request.user, pk)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = registrations.registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                language=data["language"],
                language_needs=data["language_needs"],
                accessibility_needs=data["accessibility_needs"],
                consent=data["consent"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("events:registration", token=registration.token)
    return _event_page(request, event, form, status=400)


@require_safe
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    registration = permissions.access_registration_by_token(token)
    return render(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "can_cancel": registration.is_active and registration.event.start > timezone.now(),
        },
    )


@require_http_methods(["POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = permissions.access_registration_by_token(token)
    try:
        registrations.registration_cancel(registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("events:registration", token=token)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect("events:registration", token=token)
