"""What residents see: a public item's ready language versions, and their files."""

from pathlib import PurePath

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from luotsi.materials import permissions, selectors

# Shown in the browser (a PDF, a player); anything else is downloaded.
INLINE_TYPES = ("application/pdf", "audio/", "video/", "text/plain")


@require_safe
def item_public(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.access_public_item(request.user, pk)
    return render(
        request,
        "materials/public_item.html",
        {
            "item": item,
            "variants": selectors.ready_variants(item),
            "may_manage": permissions.may_manage(request.user, item),
        },
    )


@require_safe
def variant_file(request: HttpRequest, pk: int) -> FileResponse:
    """A version's file: for anyone when it is a ready version of a public item, otherwise
    only for those who manage the item (404 for everybody else)."""
    variant = permissions.access_variant_file(request.user, pk)
    inline = variant.file_type.startswith(INLINE_TYPES)
    response = FileResponse(
        variant.file.open("rb"),
        content_type=variant.file_type or "application/octet-stream",
        as_attachment=not inline,
        filename=PurePath(variant.file.name).name,
    )
    public = variant.item.public and variant.is_ready
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
