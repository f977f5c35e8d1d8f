import datetime
import io
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.utils import timezone, translation
from PIL import Image

from luotsi.accounts.models import AssignmentKind, Role
from luotsi.areas.models import MajorDistrict
from luotsi.concerns import services, workflow
from luotsi.concerns.models import Message, MessageStatus, Queue
from luotsi.concerns.workdays import add_working_days
from luotsi.testing import concerns as cn
from luotsi.testing.factories import OfficerAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x010F] = "CanaryCam"  # Make
    exif[0x8825] = {2: (60.0, 10.0, 0.0)}  # GPS info
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_located_message_goes_to_the_officer_on_duty_with_a_working_day_deadline(personas):
    message = cn.message()
    assert message.district is not None
    assert (message.district.code, message.queue) == ("101", Queue.DISTRICT)
    assert message.assigned_to == personas.officer_south
    assert message.reference == f"{timezone.localdate().year}-{message.pk:05d}"
    assert message.due_on == add_working_days(timezone.localdate(), 10)
    assert message.steps.get().status == MessageStatus.NEW


def test_business_categories_go_to_the_business_queue_and_unlocated_ones_to_the_coordinator(
    personas,
):
    business = cn.message(service_code="business-area")
    assert (business.queue, business.assigned_to) == (Queue.BUSINESS, None)
    unlocated = cn.message(point=None)
    assert (unlocated.queue, unlocated.assigned_to) == (Queue.COORDINATOR, personas.coordinator)


def test_routing_follows_the_handover_day(personas):
    """The old officer's last day is theirs; the successor's first day is the successor's."""
    south = MajorDistrict.objects.get(number=1)
    assignment = personas.officer_south.assignments.get()
    assignment.ends_on = datetime.date(2026, 6, 30)
    assignment.starts_on = datetime.date(2024, 1, 1)
    assignment.save()
    successor = UserFactory.create(email="successor@example.org", role=Role.DISTRICT_OFFICER)
    OfficerAssignmentFactory.create(
        officer=successor, major_districts=[south], starts_on=datetime.date(2026, 7, 1)
    )
    parks = cn.service()
    district = cn.message().district
    last_day = services.route_for(service=parks, district=district, day=datetime.date(2026, 6, 30))
    first_day = services.route_for(service=parks, district=district, day=datetime.date(2026, 7, 1))
    assert last_day.officer == personas.officer_south
    assert first_day.officer == successor
    assert first_day.queue == Queue.DISTRICT
    assert assignment.kind == AssignmentKind.DISTRICT


def test_deadlines_skip_weekends_and_finnish_public_holidays():
    # Thursday 24.12.2026: 25.12. and 26.12. are holidays, 27.12. a Sunday.
    assert add_working_days(datetime.date(2026, 12, 24), 1) == datetime.date(2026, 12, 28)
    # Midsummer Eve 2026 (Friday 19.6.) is a holiday in Finland.
    assert add_working_days(datetime.date(2026, 6, 18), 1) == datetime.date(2026, 6, 22)


def test_bad_messages_are_refused_naming_the_field_and_nothing_is_stored(personas):
    before = Message.objects.count()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"description": "  "}, "description"),
        ({"lat": 59.0, "lon": 24.0}, "location"),
        ({"contact_email": "me@example.org"}, "consent"),
        ({"contact_email": "not-an-email", "consent": True}, "contact_email"),
    ]
    for fields, field in cases:
        point = None if "lat" in fields else cn.SOUTH
        with translation.override("en"), pytest.raises(ValidationError) as error:
            cn.message(point=point, **fields)
        assert field in error.value.message_dict, fields
    with pytest.raises(ValidationError):
        cn.message(photos=[SimpleUploadedFile("notes.txt", b"just text", "text/plain")])
    assert Message.objects.count() == before


def test_photos_are_re_encoded_without_their_metadata(personas):
    original = jpeg_with_gps()
    assert b"CanaryCam" in original
    message = cn.message(photos=[SimpleUploadedFile("p.jpg", original, "image/jpeg")])
    photo = message.photos.get()
    stored = photo.image.open("rb").read()
    assert b"CanaryCam" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and not image.getexif()
    assert (photo.width, photo.height, photo.content_type) == (64, 48, "image/jpeg")


@override_settings(CONCERNS_ANONYMOUS_PER_HOUR=0)
def test_an_oversized_photo_is_refused(personas, monkeypatch):
    from luotsi.concerns import photos

    monkeypatch.setattr(photos, "MAX_BYTES", 100)
    with pytest.raises(ValidationError):
        cn.message(photos=[SimpleUploadedFile("p.jpg", jpeg_with_gps(), "image/jpeg")])


def test_the_answer_reaches_the_resident_by_email_in_their_language_and_through_the_link(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = cn.message(contact_email="resident@example.org", consent=True, language="sv")
    assert mail.outbox[-1].subject == f"Vi har tagit emot ditt meddelande {message.reference}"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.message_set_status(
            message=message, by=personas.officer_south, status="acknowledged"
        )
        workflow.message_set_status(
            message=message,
            by=personas.officer_south,
            status="answered",
            text="The fence will be repaired next week.",
        )
    assert "The fence will be repaired next week." in mail.outbox[-1].body
    page = Client().get(f"/concerns/m/{message.token}/").content.decode()
    assert "The fence will be repaired next week." in page
    message.refresh_from_db()
    assert message.status == MessageStatus.ANSWERED and message.answered_at is not None


def test_the_workflow_refuses_impossible_steps(personas):
    message = cn.message()
    with pytest.raises(ValidationError):
        workflow.message_set_status(message=message, by=personas.officer_south, status="answered")
    with pytest.raises(ValidationError):
        workflow.message_set_status(message=message, by=personas.officer_south, status="forwarded")
    with pytest.raises(PermissionDenied):
        workflow.message_set_status(
            message=message, by=personas.officer_east, status="acknowledged"
        )
    forwarded = workflow.message_set_status(
        message=message, by=personas.officer_south, status="forwarded", department="Kymp"
    )
    assert forwarded.forwarded_to == "Kymp"
    assert message.steps.filter(kind="reply").exists()


def test_a_merged_duplicate_gets_the_main_messages_answers(personas):
    main = cn.message()
    duplicate = cn.message(description="The fence again.")
    workflow.message_merge(duplicate=duplicate, into=main, by=personas.officer_south)
    duplicate.refresh_from_db()
    assert duplicate.status == MessageStatus.CLOSED and duplicate.duplicate_of == main
    workflow.message_set_status(
        message=main, by=personas.officer_south, status="answered", text="Fixed."
    )
    assert duplicate.steps.filter(kind="reply", text="Fixed.").exists()
    with pytest.raises(ValidationError):
        workflow.message_merge(duplicate=main, into=main, by=personas.officer_south)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.filter(pk=main.pk).update(duplicate_of=main)


def test_reassigning_moves_the_message_to_the_new_officers_queue(personas):
    message = cn.message()
    workflow.message_reassign(message=message, by=personas.officer_south, to=personas.coordinator)
    message.refresh_from_db()
    assert (message.assigned_to, message.queue) == (personas.coordinator, Queue.COORDINATOR)
    with pytest.raises(ValidationError):
        workflow.message_reassign(message=message, by=personas.coordinator, to=personas.resident)


def test_overdue_messages_are_flagged_until_answered(personas):
    message = cn.message(now=timezone.now() - datetime.timedelta(days=30))
    assert message.is_overdue
    assert Message.objects.overdue().filter(pk=message.pk).exists()
    workflow.message_set_status(
        message=message, by=personas.officer_south, status="answered", text="Sorry for the wait."
    )
    assert not Message.objects.overdue().filter(pk=message.pk).exists()


def test_other_districts_messages_are_404_to_officers(personas):
    message = cn.message()
    seen = {}
    for name in ("officer_south", "officer_east", "business_officer", "coordinator"):
        client = Client()
        client.force_login(getattr(personas, name))
        seen[name] = client.get(f"/concerns/{message.pk}/").status_code
        queue = client.get("/concerns/queue/").content.decode()
        assert (message.reference in queue) == (seen[name] == 200), name
    assert seen == {
        "officer_south": 200,
        "officer_east": 404,
        "business_officer": 404,
        "coordinator": 200,
    }


CANARY = "CANARY-5ee1"


def test_the_public_never_sees_personal_data(personas):
    message = cn.message(
        description=f"My neighbour {CANARY} parks on the lawn",
        contact_name=f"Name {CANARY}",
        contact_email=f"{CANARY.lower()}@example.org",
        address_string=f"Kruununhaka {CANARY}",
        consent=True,
    )
    with pytest.raises(ValidationError):
        workflow.message_publish(
            message=message, by=personas.officer_south, public_text=f"From Name {CANARY}"
        )
    workflow.message_publish(
        message=message, by=personas.officer_south, public_text="Cars parked on a park lawn."
    )
    client = Client()
    for url in [
        "/concerns/public/",
        "/concerns/public/?area=1",
        "/concerns/areas/1/",
        "/concerns/areas/101/",
        f"/concerns/m/{'x' * 10}/",
    ]:
        body = client.get(url).content.decode()
        assert CANARY not in body and CANARY.lower() not in body, url
    assert "Cars parked on a park lawn." in client.get("/concerns/public/").content.decode()


def test_the_message_page_sends_a_message_with_a_map_point_and_shows_the_private_link(personas):
    client = Client()
    response = client.post(
        "/concerns/new/",
        {
            "kind": "idea",
            "service": cn.service("parks").pk,
            "description": "More benches, please.",
            "lat": str(cn.EAST[0]),
            "lon": str(cn.EAST[1]),
            "language": "en",
        },
    )
    assert response.status_code == 302
    message = Message.objects.get(description="More benches, please.")
    assert response["Location"] == f"/concerns/m/{message.token}/"
    assert message.district is not None and message.district.code == "704"
    assert message.assigned_to == personas.officer_east


def test_anonymous_senders_are_rate_limited(personas):
    cache.clear()
    client = Client()
    data = {"kind": "idea", "service": cn.service("parks").pk, "description": "x", "language": "fi"}
    with override_settings(CONCERNS_ANONYMOUS_PER_HOUR=2):
        statuses = [client.post("/concerns/new/", data).status_code for _ in range(3)]
        signed_in = Client()
        signed_in.force_login(personas.resident)
        assert signed_in.post("/concerns/new/", data).status_code == 302
    assert statuses == [302, 302, 429]
    cache.clear()


def test_behind_the_proxy_each_client_has_its_own_limit(personas):
    # Every request comes from the proxy's address; the proxy appends the client's address.
    cache.clear()
    data = {"kind": "idea", "service": cn.service("parks").pk, "description": "x", "language": "fi"}

    def post(client_ip: str) -> int:
        forwarded = f"203.0.113.9, {client_ip}"  # the first hop is whatever the client said
        return (
            Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
            .post("/concerns/new/", data)
            .status_code
        )

    with override_settings(
        CONCERNS_ANONYMOUS_PER_HOUR=2, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    ):
        first = [post("192.0.2.50") for _ in range(3)]
        other = post("192.0.2.51")
    assert first == [302, 302, 429]
    assert other == 302
    cache.clear()


def test_the_area_view_counts_by_category_and_finds_hot_spots(personas):
    for _ in range(3):
        cn.message()
    cn.message(service_code="streets")
    page = Client().get("/concerns/areas/101/")
    concerns = page.context["concerns"]
    totals = {service.code: total for service, _counts, total in concerns.rows}
    assert totals == {"parks": 3, "streets": 1}
    ((spot, count),) = concerns.hot_spots
    assert count == 4 and spot.district.code == "101"


def test_the_handover_moves_open_messages_and_cases_to_the_successor(personas):
    from luotsi.concerns.models import ConflictCase
    from luotsi.network.services import handover_reassign

    open_message = cn.message()
    answered = cn.message()
    workflow.message_set_status(
        message=answered, by=personas.officer_south, status="answered", text="Done."
    )
    case = ConflictCase(title="Park plan", owner=personas.officer_south)
    case.place(lat=cn.SOUTH[0], lon=cn.SOUTH[1])
    case.save()
    successor = UserFactory.create(email="next@example.org", role=Role.DISTRICT_OFFICER)

    handover_reassign(outgoing=personas.officer_south, successor=successor, by=personas.coordinator)

    open_message.refresh_from_db()
    answered.refresh_from_db()
    case.refresh_from_db()
    assert open_message.assigned_to == successor
    assert answered.assigned_to == personas.officer_south  # history stays as it was
    assert case.owner == successor
