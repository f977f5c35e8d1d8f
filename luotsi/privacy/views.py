from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from luotsi.privacy import selectors


@require_safe
def records(request: HttpRequest) -> HttpResponse:
    """The public records of processing activities (GDPR art. 30), generated from the same
    declarations the retention run acts on."""
    return render(
        request,
        "privacy/records.html",
        {"controller": selectors.controller_name(), "records": selectors.processing_records()},
    )
