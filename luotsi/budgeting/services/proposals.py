"""Residents' proposals: submitting one during the proposals phase, and moderating it."""

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.locate import OutsideCity
from luotsi.areas.models import MajorDistrict
from luotsi.budgeting.models import Cycle, Proposal, ProposalStatus
from luotsi.budgeting.models.proposals import LANGUAGE_CODE
from luotsi.budgeting.permissions.proposals import may_moderate
from luotsi.concerns.photos import clean_photo
from luotsi.network.models import Topic
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record


def clean_language_code(value: str) -> str:
    code = (value or "").strip().lower()
    if not LANGUAGE_CODE.fullmatch(code):
        raise ValidationError(
            {"language": _("Give the language as a code, e.g. fi, sv, en, so or ar.")}
        )
    return code


def proposal_submit(
    *,
    cycle: Cycle,
    by: User,
    title: str,
    description: str,
    language: str,
    lat: float | None = None,
    lon: float | None = None,
    major_district: MajorDistrict | None = None,
    citywide: bool = False,
    topics: Iterable[Topic] = (),
    image: UploadedFile | None = None,
    image_alt: str = "",
    author_display_name: str = "",
) -> Proposal:
    """A signed-in person's proposal, waiting for moderation. Only while proposals are open.

    The place is a point (located to its district and major district), else a chosen major
    district, else the whole city (`citywide` must say so). An image is re-encoded, which
    drops its metadata (GPS position, camera), and needs a description."""
    if not by.is_authenticated or not by.is_active:
        raise ValidationError(_("Sign in to make a proposal."))
    if not cycle.proposals_open_at():
        raise ValidationError(
            _("Proposals can be made from %(start)s to %(end)s.")
            % {
                "start": cycle.proposals_start.strftime("%d.%m.%Y"),
                "end": cycle.proposals_end.strftime("%d.%m.%Y"),
            }
        )
    errors: dict[str, str] = {}
    title, description = title.strip(), description.strip()
    if not title:
        errors["title"] = _("Give your proposal a title.")
    if not description:
        errors["description"] = _("Describe your proposal.")
    try:
        language = clean_language_code(language)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    image_alt = image_alt.strip()
    if image is not None and not image_alt:
        errors["image_alt"] = _("Describe what the image shows, for those who cannot see it.")
    proposal = Proposal(
        cycle=cycle,
        title=title,
        description=description,
        language=language,
        author=by,
        author_display_name=author_display_name.strip(),
        image_alt=image_alt if image is not None else "",
        token=secrets.token_hex(8),
    )
    if lat is not None and lon is not None:
        try:
            proposal.place(lat=lat, lon=lon, city=cycle.city, require_inside=True)
        except OutsideCity:
            errors["lat"] = _("The place is outside the city. Choose a place in the city.")
        else:
            district = proposal.district
            proposal.major_district = district.major_district if district else None
    elif (lat is None) != (lon is None):
        errors["lat"] = _("Give both the latitude and the longitude.")
    elif major_district is not None:
        if major_district.city_id != cycle.city_id:
            errors["area"] = _("Choose a major district of this city.")
        proposal.major_district = major_district
    elif not citywide:
        errors["area"] = _("Give a place, or choose a major district or the whole city.")
    cleaned_image = None
    if image is not None and "image" not in errors:
        try:
            cleaned_image = clean_photo(image)
        except ValidationError as exc:
            errors["image"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        proposal.save()
        if cleaned_image is not None:
            # Saved after the row exists: the file name carries the proposal's number.
            proposal.image.save(cleaned_image.content.name or "image", cleaned_image.content)
        proposal.topics.set(list(topics))
        audit_record(
            actor=by, action=AuditAction.CREATE, obj=proposal, summary="PB proposal submitted"
        )
    return proposal


def _check_moderator(proposal: Proposal, by: User) -> None:
    if not may_moderate(by, proposal):
        raise ValidationError(_("You do not moderate the proposals of this district."))


def proposal_publish(*, proposal: Proposal, by: User) -> Proposal:
    """Publish a proposal waiting for moderation (or one rejected before, on second thought)."""
    _check_moderator(proposal, by)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status not in (ProposalStatus.SUBMITTED, ProposalStatus.REJECTED):
            raise ValidationError(
                _("Only a proposal waiting for moderation or not published can be published.")
            )
        locked.status = ProposalStatus.PUBLISHED
        locked.moderation_reason = ""
        locked.moderated_by, locked.moderated_at = by, timezone.now()
        locked.save()
        audit_record(
            actor=by, action=AuditAction.CHANGE, obj=locked, summary="PB proposal published"
        )
    return locked


def proposal_reject(*, proposal: Proposal, by: User, reason: str) -> Proposal:
    """Not publish a proposal, with the reason its author reads."""
    _check_moderator(proposal, by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the proposal is not published.")})
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status not in (ProposalStatus.SUBMITTED, ProposalStatus.PUBLISHED):
            raise ValidationError(
                _("A proposal merged into a plan or already rejected cannot be rejected.")
            )
        locked.status = ProposalStatus.REJECTED
        locked.moderation_reason = reason
        locked.moderated_by, locked.moderated_at = by, timezone.now()
        locked.save()
        audit_record(
            actor=by, action=AuditAction.CHANGE, obj=locked, summary="PB proposal rejected"
        )
    return locked
