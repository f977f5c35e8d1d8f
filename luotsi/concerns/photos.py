"""Photos residents attach: checked (really an image, of an accepted type and size) and
re-encoded, which drops every piece of metadata (GPS position, camera serial, time) and
applies the camera's rotation first so the picture still stands the right way up."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PHOTOS = 3
MAX_SIDE = 2048  # larger photos are scaled down: plenty to see a broken bench
MAX_PIXELS = 50_000_000  # refuse decompression bombs before decoding
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile
    content_type: str
    width: int
    height: int


def clean_photo(upload: UploadedFile) -> CleanPhoto:
    name = upload.name or "photo"
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("%(name)s is too large: at most %(mb)d MB per photo.")
            % {"name": name, "mb": MAX_BYTES // (1024 * 1024)}
        )
    try:
        with Image.open(upload) as probe:
            kind = probe.format or ""
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("%(name)s has too many pixels.") % {"name": name})
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            picture = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("%(name)s is not a photo Luotsi accepts (JPEG, PNG or WebP).") % {"name": name}
        ) from exc
    if kind not in FORMATS:
        raise ValidationError(
            _("%(name)s is not a photo Luotsi accepts (JPEG, PNG or WebP).") % {"name": name}
        )
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    if kind == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    out = io.BytesIO()
    # A fresh save with no exif/icc arguments writes pixels only.
    picture.save(out, format=kind, quality=85) if kind != "PNG" else picture.save(out, format=kind)
    content_type, extension = FORMATS[kind]
    return CleanPhoto(
        content=ContentFile(out.getvalue(), name=f"photo.{extension}"),
        content_type=content_type,
        width=picture.width,
        height=picture.height,
    )
