"""Officers' pages: plan and publish events, record who came and what it cost."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.events import accounting, permissions, selectors, services
from luotsi.events.forms import AttendanceForm, CostForm, EventForm
from luotsi.events.models import Event, EventStatus, RegistrationStatus
from luotsi.web.decorators import signed_in_as

# Officers and the coordinator (others: 403; anonymous: sign in).
organiser_view = signed_in_as(permissions.can_organise)


@organiser_view
@require_safe
def manage_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    events = selectors.managed_events(request.user)
    return render(
        request,
        "events/manage_list.html",
        {
            "upcoming": events.filter(end__gte=now).order_by("start")[:100],
            "to_record": events.filter(end__lt=now, status=EventStatus.PUBLISHED).order_by(
                "-start"
            )[:100],
            "recent": events.filter(end__lt=now)
            .exclude(status=EventStatus.PUBLISHED)
            .order_by("-start")[:30],
        },
    )


@organiser_view
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    event = permissions.access_managed_event(request.user, pk) if pk else Event()
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                event = services.event_save(
                    event=form.save(commit=False),
                    by=request.user,
                    organisers=data["organisers"],
                    partners=data["partners"],
                    topics=data["topics"],
                    district=data.get("district"),
                )
                if data.get("repeat"):
                    services.event_series_create(
                        event=event,
                        by=request.user,
                        frequency=data["repeat"],
                        occurrences=data["occurrences"],
                    )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect("events:manage-detail", pk=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": event if pk else None},
        status=400 if request.method == "POST" else 200,
    )


@organiser_view
@require_safe
def manage_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = permissions.access_managed_event(request.user, pk)
    registrants = list(selectors.registrants(request.user, event))
    if registrants:
        services.registrants_view_audit(event=event, by=request.user)
    return render(
        request,
        "events/manage_detail.html",
        {
            "event": event,
            "counts": selectors.registration_counts(event),
            "places_left": selectors.places_left(event),
            "registrants": registrants,
            "sees_registrants": permissions.may_see_registrants(request.user, event),
            "costs": event.costs.select_related("recorded_by"),
            "cost_form": CostForm(),
            "budget": selectors.budget_line_for(event),
            "attendance_counts": event.attendance_counts.all(),
            "now": timezone.now(),
        },
    )


# Lazy: translated when shown, in the language of that request.
ACTIONS = {
    "publish": (services.event_publish, gettext_lazy("The event is published.")),
    "cancel": (
        services.event_cancel,
        gettext_lazy("The event is cancelled; registrants have been told."),
    ),
}


@organiser_view
@require_POST
def event_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = permissions.access_managed_event(request.user, pk)
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            services.event_delete_draft(event=event, by=request.user)
            messages.success(request, _("The draft has been deleted."))
            return redirect("events:manage")
        if action not in ACTIONS:
            raise ValidationError(_("Unknown action."))
        service, done = ACTIONS[action]
        service(event=event, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(done))
    return redirect("events:manage-detail", pk=event.pk)


def _registration_choices(request: AuthenticatedHttpRequest, event: Event) -> list[tuple[str, str]]:
    people = selectors.registrants(request.user, event).filter(status=RegistrationStatus.CONFIRMED)
    return [(str(r.pk), r.name) for r in people]


@organiser_view
@require_http_methods(["GET", "POST"])
def event_attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = permissions.access_managed_event(request.user, pk)
    choices = _registration_choices(request, event)
    if choices:
        services.registrants_view_audit(event=event, by=request.user)
    initial: dict[str, Any] = {
        "walk_ins": event.walk_ins,
        "notes": event.outcome_notes,
        "attended": [str(r.pk) for r in event.registrations.filter(attended=True)],
        **{f"count_{c.dimension}_{c.code}": c.count for c in event.attendance_counts.all()},
    }
    form = AttendanceForm(
        request.POST or None, event=event, user=request.user, registrations=choices, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Without the registrant list (not an organiser) the ticks already recorded stay.
        attended = data["attended"] if "attended" in form.fields else initial["attended"]
        try:
            accounting.attendance_record(
                event=event,
                by=request.user,
                attended=[int(pk) for pk in attended],
                walk_ins=data["walk_ins"],
                counts=form.counts(),
                notes=data["notes"],
                contacts=data["contacts"],
                commitment=data.get("commitment", ""),
                commitment_due_on=data.get("commitment_due_on"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Attendance has been recorded."))
            return redirect("events:manage-detail", pk=event.pk)
    return render(
        request,
        "events/attendance_form.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


@organiser_view
@require_POST
def cost_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = permissions.access_managed_event(request.user, pk)
    form = CostForm(request.POST)
    if form.is_valid():
        try:
            accounting.cost_add(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The cost has been recorded."))
            line = selectors.budget_line_for(event)
            if line is not None and line.allocated == 0:
                messages.warning(request, _("No events budget is set for this district and year."))
            elif line is not None and line.over:
                messages.warning(
                    request, _("The district's events budget for the year is exceeded.")
                )
            return redirect("events:manage-detail", pk=event.pk)
    return render(
        request,
        "events/cost_form.html",
        {"form": form, "event": event},
        status=400,
    )


@organiser_view
@require_POST
def cost_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cost = permissions.access_cost(request.user, pk)
    action = request.POST.get("action")
    if action == "spent":
        accounting.cost_mark_spent(cost=cost, by=request.user)
        messages.success(request, _("The cost is marked as paid."))
    elif action == "remove":
        accounting.cost_remove(cost=cost, by=request.user)
        messages.success(request, _("The cost has been removed."))
    else:
        messages.error(request, _("Unknown action."))
    return redirect("events:manage-detail", pk=cost.event_id)
