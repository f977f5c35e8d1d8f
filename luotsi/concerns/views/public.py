"""Residents' pages: send a message, follow it through its private link, and see the public
map and list of moderated messages and where concern clusters per district."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from luotsi.areas.models import District
from luotsi.concerns import permissions, selectors, services
from luotsi.concerns.forms import MessageForm
from luotsi.web.maps import map_settings
from luotsi.web.ratelimits import anonymous_posts_per_hour


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=anonymous_posts_per_hour, method="POST", block=False)
def message_new(request: HttpRequest) -> HttpResponse:
    form = MessageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if getattr(request, "limited", False):
            form.add_error(
                None,
                _("Too many messages from your address in the last hour. Please try again later."),
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            lat, lon = form.point or (None, None)
            try:
                message = services.message_submit(
                    service=data["service"],
                    kind=data["kind"],
                    description=data["description"],
                    language=data["language"],
                    lat=lat,
                    lon=lon,
                    address_string=data["address"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"] or "",
                    consent=data["consent"],
                    photos=data["photos"],
                    submitted_by=request.user if request.user.is_authenticated else None,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                flash.success(
                    request,
                    _("Thank you. Your message %(reference)s has been sent.")
                    % {"reference": message.reference},
                )
                return redirect("concerns:status", token=message.token)
    return render(
        request, "concerns/message_form.html", {"form": form, "map": map_settings()}, status=status
    )


def _add_errors(form: MessageForm, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_safe
def message_status(request: HttpRequest, token: str) -> HttpResponse:
    message = permissions.access_message_by_token(token)
    main = message.duplicate_of
    return render(
        request,
        "concerns/message_status.html",
        {
            "message": message,
            "replies": selectors.timeline(message, public_only=True),
            "merged_into": main,
        },
    )


@require_safe
def public_list(request: HttpRequest) -> HttpResponse:
    area = request.GET.get("area", "")[:10]
    districts = _districts(area) if area else None
    listed = selectors.public_messages(districts)
    page = Paginator(listed, 30).get_page(request.GET.get("page"))
    markers = [
        {
            "lat": point[0],
            "lon": point[1],
            "title": m.service.name,
            "when": m.reference,
            "url": f"#message-{m.pk}",
        }
        for m in page
        if (point := selectors.public_point(m)) is not None
    ]
    return render(
        request,
        "concerns/public_list.html",
        {
            "page": page,
            "markers": markers,
            "map": map_settings(),
            "area": area,
            "query": f"area={area}" if area else "",
        },
    )


def _districts(code: str):  # type: ignore[no-untyped-def]
    if code.isdigit() and len(code) <= 2:
        districts = District.objects.filter(major_district__number=int(code))
    else:
        districts = District.objects.filter(code=code)
    if not districts.exists():
        raise Http404
    return districts


@require_safe
def area_view(request: HttpRequest, code: str) -> HttpResponse:
    """Counts by category over time and the current hot spots of a major district or a
    district: where concern clusters, at the neighbourhood level."""
    districts = _districts(code)
    first = districts.select_related("major_district").first()
    name = first.major_district.name if len(code) <= 2 and first else first.name if first else ""
    return render(
        request,
        "concerns/area.html",
        {"name": name, "code": code, "concerns": selectors.area_concerns(districts)},
    )
