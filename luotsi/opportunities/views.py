"""Ways to take part: the public pages per area (HTML, plain text, Atom) and the officers'
pages for entering them."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.accounts.selectors import officers_serving
from luotsi.areas.models import District, MajorDistrict
from luotsi.events.forms import areas_for
from luotsi.opportunities import permissions, selectors, services
from luotsi.opportunities.forms import BOUNDARIES, OpportunityForm, TakePartFilterForm
from luotsi.opportunities.models import Opportunity
from luotsi.web.decorators import signed_in_as
from luotsi.web.languages import language_name

FEED_LIMIT = 200


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    districts = District.objects.defer(*BOUNDARIES).order_by("code")
    majors = (
        MajorDistrict.objects.defer(*BOUNDARIES)
        .order_by("number")
        .prefetch_related(Prefetch("districts", queryset=districts))
    )
    return render(request, "opportunities/index.html", {"majors": majors})


def _area(code: str) -> tuple[Any, str, MajorDistrict]:
    """The districts behind an area code (a major district number or a district code), the
    area's name and its major district; 404 for an unknown code."""
    districts = areas_for(code)
    first = districts.select_related("major_district").first() if districts is not None else None
    if first is None:
        raise Http404
    major = first.major_district
    return districts, (major.name if code.isdigit() and len(code) <= 2 else first.name), major


def _listing(request: HttpRequest, code: str) -> dict[str, Any]:
    districts, name, major = _area(code)
    form = TakePartFilterForm(request.GET or None)
    topic, language = "", ""
    if form.is_bound and form.is_valid():
        topic, language = form.cleaned_data["topic"], form.cleaned_data["language"]
    now = timezone.now()
    items = selectors.items_for(
        districts=districts, topics=[topic] if topic else [], language=language, now=now
    )
    return {
        "code": code,
        "name": name,
        "major": major,
        "form": form,
        "open_now": [i for i in items if i.is_open(now)],
        "coming_soon": [i for i in items if not i.is_open(now)],
        "officers": officers_serving(major),
        "now": now,
    }


def _language_names(codes: list[str]) -> str:
    return ", ".join(language_name(c) for c in codes) or language_name("fi")


@require_safe
def area(request: HttpRequest, code: str) -> HttpResponse:
    context = _listing(request, code)
    form = context["form"]
    status = 400 if form.is_bound and not form.is_valid() else 200
    for key in ("open_now", "coming_soon"):
        context[key] = [(i, _language_names(i.languages)) for i in context[key]]
    return render(request, "opportunities/area.html", context, status=status)


@require_safe
def area_text(request: HttpRequest, code: str) -> HttpResponse:
    context = _listing(request, code)
    for key in ("open_now", "coming_soon"):
        context[key] = [(i, _language_names(i.languages)) for i in context[key]]
    context["site_url"] = settings.SITE_URL
    body = render_to_string("opportunities/area.txt", context, request=request)
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_safe
def area_feed(request: HttpRequest, code: str) -> HttpResponse:
    context = _listing(request, code)
    page = settings.SITE_URL + reverse("opportunities:area", args=[code])
    feed = Atom1Feed(
        title=_("Ways to take part: %(area)s") % {"area": context["name"]},
        link=page,
        description=_("Open now and coming soon in %(area)s.") % {"area": context["name"]},
        language=request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "fi",
        feed_url=settings.SITE_URL + request.path,
        feed_guid=page,
    )
    host = settings.SITE_URL.split("://", 1)[-1]
    for item in (context["open_now"] + context["coming_soon"])[:FEED_LIMIT]:
        link = item.url if "://" in item.url else settings.SITE_URL + (item.url or page)
        feed.add_item(
            title=str(item.title),
            link=link,
            # Atom's summary is declared type="html": a reader renders it as markup, so the
            # plain text written by officers (or read from a feed) is escaped once more.
            description=escape(item.summary),
            unique_id=f"tag:{host},2026:{item.key}",
            unique_id_is_permalink=False,
            pubdate=item.created_at,
            updateddate=item.created_at,
            categories=[item.kind_label, *item.topics],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


# Officers and the coordinator (others: 403; anonymous: sign in).
manager_view = signed_in_as(permissions.can_manage)


@manager_view
@require_safe
def manage_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = (
        permissions.opportunities_listed_for(request.user)
        .prefetch_related("districts", "major_districts")
        .order_by("-updated_at", "-pk")[:300]
    )
    editable = set(
        permissions.opportunities_editable_by(request.user)
        .filter(pk__in=[r.pk for r in rows])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "opportunities/manage_list.html",
        {"rows": [(r, r.pk in editable) for r in rows]},
    )


def _edit(request: AuthenticatedHttpRequest, opportunity: Opportunity) -> HttpResponse:
    form = OpportunityForm(request.POST or None, instance=opportunity, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.opportunity_save(
                    opportunity=form.save(commit=False),
                    by=request.user,
                    districts=form.cleaned_data["districts"],
                    major_districts=form.cleaned_data["major_districts"],
                    topics=form.cleaned_data["topics"],
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.success(request, _("Saved."))
                return redirect("opportunities:manage")
        status = 400
    return render(
        request,
        "opportunities/manage_form.html",
        {"form": form, "opportunity": opportunity},
        status=status,
    )


@manager_view
@require_http_methods(["GET", "HEAD", "POST"])
def manage_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _edit(request, Opportunity())


@manager_view
@require_http_methods(["GET", "HEAD", "POST"])
def manage_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _edit(request, permissions.access_editable_opportunity(request.user, pk))
