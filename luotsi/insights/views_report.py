"""The annual report (issue 12, part 3): the form (period, scope, language), the report as a
page and as a PDF. HTTP only: the figures come from selectors_report.annual_report.

The report is rendered in the language chosen on the form (translation.override), whatever
the language of the rest of the site; bad query parameters give the form back with the errors
(400), never a 500."""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from luotsi.accounts.models import User
from luotsi.insights import forms_report, selectors_report
from luotsi.insights.permissions_programme import can_view_programme
from luotsi.web.decorators import signed_in_as

programme_view = signed_in_as(can_view_programme)


def _form(request: HttpRequest, *, bound: bool) -> forms_report.ReportForm:
    user = cast(User, request.user)
    forms_report.check_scope_visible(user, request.GET.get("scope"))
    return forms_report.ReportForm(
        request.GET if bound else None,
        user=user,
        default_language=translation.get_language(),
    )


def _form_page(
    request: HttpRequest, form: forms_report.ReportForm, *, status: int = 200
) -> HttpResponse:
    ready = form.is_bound and form.is_valid()
    return render(
        request,
        "insights/programme/report_form.html",
        {"form": form, "query": form.query() if ready else ""},
        status=status,
    )


@programme_view
@require_safe
def report_form(request: HttpRequest) -> HttpResponse:
    """The form; once it has been sent and is valid, the links to the page and the PDF."""
    form = _form(request, bound=bool(request.GET))
    if form.is_bound and not form.is_valid():
        return _form_page(request, form, status=400)
    return _form_page(request, form)


def _report(request: HttpRequest, form: forms_report.ReportForm) -> dict[str, object]:
    return {
        "report": selectors_report.annual_report(
            user=cast(User, request.user),
            period=form.period(),
            major=form.major(),
            language=form.chosen_language(),
            generated_at=timezone.now(),
        ),
        "query": form.query(),
    }


@programme_view
@require_safe
def report_html(request: HttpRequest) -> HttpResponse:
    form = _form(request, bound=True)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    with translation.override(form.chosen_language()):
        context = _report(request, form)
        # Rendered inside the override so that the page, its numbers and dates are all in
        # the report's language.
        content = render_to_string("insights/programme/report.html", context, request=request)
    return HttpResponse(content)


@programme_view
@require_safe
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The report as a PDF to send to the city board (WeasyPrint, rendered on the server)."""
    form = _form(request, bound=True)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    try:
        from weasyprint import HTML  # imports Pango: only when a PDF is asked for
    except OSError:  # pragma: no cover - the system library is missing
        return HttpResponse(
            _("PDF export needs the Pango library on the server."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    with translation.override(form.chosen_language()):
        context = _report(request, form)
        html = render_to_string("insights/programme/report_pdf.html", context, request=request)
        filename = context["report"].filename()  # type: ignore[attr-defined]
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
