"""The one-time export link: own data and the coordinator's look-up, once, for 15 minutes, in
the same session of the same person; audited; anything else is a 404."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.utils import timezone

from luotsi.concerns.models import StepKind
from luotsi.privacy import export_services
from luotsi.privacy.export_services import ExportGone, export_download, export_request_create
from luotsi.privacy.models import AuditAction, AuditEvent, ExportRequest
from luotsi.privacy.personal_data import export_requests_delete_expired
from luotsi.privacy.portability import Subject
from luotsi.testing import concerns as cn
from luotsi.testing import events as ev
from luotsi.testing import subscriptions as sb

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read the English pages
    client.force_login(user)
    return client


def prepare(client: Client, url: str = "/privacy/export/", data: dict | None = None) -> str:
    """POST "prepare", follow to the page showing the link, return the link."""
    response = client.post(url, data or {})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/export/ready/"
    page = client.get("/privacy/export/ready/")
    assert page.status_code == 200
    link = page.context["token"]
    assert f"/privacy/export/{link}/" in page.content.decode()
    return f"/privacy/export/{link}/"


def sections(response) -> dict[str, list[dict]]:
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert set(data) == {"generated_at", "subject", "controller", "sections"}
    datetime.datetime.fromisoformat(data["generated_at"])
    return {s["key"]: s["records"] for s in data["sections"]}


def test_a_resident_downloads_their_own_data_once(personas):
    resident = personas.resident
    registration = ev.registration(ev.event(personas), email="RESIDENT@example.org", name="Riku R")
    message = cn.message(submitted_by=resident, description="Broken bench by the shore")
    message.steps.create(kind=StepKind.REPLY, text="Thanks, the bench is fixed")
    sb.subscriber("resident@example.org")
    ev.registration(ev.event(personas), email="someone.else@example.org", name="Not Riku")
    client = signed_in(resident)

    assert client.get("/privacy/export/").status_code == 200
    link = prepare(client)
    response = client.get(link)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="luotsi-personal')
    assert "no-store" in response["Cache-Control"]
    found = sections(response)
    assert found["account"][0]["email"] == "resident@example.org"
    assert [r["id"] for r in found["event_registrations"]] == [registration.pk]
    assert found["messages"][0]["description"] == "Broken bench by the shore"
    assert found["messages"][0]["replies"][0]["text"] == "Thanks, the bench is fixed"
    assert len(found["subscriptions"]) == 1
    assert "Not Riku" not in response.content.decode()

    again = client.get(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    # The page showing the link is gone with it.
    assert client.get("/privacy/export/ready/").status_code == 302


def test_every_export_is_audited_naming_the_subject_by_id_without_the_data(personas):
    ev.registration(ev.event(personas), email="resident@example.org", name="Secret Name")
    client = signed_in(personas.resident)
    client.get(prepare(client))

    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == personas.resident
    assert (event.object_type, event.object_id) == ("accounts.user", str(personas.resident.pk))
    # The subject is named by their account; the log holds no addresses or names.
    assert "resident@example.org" not in event.summary
    assert "Secret Name" not in event.summary
    assert event.summary.startswith("personal data export (")


def test_the_link_works_for_15_minutes(personas):
    resident = personas.resident
    start = timezone.now()
    subject = Subject.of_user(resident)
    late = export_request_create(subject=subject, by=resident, session_key="s1", now=start)
    in_time = export_request_create(subject=subject, by=resident, session_key="s1", now=start)

    assert late.request.expires_at == start + 15 * MINUTE
    with pytest.raises(ExportGone):
        export_download(token=late.token, by=resident, session_key="s1", now=start + 15 * MINUTE)
    _, data = export_download(
        token=in_time.token, by=resident, session_key="s1", now=start + 14 * MINUTE
    )
    assert data["subject"]["email"] == resident.email


def test_an_expired_link_says_so_to_its_owner_only(personas):
    client = signed_in(personas.resident)
    link = prepare(client)
    ExportRequest.objects.update(
        created_at=timezone.now() - 16 * MINUTE, expires_at=timezone.now() - MINUTE
    )

    response = client.get(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert signed_in(personas.coordinator).get(link).status_code == 404


def test_the_link_fails_in_another_session_or_for_another_person(personas):
    client = signed_in(personas.resident)
    link = prepare(client)

    assert signed_in(personas.resident).get(link).status_code == 404  # another session
    assert signed_in(personas.coordinator).get(link).status_code == 404
    assert Client().get(link).status_code == 404
    assert ExportRequest.objects.get().used_at is None  # none of them used it up
    assert client.get(link).status_code == 200


def test_the_link_is_not_in_the_database(personas):
    client = signed_in(personas.resident)
    link = prepare(client)
    token = link.split("/")[-2]
    row = ExportRequest.objects.get()
    assert token not in (row.token_hash, row.session_hash)
    assert row.token_hash == export_services.sha256(token)
    assert row.session_hash == export_services.sha256(client.session.session_key or "")


def test_an_unknown_token_is_404_for_everyone(personas):
    for user in (personas.resident, personas.coordinator):
        assert signed_in(user).get("/privacy/export/not-a-token/").status_code == 404
    assert Client().get("/privacy/export/not-a-token/").status_code == 404


def test_the_coordinator_exports_a_person_by_email(personas):
    ev.registration(ev.event(personas), email="Aino.Asukas@example.org", name="Aino Asukas")
    sb.subscriber("aino.asukas@example.org")
    client = signed_in(personas.coordinator)

    page = client.get("/privacy/subject/", {"email": "aino.asukas@EXAMPLE.org"})
    assert page.status_code == 200
    counts = {key: count for key, _, count in page.context["counts"]}
    assert counts["event_registrations"] == 1
    assert counts["subscriptions"] == 1
    assert counts["account"] == 0
    looked = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="privacy.datasubject")
    assert looked.actor == personas.coordinator

    link = prepare(client, "/privacy/subject/", {"email": "aino.asukas@example.org"})
    found = sections(client.get(link))
    assert found["event_registrations"][0]["name"] == "Aino Asukas"
    export = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert export.object_type == "privacy.exportrequest"
    # The log holds ids and counts, never the address.
    assert "aino" not in export.summary.lower() and "aino" not in looked.summary.lower()


def test_the_coordinator_page_refuses_an_invalid_address(personas):
    client = signed_in(personas.coordinator)
    assert client.get("/privacy/subject/", {"email": "nope"}).status_code == 200
    assert client.post("/privacy/subject/", {"email": "nope"}).status_code == 400
    assert ExportRequest.objects.count() == 0


@pytest.mark.parametrize("name", ["resident", "official", "officer_south", "business_officer"])
def test_only_the_coordinator_exports_other_peoples_data(personas, name):
    user = personas.get(name)
    assert signed_in(user).get("/privacy/subject/").status_code == 403
    assert signed_in(user).post("/privacy/subject/", {"email": "x@example.org"}).status_code == 403
    with pytest.raises(PermissionDenied):
        export_request_create(
            subject=Subject.by_email("coordinator@example.org"), by=user, session_key="s"
        )


def test_export_requests_are_deleted_a_day_after_they_expire(personas):
    resident = personas.resident
    now = timezone.now()
    old = export_request_create(
        subject=Subject.of_user(resident),
        by=resident,
        session_key="s",
        now=now - 2 * 24 * 60 * MINUTE,
    )
    export_request_create(subject=Subject.of_user(resident), by=resident, session_key="s", now=now)

    assert export_requests_delete_expired(now=now, dry_run=True) == {"deleted": 1}
    assert export_requests_delete_expired(now=now) == {"deleted": 1}
    assert not ExportRequest.objects.filter(pk=old.request.pk).exists()
    with pytest.raises(Http404):
        export_download(token=old.token, by=resident, session_key="s", now=now)
