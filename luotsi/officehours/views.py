"""Public officer profiles with booking; the booker's token page; the officer's own pages."""

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.models import OFFICER_ROLES, Role, User
from luotsi.accounts.selectors import assignments_of
from luotsi.officehours import selectors, services
from luotsi.officehours.forms import BookingForm, OfficeHoursForm, ProfileForm
from luotsi.officehours.models import OfficeHours
from luotsi.web.decorators import signed_in_as

SLOT_DAYS = 14


def _is_officer(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.role in OFFICER_ROLES or user.role == Role.COORDINATOR)
    )


# Officers and the coordinator (others: 403; anonymous: sign in).
officer_view = signed_in_as(_is_officer)


@require_safe
def officer_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "officehours/officer_list.html", {"officers": selectors.current_officers()}
    )


def _areas(officer: User) -> list[Any]:
    today = timezone.localdate()
    areas: dict[int, Any] = {}
    for assignment in assignments_of(officer):
        if assignment.is_active_on(today):
            for district in assignment.major_districts.all():
                areas[district.pk] = district
    return list(areas.values())


def _profile_page(
    request: HttpRequest, officer: User, form: BookingForm | None = None, status: int = 200
) -> HttpResponse:
    slots = selectors.slots_for(officer, timezone.localdate(), SLOT_DAYS)
    return render(
        request,
        "officehours/profile.html",
        {
            "officer": officer,
            "profile": selectors.profile_of(officer),
            "areas": _areas(officer),
            "city_wide": officer.role == Role.BUSINESS_OFFICER,
            "office_hours": selectors.office_hours_of(officer),
            "slots": slots,
            "form": form or BookingForm(slots=slots),
        },
        status=status,
    )


@require_safe
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    return _profile_page(request, selectors.access_public_officer(pk))


@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    officer = selectors.access_public_officer(pk)
    slots = selectors.slots_for(officer, timezone.localdate(), SLOT_DAYS)
    form = BookingForm(request.POST, slots=slots)
    if form.is_valid():
        data = form.cleaned_data
        try:
            appointment = services.appointment_book(
                officer=officer,
                starts_at=data["slot"],
                name=data["name"],
                email=data["email"],
                language=data["language"],
                interpreter_language=data["interpreter_language"],
                topic=data["topic"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect("officehours:appointment", token=appointment.token)
    return _profile_page(request, officer, form, status=400)


@require_safe
def appointment_detail(request: HttpRequest, token: str) -> HttpResponse:
    appointment = selectors.access_appointment_by_token(token)
    return render(
        request,
        "officehours/appointment_detail.html",
        {
            "appointment": appointment,
            "can_cancel": appointment.is_booked and appointment.starts_at > timezone.now(),
        },
    )


@require_POST
def appointment_cancel(request: HttpRequest, token: str) -> HttpResponse:
    appointment = selectors.access_appointment_by_token(token)
    try:
        services.appointment_cancel(appointment=appointment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your appointment has been cancelled."))
    return redirect("officehours:appointment", token=token)


@officer_view
@require_http_methods(["GET", "POST"])
def me(request: AuthenticatedHttpRequest) -> HttpResponse:
    officer = request.user
    profile = selectors.profile_of(officer)
    profile_form = ProfileForm(instance=profile, prefix="profile")
    hours_form = OfficeHoursForm(prefix="hours")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "profile":
                profile_form = ProfileForm(request.POST, instance=profile, prefix="profile")
                if profile_form.is_valid():
                    services.profile_save(profile=profile_form.instance, by=officer)
                    messages.success(request, _("Your profile has been saved."))
                    return redirect("officehours:me")
            elif action == "hours":
                hours_form = OfficeHoursForm(request.POST, prefix="hours")
                hours_form.instance.officer = officer
                if hours_form.is_valid():
                    services.office_hours_save(hours=hours_form.instance, by=officer)
                    messages.success(request, _("The office hours have been added."))
                    return redirect("officehours:me")
            elif action == "remove":
                hours = get_object_or_404(
                    OfficeHours, pk=request.POST.get("hours") or 0, officer=officer
                )
                services.office_hours_remove(hours=hours, by=officer)
                messages.success(request, _("The office hours have been removed."))
                return redirect("officehours:me")
        except (ValueError, TypeError):
            pass
        except ValidationError as exc:
            form = profile_form if action == "profile" else hours_form
            form.add_error(None, exc.messages)
        status = 400
    appointments = list(selectors.appointments_of(officer, timezone.now())[:100])
    services.appointments_view_audit(appointments=appointments, by=officer, page="upcoming")
    return render(
        request,
        "officehours/me.html",
        {
            "profile_form": profile_form,
            "hours_form": hours_form,
            "office_hours": selectors.office_hours_of(officer),
            "appointments": appointments,
            "today": timezone.localdate(),
            "is_public": selectors.current_officers().filter(pk=officer.pk).exists(),
        },
        status=status,
    )


@officer_view
@require_safe
def my_day(request: AuthenticatedHttpRequest) -> HttpResponse:
    day = timezone.localdate()
    if request.GET.get("date"):
        try:
            day = datetime.date.fromisoformat(request.GET["date"])
        except ValueError:
            return render(request, "400.html", status=400)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    end = start + datetime.timedelta(days=1)
    appointments = list(selectors.appointments_of(request.user, start, end))
    services.appointments_view_audit(
        appointments=appointments, by=request.user, page=f"day {day.isoformat()}"
    )
    return render(
        request,
        "officehours/day.html",
        {
            "day": day,
            "previous": day - datetime.timedelta(days=1),
            "next": day + datetime.timedelta(days=1),
            "appointments": appointments,
        },
    )
