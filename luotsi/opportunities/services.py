"""Writes: officers entering and changing ways to take part."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import District, MajorDistrict
from luotsi.network.models import Topic
from luotsi.network.permissions import districts_for_recording
from luotsi.opportunities import permissions
from luotsi.opportunities.models import Opportunity
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record


@transaction.atomic
def opportunity_save(
    *,
    opportunity: Opportunity,
    by: User,
    districts: Iterable[District] = (),
    major_districts: Iterable[MajorDistrict] = (),
    topics: Iterable[Topic] = (),
) -> Opportunity:
    """Create or change one opportunity with its areas and topics. Raises ValidationError
    when `by` may not place it there (city-wide, or districts outside theirs) or when it
    would be in no area at all."""
    districts, major_districts, topics = list(districts), list(major_districts), list(topics)
    if opportunity.city_wide and not permissions.may_choose_city_wide(by):
        raise ValidationError(
            {
                "city_wide": _(
                    "Only the coordinator and business officers may choose the whole city."
                )
            }
        )
    allowed = districts_for_recording(by)
    if any(not allowed.filter(pk=d.pk).exists() for d in districts) or any(
        not allowed.filter(major_district=m).exists() for m in major_districts
    ):
        raise ValidationError({"districts": _("You may choose your own districts only.")})
    if not (opportunity.city_wide or districts or major_districts):
        raise ValidationError(
            {"districts": _("Choose at least one district or major district, or the whole city.")}
        )
    created = opportunity.pk is None
    if created:
        opportunity.created_by = by
    opportunity.full_clean(exclude=["created_by"])
    opportunity.save()
    opportunity.districts.set(districts)
    opportunity.major_districts.set(major_districts)
    opportunity.topics.set(topics)
    audit_record(
        actor=by,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        obj=opportunity,
        summary=str(opportunity.title),
    )
    return opportunity
