from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from luotsi.accounts import selectors as account_selectors
from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.permissions import can_view_staff_dashboard
from luotsi.areas.selectors import major_districts_list
from luotsi.budgeting.selectors_proposals import current_public_cycle
from luotsi.concerns import selectors as concern_selectors
from luotsi.concerns.permissions import can_handle
from luotsi.events import selectors as event_selectors
from luotsi.events.models import EventStatus
from luotsi.events.permissions import can_organise
from luotsi.insights.permissions import can_view_insights
from luotsi.materials import selectors as material_selectors
from luotsi.materials.permissions import can_manage_materials
from luotsi.network import selectors as network_selectors
from luotsi.network.permissions import can_use_network
from luotsi.privacy.audit_permissions import can_search_audit_log


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    serving = account_selectors.officers_by_major_district()
    districts = [
        {"district": district, "officers": serving.get(district.pk, [])}
        for district in major_districts_list(with_districts=False)
    ]
    return render(
        request,
        "web/home.html",
        {
            "districts": districts,
            "business_officers": account_selectors.business_officers_current(),
            "pb_cycle": current_public_cycle(),
        },
    )


@login_required
@require_safe
def after_login(request: HttpRequest) -> HttpResponse:
    """Staff land on their dashboard, residents on their profile."""
    if can_view_staff_dashboard(request.user):
        return redirect("web:dashboard")
    return redirect("accounts:profile")


@login_required
@require_safe
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not can_view_staff_dashboard(user):
        raise PermissionDenied
    assignments = list(account_selectors.assignments_of(user))
    today = timezone.localdate()
    now = timezone.now()
    events = event_selectors.managed_events(user) if can_organise(user) else None
    return render(
        request,
        "web/dashboard.html",
        {
            "current_assignments": [a for a in assignments if a.is_active_on(today)],
            "assignments": assignments,
            "overdue": network_selectors.overdue_commitments_for_dashboard(user)[:20],
            "uses_network": can_use_network(user),
            "upcoming_events": events.filter(end__gte=now).order_by("start")[:5]
            if events is not None
            else [],
            "events_to_record": events.filter(end__lt=now, status=EventStatus.PUBLISHED).count()
            if events is not None
            else 0,
            "organises_events": events is not None,
            "message_counts": concern_selectors.queue_counts(user) if can_handle(user) else None,
            "views_insights": can_view_insights(user),
            "searches_audit_log": can_search_audit_log(user),
            "manages_materials": can_manage_materials(user),
            "material_gaps": material_selectors.gaps_before_events(user)
            if can_manage_materials(user)
            else [],
        },
    )
