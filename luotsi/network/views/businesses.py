"""The business register's import page: upload → dry-run report of every row → commit.

The checked rows travel back with the "commit" POST signed for the user (no server-side
batch: ImportBatch is the contact import's, with its consent fields and people counters);
a batch too large to carry in the page is uploaded again. The commit checks the rows again
inside its transaction, so what is written matches the register at that moment.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.network.business_import import (
    BusinessImport,
    batch_from_token,
    batch_token,
    business_import_run,
    read_businesses,
)
from luotsi.network.forms import BusinessImportForm
from luotsi.network.importing import ImportFileError
from luotsi.network.views.common import network_view


def _token_fits(token: str) -> bool:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    # Room for the CSRF token and the other fields of the POST.
    return limit is None or len(token) < limit - 4096


@network_view
@require_http_methods(["GET", "POST"])
def business_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BusinessImportForm(request.POST or None, request.FILES or None)
    report: BusinessImport | None = None
    token = ""
    update_existing = False
    if request.method == "POST" and form.is_valid():
        commit = request.POST.get("action") == "commit"
        update_existing = form.cleaned_data["update_existing"]
        upload = form.cleaned_data["file"]
        try:
            if upload:
                filename = upload.name
                header, rows = read_businesses(filename, upload.read())
            else:
                filename, header, rows = batch_from_token(
                    by=request.user, token=form.cleaned_data["batch"]
                )
            report = business_import_run(
                by=request.user,
                filename=filename,
                header=header,
                rows=rows,
                commit=commit,
                update_existing=update_existing,
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if report.committed:
                messages.success(
                    request,
                    _(
                        "Businesses imported: %(created)d added, %(updated)d updated, "
                        "%(skipped)d rows skipped."
                    )
                    % {
                        "created": report.ready,
                        "updated": report.updates,
                        "skipped": report.duplicates + report.rejected,
                    },
                )
                return redirect(reverse("network:organisations") + "?kind=business")
            token = batch_token(by=request.user, filename=filename, header=header, rows=rows)
            if not _token_fits(token):
                token = ""
    return render(
        request,
        "network/business_import.html",
        {
            "form": form,
            "report": report,
            "token": token,
            "update_existing": update_existing,
        },
        status=400 if request.method == "POST" and report is None else 200,
    )
