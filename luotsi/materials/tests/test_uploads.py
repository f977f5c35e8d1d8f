import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from luotsi.materials.models import Variant, VariantStatus
from luotsi.privacy.models import AuditEvent
from luotsi.testing import materials as mat
from luotsi.testing.personas import Personas

pytestmark = pytest.mark.django_db


def _signed_in(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.officer_south)
    return client


def _post(client: Client, variant: Variant, upload: SimpleUploadedFile, status: str = "ready"):
    return client.post(
        reverse("materials:variant", args=[variant.pk]),
        {"status": status, "text": "", "file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _stored_files() -> set[str]:
    """Every file under materials/ in the (in-memory) default storage."""
    if not default_storage.exists("materials"):
        return set()
    folders, _files = default_storage.listdir("materials")
    return {
        f"{folder}/{name}"
        for folder in folders
        for name in default_storage.listdir(f"materials/{folder}")[1]
    }


def test_a_pdf_is_accepted_for_a_pdf_version_and_served_to_everyone(personas: Personas):
    variant = mat.variant(mat.item(personas), "so", "pdf", VariantStatus.NEEDED)

    response = _post(_signed_in(personas), variant, mat.pdf("warbixin.pdf"))

    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.status == VariantStatus.READY
    assert variant.file_type == "application/pdf" and variant.file.name.endswith("warbixin.pdf")
    download = Client().get(reverse("materials:file", args=[variant.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]


def test_a_file_of_the_wrong_type_for_the_format_is_refused_naming_the_field(
    personas: Personas,
):
    variant = mat.variant(mat.item(personas), "so", "pdf", VariantStatus.NEEDED)
    before = _stored_files()
    upload = SimpleUploadedFile("talk.mp3", b"ID3\x03\x00" + b"\x00" * 100)

    response = _post(_signed_in(personas), variant, upload)

    assert response.status_code == 400
    assert "File: The file talk.mp3 is not of a type this format takes: use PDF." in (
        response.content.decode()
    )
    variant.refresh_from_db()
    assert variant.status == VariantStatus.NEEDED and not variant.file
    assert _stored_files() == before


def test_a_renamed_file_is_refused_by_its_content(personas: Personas):
    variant = mat.variant(mat.item(personas), "so", "pdf", VariantStatus.NEEDED)
    before = _stored_files()
    upload = SimpleUploadedFile("warbixin.pdf", b"MZ\x90\x00 this is a program")

    response = _post(_signed_in(personas), variant, upload)

    assert response.status_code == 400
    assert "The file warbixin.pdf is not really a PDF file." in response.content.decode()
    assert _stored_files() == before


@override_settings(MATERIALS_MAX_UPLOAD_MB=1)
def test_a_file_over_the_size_limit_is_refused_naming_the_field(personas: Personas):
    variant = mat.variant(mat.item(personas), "so", "audio", VariantStatus.NEEDED)
    before = _stored_files()
    upload = SimpleUploadedFile("puhe.mp3", b"ID3" + b"\x00" * (1024 * 1024))

    response = _post(_signed_in(personas), variant, upload)

    assert response.status_code == 400
    assert "File: The file puhe.mp3 is too large: at most 1 MB." in response.content.decode()
    assert _stored_files() == before


@pytest.mark.parametrize(
    ("format", "name", "content"),
    [
        ("audio", "puhe.mp3", b"ID3\x04\x00" + b"\x00" * 64),
        ("audio", "puhe.mp3", b"\xff\xfb\x90\x64" + b"\x00" * 64),
        ("audio", "puhe.ogg", b"OggS\x00\x02" + b"\x00" * 64),
        ("audio", "puhe.m4a", b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 64),
        ("audio", "puhe.wav", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64),
        ("sign_video", "viittoen.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64),
        ("sign_video", "viittoen.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 64),
        ("web", "teksti.txt", "Soo dhawoow — tervetuloa!".encode()),
        ("easy_read", "selko.pdf", mat.PDF_BYTES),
    ],
)
def test_each_format_takes_its_own_file_types(
    personas: Personas, format: str, name: str, content: bytes
):
    variant = mat.variant(mat.item(personas), "so", format, VariantStatus.NEEDED)

    response = _post(_signed_in(personas), variant, SimpleUploadedFile(name, content))

    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(
    ("format", "name", "content"),
    [
        ("sign_video", "viittoen.mp4", b"OggS" + b"\x00" * 64),
        ("web", "teksti.txt", b"\x00\x01binary"),
        ("audio", "puhe.docx", b"PK\x03\x04"),
    ],
)
def test_wrong_content_or_extension_is_refused(
    personas: Personas, format: str, name: str, content: bytes
):
    variant = mat.variant(mat.item(personas), "so", format, VariantStatus.NEEDED)

    response = _post(_signed_in(personas), variant, SimpleUploadedFile(name, content))

    assert response.status_code == 400
    assert f"The file {name}" in response.content.decode()


def test_a_ready_version_without_text_or_file_is_refused_with_the_field(personas: Personas):
    variant = mat.variant(mat.item(personas), "so", "web", VariantStatus.NEEDED)

    response = _signed_in(personas).post(
        reverse("materials:variant", args=[variant.pk]),
        {"status": "ready", "text": "  "},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert "Status: A ready version needs its text or a file." in response.content.decode()


def test_replacing_a_file_removes_the_old_one_after_the_commit(personas: Personas):
    variant = mat.variant_with_file(mat.item(personas))
    old = variant.file.name

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = _post(_signed_in(personas), variant, mat.pdf("uusi.pdf"))

    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.file.name.endswith("uusi.pdf")
    assert not default_storage.exists(old) and default_storage.exists(variant.file.name)


def test_deleting_a_version_is_audited_and_its_file_removed(personas: Personas):
    variant = mat.variant_with_file(mat.item(personas))
    name = variant.file.name
    client = _signed_in(personas)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("materials:variant-delete", args=[variant.pk]))

    assert response.status_code == 302
    assert not Variant.objects.filter(pk=variant.pk).exists()
    assert not default_storage.exists(name)
    event = AuditEvent.objects.get(object_type="materials.variant", object_id=str(variant.pk))
    assert event.actor == personas.officer_south and event.action == "delete"


def test_nothing_is_stored_when_the_row_cannot_be_saved(personas: Personas):
    from django.core.exceptions import ValidationError

    from luotsi.materials import services

    item = mat.item(personas)
    mat.variant(item, "so", "pdf", VariantStatus.NEEDED)
    duplicate = Variant(item=item, language="so", format="pdf", status=VariantStatus.READY)
    before = _stored_files()

    with pytest.raises(ValidationError):
        services.variant_save(variant=duplicate, by=personas.officer_south, upload=mat.pdf())

    assert _stored_files() == before
