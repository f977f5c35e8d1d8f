"""Receiving residents' messages: check, locate, route to the officer on duty, store the
photos, tell the resident. The workflow after that is in `workflow.py`; conflict cases in
`cases.py`. Views, the Open311 API and the demo call these and nothing else."""

import datetime
import math
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import AssignmentKind, OfficerAssignment, Role, User
from luotsi.areas.locate import OutsideCity
from luotsi.areas.models import District
from luotsi.concerns.models import (
    ApiKey,
    AttributeType,
    Message,
    MessageStatus,
    MessageStep,
    Photo,
    Queue,
    Service,
    Source,
    StepKind,
)
from luotsi.concerns.notifications import notify_resident
from luotsi.concerns.photos import MAX_PHOTOS, clean_photo
from luotsi.concerns.workdays import add_working_days

MAX_DESCRIPTION = 5000


@dataclass(frozen=True)
class Route:
    queue: str
    officer: User | None


def route_for(*, service: Service, district: District | None, day: datetime.date) -> Route:
    """Business categories go to the business officers' shared queue; a located message to
    the district officer on duty that day (on a handover day, the one who starts that day);
    anything else to the coordinator."""
    if service.is_business:
        return Route(Queue.BUSINESS, None)
    if district is not None:
        assignment = (
            OfficerAssignment.objects.active_on(day)
            .filter(
                kind=AssignmentKind.DISTRICT,
                major_districts=district.major_district_id,
                officer__is_active=True,
            )
            .select_related("officer")
            .order_by("-starts_on", "-pk")
            .first()
        )
        if assignment is not None:
            return Route(Queue.DISTRICT, assignment.officer)
    coordinator = (
        User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("date_joined").first()
    )
    return Route(Queue.COORDINATOR, coordinator)


def _check_attributes(service: Service, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers to the category's questions (Open311 attributes), checked by type."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for attribute in service.attributes.all():
        value = answers.get(attribute.code)
        if value in (None, "", []):
            if attribute.required:
                errors[f"attribute[{attribute.code}]"] = _("This question needs an answer.")
            continue
        keys = {str(v.get("key")) for v in attribute.values}
        if attribute.datatype == AttributeType.NUMBER:
            try:
                value = float(str(value))
            except (TypeError, ValueError):
                value = math.nan
            if not math.isfinite(value):  # "nan", "inf" and "1e999" parse, but are no answer
                errors[f"attribute[{attribute.code}]"] = _("Give a number.")
                continue
        elif attribute.datatype == AttributeType.SINGLE and str(value) not in keys:
            errors[f"attribute[{attribute.code}]"] = _("Choose one of the options.")
            continue
        elif attribute.datatype == AttributeType.MULTI:
            chosen = value if isinstance(value, list) else [value]
            if not set(map(str, chosen)) <= keys:
                errors[f"attribute[{attribute.code}]"] = _("Choose among the options.")
                continue
            value = [str(v) for v in chosen]
        else:
            value = str(value)[:2000]
        cleaned[attribute.code] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def message_submit(
    *,
    service: Service,
    kind: str,
    description: str,
    language: str,
    lat: float | None = None,
    lon: float | None = None,
    address_string: str = "",
    contact_name: str = "",
    contact_email: str = "",
    consent: bool = False,
    photos: Iterable[UploadedFile] = (),
    attributes: Mapping[str, Any] | None = None,
    submitted_by: User | None = None,
    source: str = Source.WEB,
    api_key: ApiKey | None = None,
    now: datetime.datetime | None = None,
) -> Message:
    """Store a resident's message and route it. Nothing is stored unless all of it is good
    (photos included); the resident gets a reference and a private link."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    description = description.strip()
    if not description:
        errors["description"] = _("Tell us what your message is about.")
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = _("At most %(max)d characters, please.") % {"max": MAX_DESCRIPTION}
    if not service.is_active:
        errors["service"] = _("This category is no longer in use.")
    contact_email = contact_email.strip().lower()
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            errors["contact_email"] = _("Enter a valid e-mail address.")
    if (contact_email or contact_name.strip()) and not consent:
        errors["consent"] = _("We can keep your contact details only with your consent.")
    uploads = list(photos)
    if len(uploads) > MAX_PHOTOS:
        errors["photos"] = _("At most %(max)d photos.") % {"max": MAX_PHOTOS}
    if errors:
        raise ValidationError(errors)
    cleaned_photos = [clean_photo(upload) for upload in uploads]  # raises on a bad file
    answers = _check_attributes(service, attributes or {})

    message = Message(
        kind=kind,
        service=service,
        description=description,
        address_string=address_string.strip()[:250],
        language=language,
        contact_name=contact_name.strip()[:200],
        contact_email=contact_email,
        consented_at=now if consent and (contact_email or contact_name.strip()) else None,
        submitted_by=submitted_by if submitted_by and submitted_by.is_authenticated else None,
        attributes=answers,
        source=source,
        api_key=api_key,
        created_at=now,
        token=secrets.token_urlsafe(32),
    )
    try:
        message.place(lat=lat, lon=lon, require_inside=lat is not None)
    except OutsideCity as exc:
        raise ValidationError({"location": _("This place is outside the city.")}) from exc
    day = timezone.localtime(now).date()
    route = route_for(service=service, district=message.district, day=day)
    message.queue, message.assigned_to = route.queue, route.officer
    message.due_on = add_working_days(day, settings.CONCERNS_ANSWER_WITHIN_WORKING_DAYS)
    message.reference = message.token[:20]  # replaced below, once the number is known
    message.full_clean(exclude=["reference", "token", "due_on", "queue"])
    message.save()
    message.reference = f"{day.year}-{message.pk:05d}"
    message.save(update_fields=["reference"])
    for photo in cleaned_photos:
        Photo.objects.create(
            message=message,
            image=photo.content,
            content_type=photo.content_type,
            width=photo.width,
            height=photo.height,
            size=photo.content.size,
        )
    MessageStep.objects.create(
        message=message, kind=StepKind.STATUS, status=MessageStatus.NEW, at=now
    )
    if message.contact_email:
        notify_resident(message, "received")
    return message
