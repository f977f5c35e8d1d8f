"""Import people from CSV/XLSX (checked first, imported when confirmed), export what the user
may see, and merge duplicates."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.network import permissions, services
from luotsi.network.forms import ImportMappingForm, ImportUploadForm, MergeForm
from luotsi.network.importing import ImportFileError
from luotsi.network.models import ImportBatch, ImportStatus
from luotsi.network.views.common import network_view
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

EXPORT_COLUMNS = {
    "contacts": ("full_name", "title", "email", "phone", "district__code", "visibility"),
    "organisations": (
        "name",
        "kind",
        "street_address",
        "email",
        "phone",
        "website",
        "district__code",
        "is_active",
        "business_id",
        "trade_names",
        "sector",
    ),
}


@network_view
@require_http_methods(["GET", "POST"])
def import_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.import_start(
                by=request.user,
                filename=upload.name,
                content=upload.read(),
                consent=form.consent(),
                district=form.cleaned_data["district"],
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("network:import", pk=batch.pk)
    return render(
        request,
        "network/import_list.html",
        {"form": form, "batches": ImportBatch.objects.filter(created_by=request.user)[:20]},
        status=400 if request.method == "POST" else 200,
    )


@network_view
@require_http_methods(["GET", "POST"])
def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = ImportBatch.objects.filter(pk=pk, created_by=request.user).first()
    if batch is None:
        raise Http404
    mapping_form = ImportMappingForm(
        request.POST if request.POST.get("action") == "remap" else None,
        columns=batch.columns,
        mapping=batch.mapping,
    )
    if request.method == "POST" and batch.status == ImportStatus.PREVIEW:
        if request.POST.get("action") == "remap" and mapping_form.is_valid():
            batch.mapping = mapping_form.mapping()
            services.import_check(batch=batch, by=request.user)
            messages.success(request, _("The rows were checked again with the new mapping."))
            return redirect("network:import", pk=pk)
        if request.POST.get("action") == "confirm":
            try:
                services.import_confirm(
                    batch=batch, by=request.user, merge_duplicates="merge" in request.POST
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            return redirect("network:import", pk=pk)
    batch.refresh_from_db()
    template = "network/_import_status.html" if request.htmx else "network/import_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"batch": batch, "mapping_form": mapping_form})


@network_view
@require_safe
def export(request: AuthenticatedHttpRequest, kind: str, fmt: str) -> HttpResponse:
    """What the user may see, as CSV or XLSX; every export is written to the audit log."""
    if kind == "contacts":
        queryset = permissions.contacts_visible_to(request.user)
    elif kind == "organisations":
        queryset = permissions.organisations_visible_to(request.user)  # type: ignore[assignment]
    else:
        raise Http404
    columns = EXPORT_COLUMNS[kind]
    rows = list(queryset.order_by("pk").values_list(*columns))
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type=queryset.model._meta.label_lower,
        object_id="*",
        summary=f"{len(rows)} rows as {fmt}",
    )
    header = [column.replace("__code", "") for column in columns]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(kind)
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
        buffer_bytes = io.BytesIO()
        book.save(buffer_bytes)
        response = HttpResponse(
            buffer_bytes.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="luotsi-{kind}.{fmt}"'
    return response


@network_view
@require_http_methods(["GET", "POST"])
def contact_merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    keep = permissions.access_contact(request.user, pk)
    candidates = permissions.contacts_visible_to(request.user).exclude(pk=keep.pk)
    if keep.district_id:
        candidates = candidates.filter(district=keep.district)
    form = MergeForm(request.POST or None, candidates=candidates.order_by("full_name"))
    if request.method == "POST" and form.is_valid():
        services.contact_merge(keep=keep, duplicate=form.cleaned_data["duplicate"], by=request.user)
        messages.success(request, _("The duplicate was merged; its history is now here."))
        return redirect("network:contact", pk=keep.pk)
    return render(
        request,
        "network/contact_merge.html",
        {"contact": keep, "form": form},
        status=400 if request.method == "POST" else 200,
    )
