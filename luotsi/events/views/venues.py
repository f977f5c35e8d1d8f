"""Venues: the city's list plus places officers add; accessibility facts kept up to date."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.events import services
from luotsi.events.forms import VenueForm
from luotsi.events.models import Venue
from luotsi.events.views.manage import organiser_view


@organiser_view
@require_safe
def venue_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    venues = Venue.objects.select_related("district")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        venues = venues.filter(
            Q(name__icontains=query)
            | Q(street_address__icontains=query)
            | Q(district__name__icontains=query)
        )
    page = Paginator(venues.order_by("name"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "events/venue_list.html",
        {"page": page, "q": query, "query": urlencode({"q": query}) if query else ""},
    )


@organiser_view
@require_http_methods(["GET", "POST"])
def venue_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        venue = Venue()
    else:
        venue = Venue.objects.filter(pk=pk).first() or Venue()
        if venue.pk is None:
            raise Http404
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        lat, lon = form.point or (None, None)
        try:
            venue = services.venue_save(
                venue=form.save(commit=False), by=request.user, lat=lat, lon=lon
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The venue has been saved."))
            return redirect("events:venues")
    return render(
        request,
        "events/venue_form.html",
        {"form": form, "venue": venue if pk else None},
        status=400 if request.method == "POST" else 200,
    )
