"""Files officers attach to a language version: checked by size (MATERIALS_MAX_UPLOAD_MB),
by extension against the version's format, and by content (the first bytes must be what the
extension says), so that a renamed executable is never offered to residents as a PDF.

Office documents (DOCX, ODT) are not accepted: residents get PDFs, and a PDF is what the
print shop takes too.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from luotsi.materials.models import Format

SNIFF_BYTES = 4096


def _pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF-")


def _mp3(head: bytes) -> bool:
    # An ID3 tag, or straight into an MPEG audio frame (11 sync bits set).
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _ogg(head: bytes) -> bool:
    return head.startswith(b"OggS")


def _iso_media(head: bytes) -> bool:
    # MP4 and M4A: an ISO base media file starts with its "ftyp" box.
    return head[4:8] == b"ftyp"


def _wav(head: bytes) -> bool:
    return head.startswith(b"RIFF") and head[8:12] == b"WAVE"


def _webm(head: bytes) -> bool:
    return head.startswith(b"\x1a\x45\xdf\xa3")


def _text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The sample may end in the middle of a character; anything earlier is not text.
        return exc.start >= len(head) - 3
    return True


@dataclass(frozen=True)
class Kind:
    content_type: str
    sniff: Callable[[bytes], bool]
    description: str


KINDS: dict[str, Kind] = {
    ".pdf": Kind("application/pdf", _pdf, "PDF"),
    ".txt": Kind("text/plain; charset=utf-8", _text, "TXT"),
    ".mp3": Kind("audio/mpeg", _mp3, "MP3"),
    ".ogg": Kind("audio/ogg", _ogg, "OGG"),
    ".m4a": Kind("audio/mp4", _iso_media, "M4A"),
    ".wav": Kind("audio/wav", _wav, "WAV"),
    ".mp4": Kind("video/mp4", _iso_media, "MP4"),
    ".webm": Kind("video/webm", _webm, "WebM"),
}

EXTENSIONS_FOR: dict[str, tuple[str, ...]] = {
    Format.WEB: (".txt",),
    Format.PDF: (".pdf",),
    Format.PRINT: (".pdf",),
    Format.AUDIO: (".mp3", ".ogg", ".m4a", ".wav"),
    Format.SIGN_VIDEO: (".mp4", ".webm"),
    Format.EASY_READ: (".pdf", ".txt"),
}


def accepted_types(format: str) -> str:
    """The accepted file types of a format, for help texts (e.g. "MP3, OGG, M4A, WAV")."""
    return ", ".join(KINDS[extension].description for extension in EXTENSIONS_FOR[format])


def max_bytes() -> int:
    return int(settings.MATERIALS_MAX_UPLOAD_MB) * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    name: str
    content_type: str
    size: int


def check_upload(upload: UploadedFile, *, format: str) -> CheckedFile:
    """The upload, if it is of a type the format takes and not too large; otherwise a
    ValidationError on the "file" field that names the file and says what would do."""
    name = PurePath(upload.name or "file").name
    size = upload.size or 0
    if size > max_bytes():
        raise ValidationError(
            {
                "file": _("The file %(name)s is too large: at most %(mb)d MB.")
                % {"name": name, "mb": settings.MATERIALS_MAX_UPLOAD_MB}
            }
        )
    if size == 0:
        raise ValidationError({"file": _("The file %(name)s is empty.") % {"name": name}})
    extension = PurePath(name).suffix.lower()
    allowed = EXTENSIONS_FOR.get(format, ())
    if extension not in allowed:
        raise ValidationError(
            {
                "file": _("The file %(name)s is not of a type this format takes: use %(types)s.")
                % {"name": name, "types": accepted_types(format)}
            }
        )
    kind = KINDS[extension]
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if not kind.sniff(head):
        raise ValidationError(
            {
                "file": _("The file %(name)s is not really a %(type)s file.")
                % {"name": name, "type": kind.description}
            }
        )
    return CheckedFile(upload=upload, name=name, content_type=kind.content_type, size=size)
