"""The feedback part of a campaign: the targets' form (through the personal link, no sign-in),
the printable information letters, the coverage page, the questions and the export."""

import csv
import io
from collections.abc import Callable
from functools import wraps
from html import escape
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.campaigns import coverage as selectors
from luotsi.campaigns import feedback as services
from luotsi.campaigns.feedback_forms import FeedbackForm, QuestionForm
from luotsi.campaigns.models import Campaign, Response, Target
from luotsi.campaigns.permissions import access_campaign, access_target_by_token, can_run_campaigns
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record
from luotsi.web.languages import message_language
from luotsi.web.maps import map_settings
from luotsi.web.spreadsheets import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- The target's form --------------------------------------------------------------------


def _form_language(request: HttpRequest, target: Target) -> str:
    """?lang= (the form's own switcher) first; then a language the visitor chose with the
    site's switcher (its cookie); else the language the target was given."""
    for asked in (
        request.POST.get("lang"),
        request.GET.get("lang"),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
    ):
        if asked in services.LANGUAGE_CODES:
            return str(asked)
    return target.language


def _read_only_answers(
    questions: list[Any], response: Response | None, language: str
) -> list[tuple[str, str]]:
    answers = response.answers if response is not None else {}
    return [
        (question.text, selectors.answer_text(question, answers.get(str(question.pk)), language))
        for question in questions
    ]


def _languages(current: str) -> list[dict[str, Any]]:
    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "current": code == current,
        }
        for code in services.LANGUAGE_CODES
    ]


def _feedback_page(request: HttpRequest, target: Target, language: str) -> HttpResponse:
    campaign = target.campaign
    questions = list(campaign.questions.all())
    existing = Response.objects.filter(target=target).first()
    context: dict[str, Any] = {
        "campaign": campaign,
        "target": target,
        "officers": campaign.officers.all(),
        "response": existing,
        "form_languages": _languages(language),
        "form_language": language,
    }
    is_open = campaign.feedback_open
    if request.method == "POST" and is_open:
        form = FeedbackForm(request.POST, questions=questions, language=language)
        if form.is_valid():
            try:
                services.response_save(target=target, answers=form.answers(), language=language)
            except ValidationError as exc:
                if getattr(exc, "code", None) == "closed":
                    is_open = False  # the deadline passed while the form was being filled in
                else:
                    form.add_answer_errors(exc)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! Your answers have been saved. You can change them "
                        "through this link until the feedback period ends."
                    ),
                )
                url = reverse("campaigns:feedback", args=[target.token])
                return redirect(f"{url}?lang={language}")
        if is_open:
            context["form"] = form
            return render(request, "campaigns/feedback_form.html", context, status=400)
    if not is_open:
        context["answers"] = _read_only_answers(questions, existing, language)
        context["ended_message"] = services.period_ended_message()
        status = 400 if request.method == "POST" else 200
        return render(request, "campaigns/feedback_closed.html", context, status=status)
    context["form"] = FeedbackForm(
        questions=questions,
        language=language,
        answers=existing.answers if existing is not None else None,
    )
    return render(request, "campaigns/feedback_form.html", context)


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The target's form in its language, without signing in. An unknown token (or one of a
    removed target) is 404; after the deadline the answers are shown read-only."""
    target = access_target_by_token(token)
    language = _form_language(request, target)
    # The whole page in the form's language: base.html reads the active language for
    # <html lang>, and messages and errors are translated when they are made.
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = _feedback_page(request, target, language)
    response.headers["Content-Language"] = language
    return response


# --- Officers' pages ------------------------------------------------------------------------


def campaign_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in people who may run campaigns, for a campaign they may run: others 403, a
    campaign they may not see 404, anonymous visitors sign in. Passes the campaign on."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_run_campaigns(request.user):
            raise PermissionDenied
        campaign = access_campaign(request.user, pk)
        return view(request, campaign, *args, **kwargs)

    return wrapped


def feedback_url(target: Target) -> str:
    return settings.SITE_URL + reverse("campaigns:feedback", args=[target.token])


def qr_svg(url: str, name: str) -> SafeString:
    """The link as an inline SVG QR code, an image named `name` for assistive technology."""
    svg = segno.make(url, error="m").svg_inline(scale=3, svgclass="qr-code", title=name)
    label = escape(name, quote=True)
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308 - segno's own output, the label escaped  # nosec B308 B703


def _letters(targets: list[Target]) -> list[dict[str, Any]]:
    letters = []
    for target in targets:
        url = feedback_url(target)
        with translation.override(target.language):
            name = _("QR code of the link to the feedback form")
        letters.append({"target": target, "url": url, "qr": qr_svg(url, name)})
    return letters


def _letter_context(campaign: Campaign, targets: list[Target]) -> dict[str, Any]:
    return {
        "campaign": campaign,
        "officers": list(campaign.officers.all()),
        "letters": _letters(targets),
    }


def _targets(campaign: Campaign) -> list[Target]:
    return list(campaign.targets.select_related("organisation"))


@campaign_view
@require_safe
def letters(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    """Every target's information letter, one a printed page."""
    return render(request, "campaigns/letters.html", _letter_context(campaign, _targets(campaign)))


@campaign_view
@require_safe
def letter(request: AuthenticatedHttpRequest, campaign: Campaign, target_pk: int) -> HttpResponse:
    target = get_object_or_404(campaign.targets.select_related("organisation"), pk=target_pk)
    context = _letter_context(campaign, [target])
    context["single"] = target
    return render(request, "campaigns/letters.html", context)


@campaign_view
@require_safe
def letters_pdf(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    """The letters as one PDF to print (WeasyPrint, rendered on the server)."""
    try:
        from weasyprint import HTML  # imports Pango: only when a PDF is asked for
    except OSError:  # pragma: no cover - the system library is missing
        return HttpResponse(
            _("PDF export needs the Pango library on the server."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    html = render_to_string(
        "campaigns/letters_pdf.html",
        _letter_context(campaign, _targets(campaign)),
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letters-{campaign.pk}.pdf"'
    return response


@campaign_view
@require_safe
def coverage(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    language = message_language()
    return render(
        request,
        "campaigns/coverage.html",
        {
            "campaign": campaign,
            "coverage": selectors.campaign_coverage(campaign),
            "summaries": selectors.answer_summary(campaign, language),
            "markers": selectors.target_markers(campaign),
            "map": map_settings(),
        },
    )


@campaign_view
@require_http_methods(["GET", "POST"])
def questions(request: AuthenticatedHttpRequest, campaign: Campaign) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_add(
                campaign=campaign,
                by=request.user,
                text_fi=data["text_fi"],
                text_sv=data["text_sv"],
                text_en=data["text_en"],
                kind=data["kind"],
                choices=data["choices"],
                required=data["required"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The question was added."))
            return redirect("campaigns:questions", pk=campaign.pk)
    language = message_language()
    return render(
        request,
        "campaigns/questions.html",
        {
            "campaign": campaign,
            "questions": [
                {
                    "question": question,
                    "options": [services.option_name(c, language) for c in question.choices],
                }
                for question in campaign.questions.all()
            ],
            "has_answers": Response.objects.filter(target__campaign=campaign).exists(),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@campaign_view
@require_POST
def question_remove(
    request: AuthenticatedHttpRequest, campaign: Campaign, question_pk: int
) -> HttpResponse:
    question = get_object_or_404(campaign.questions, pk=question_pk)
    try:
        services.question_remove(question=question, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question was removed."))
    return redirect("campaigns:questions", pk=campaign.pk)


@campaign_view
@require_safe
def export(request: AuthenticatedHttpRequest, campaign: Campaign, fmt: str) -> HttpResponse:
    """One row per target with its answers, as CSV or XLSX; written to the audit log."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    language = message_language()
    header, rows = selectors.export_rows(campaign, language)
    # Answers come from the public: no cell may run as a formula in a spreadsheet.
    header = [safe_cell(cell) for cell in header]
    rows = [[safe_cell(cell) for cell in row] for row in rows]
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        obj=campaign,
        summary=f"{len(rows)} targets with their answers as {fmt}",
    )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Targets")[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(data.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.pk}.{fmt}"'
    return response
