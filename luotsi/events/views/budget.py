"""The events budget: allocated, committed and spent per major district and in total."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.events import accounting, permissions, selectors
from luotsi.events.forms import BudgetForm
from luotsi.events.views.manage import organiser_view


def _year(value: str | None) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@organiser_view
@require_http_methods(["GET", "POST"])
def budget(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _year(request.GET.get("year"))
    may_set = permissions.may_set_budgets(request.user)
    form = BudgetForm(request.POST or None, initial={"year": year}) if may_set else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                accounting.budget_set(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The allocation has been saved."))
                return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    lines, total = selectors.budget_lines(request.user, year)
    return render(
        request,
        "events/budget.html",
        {
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1),
            "lines": lines,
            "total": total,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
