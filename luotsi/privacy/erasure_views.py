"""Erasing a person's data (GDPR art. 17): the coordinator's page for anybody's, a resident's
page for their own account. The rules are in erasure_services.py; these views carry them
over HTTP."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.privacy import erasure_services
from luotsi.privacy.erasure_forms import EraseOwnForm, EraseSubjectForm
from luotsi.privacy.erasure_permissions import can_erase_for_others, can_erase_own
from luotsi.privacy.export_forms import SubjectForm
from luotsi.privacy.portability import Subject
from luotsi.web.decorators import signed_in_as


def _erased_message(counts: dict[str, int]) -> str:
    described = erasure_services.describe(counts)
    if not described:
        return _("Nothing was found to erase. The request is recorded in the audit log.")
    listed = ", ".join(f"{name}: {n}" for _label, name, n in described)
    return _("The person's data was erased (%(counts)s).") % {"counts": listed}


def _confirmation(
    request: AuthenticatedHttpRequest, form: EraseSubjectForm, email: str, status: int = 200
) -> HttpResponse:
    subject = Subject.by_email(email)
    context = {
        "form": form,
        "subject": subject,
        "counts": erasure_services.erasure_preview(subject=subject, by=request.user),
    }
    return render(request, "privacy/subject_erase.html", context, status=status)


@signed_in_as(can_erase_for_others)
@require_http_methods(["GET", "POST"])
def subject_erase(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET ?email=…: what would be erased, and the form asking for the address again.
    POST: erase, and back to the look-up with the counts."""
    if request.method == "POST":
        form = EraseSubjectForm(request.POST)
        if form.is_valid():
            counts = erasure_services.erase_person(
                Subject.by_email(form.cleaned_data["email"]), by=request.user
            )
            messages.success(request, _erased_message(counts))
            return redirect("privacy:subject")
        if "email" in form.errors:
            return render(request, "privacy/subject_erase.html", {"form": form}, status=400)
        return _confirmation(request, form, form.cleaned_data["email"], status=400)
    lookup = SubjectForm(request.GET)
    if not lookup.is_valid():
        # The person is found on the look-up page, which also explains a wrong address.
        typed = request.GET.get("email", "")
        query = f"?{urlencode({'email': typed})}" if typed else ""
        return redirect(f"{reverse('privacy:subject')}{query}")
    email = lookup.cleaned_data["email"]
    return _confirmation(request, EraseSubjectForm(initial={"email": email}), email)


@signed_in_as(can_erase_own)
@require_http_methods(["GET", "POST"])
def erase_own(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What erasing one's own account does, and the password that confirms it; then the
    person is signed out and shown that it is done."""
    user = request.user
    form = EraseOwnForm(request, user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        erasure_services.erase_person(Subject.of_user(user), by=user)
        logout(request)
        return redirect("privacy:erase-done")
    counts = erasure_services.erasure_preview(subject=Subject.of_user(user), by=user)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "counts": counts, "email": user.email}
    return render(request, "privacy/erase_own.html", context, status=status)


@require_safe
def erase_done(request: HttpRequest) -> HttpResponse:
    """The confirmation after erasing one's own account (the person is signed out by then,
    so the page is public; it says nothing about anybody)."""
    return render(request, "privacy/erase_done.html")
