"""Writes for running campaigns: the campaign and its area, its targets, and the contacts
made with them. Each function is one transaction, checks the rules and records who did it;
views call these and nothing else.

Contact history is never lost: a target that has been contacted (or has answered) stays,
even when the area no longer covers it, and cannot be removed by hand.
"""

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import Role, User
from luotsi.areas.models import District
from luotsi.campaigns.area import (
    address_street_and_number,
    area_errors,
    clear_unused_fields,
    districts_of,
    organisations_in_area,
    split_kinds,
)
from luotsi.campaigns.models import (
    AreaKind,
    Campaign,
    CampaignStatus,
    Question,
    Response,
    Target,
    TargetStatus,
)
from luotsi.campaigns.permissions import can_run_campaigns, may_run
from luotsi.network.models import Channel, Interaction, Organisation, OrganisationKind
from luotsi.network.permissions import (
    can_use_network,
    districts_for_recording,
    organisations_visible_to,
    sees_everything,
)
from luotsi.network.services import interaction_log
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record

# The languages a target's feedback form and letters exist in.
FORM_LANGUAGES = tuple(code for code, _name in settings.MESSAGE_LANGUAGES)
DEFAULT_FORM_LANGUAGE = "fi"


def is_business_campaign(campaign: Campaign) -> bool:
    """A campaign whose targets are businesses only: the business officers' street work."""
    return split_kinds(campaign.target_kinds) == [OrganisationKind.BUSINESS]


def may_edit(user: User | AnonymousUser, campaign: Campaign) -> bool:
    """Who may create a campaign or change its facts and area (what campaign_save checks
    before the area's districts): business campaigns are the business officers' and the
    coordinator's; other campaigns anyone who runs them (new ones: any officer)."""
    if not isinstance(user, User) or not can_run_campaigns(user):
        return False
    if campaign.pk is not None and not may_run(user, campaign):
        return False
    if is_business_campaign(campaign):
        return sees_everything(user) or user.role == Role.BUSINESS_OFFICER
    return True


def target_language(organisation: Organisation) -> str:
    """The language of the organisation's form: its preferred language, else the first
    language it uses, when the form exists in it; Finnish otherwise."""
    preferred = str(getattr(organisation, "preferred_language", "") or "").strip().lower()
    if preferred in FORM_LANGUAGES:
        return preferred
    codes = [code.strip().lower() for code in organisation.languages.split(",") if code.strip()]
    if codes and codes[0] in FORM_LANGUAGES:
        return codes[0]
    return DEFAULT_FORM_LANGUAGE


def area_field(campaign: Campaign) -> str:
    """The form field an error about the area belongs to."""
    return {
        AreaKind.STREET: "street",
        AreaKind.BUFFER: "buffer_metres",
        AreaKind.POLYGON: "polygon",
    }.get(AreaKind(campaign.area_kind), "area_kind")


def _date_errors(campaign: Campaign) -> dict[str, str]:
    errors: dict[str, str] = {}
    deadline, starts = campaign.feedback_deadline, campaign.information_starts_on
    if deadline and starts and timezone.localtime(deadline).date() < starts:
        errors["feedback_deadline"] = _(
            "The feedback deadline must be after the information phase starts."
        )
    works_start, works_end = campaign.works_start_on, campaign.works_end_on
    if works_start and works_end and works_end < works_start:
        errors["works_end_on"] = _("The works cannot end before they start.")
    return errors


def _district_names(pks: Iterable[int]) -> str:
    names = (
        District.objects.filter(pk__in=list(pks)).order_by("code").values_list("name", flat=True)
    )
    return ", ".join(names)


@transaction.atomic
def campaign_save(
    *,
    campaign: Campaign,
    by: User,
    officers: Iterable[User] = (),
    questions: Sequence[Question] | None = None,
) -> Campaign:
    """Create or change a campaign (the form has set its fields) and gather its targets.

    The area must match at least one active organisation of the campaign's types among those
    `by` may see, and every district it touches must be one where `by` records work.
    Gathering adds a target for each matching organisation not yet targeted, keeps targets
    added by hand, and drops automatically added ones outside the area only while nobody
    has contacted them. `officers` default to `by` for a new campaign; `questions`, when
    given, become the feedback form's questions in that order.
    """
    if not may_edit(by, campaign):
        raise PermissionDenied
    creating = campaign.pk is None
    if not creating:
        # Saving twice at once would gather the same organisations twice.
        Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("pk").get()
    clear_unused_fields(campaign)
    kinds = split_kinds(campaign.target_kinds)
    campaign.target_kinds = ",".join(k for k in OrganisationKind.values if k in kinds) or (
        campaign.target_kinds
    )
    errors = {
        **area_errors(
            area_kind=campaign.area_kind,
            street=campaign.street,
            number_from=campaign.number_from,
            number_to=campaign.number_to,
            buffer_metres=campaign.buffer_metres,
            polygon=campaign.polygon,
            target_kinds=campaign.target_kinds,
        ),
        **_date_errors(campaign),
    }
    if errors:
        raise ValidationError(errors)
    campaign.street = campaign.street.strip()

    match = organisations_in_area(campaign, candidates=organisations_visible_to(by))
    if not match.organisations:
        raise ValidationError(
            {area_field(campaign): _("No organisations of these types in the area.")}
        )
    area_districts = districts_of(match)
    allowed = set(
        districts_for_recording(by).filter(pk__in=area_districts).values_list("pk", flat=True)
    )
    if area_districts - allowed:
        raise ValidationError(
            {
                area_field(campaign): _(
                    "The area reaches districts where you do not record work: %(names)s."
                )
                % {"names": _district_names(area_districts - allowed)}
            }
        )

    if creating:
        campaign.created_by = by
    campaign.full_clean(exclude=["officers", "districts"])
    campaign.save()
    people = list(officers) or ([by] if creating else [])
    if people:
        if not all(can_use_network(person) for person in people):
            raise ValidationError({"officers": _("The responsible officers must be officers.")})
        campaign.officers.set(people)
    if questions is not None:
        _questions_replace(campaign, questions)
    added, removed = _gather(campaign, match.organisations)
    by_hand = campaign.targets.filter(added_by_hand=True, organisation__district__isnull=False)
    campaign.districts.set(
        area_districts | set(by_hand.values_list("organisation__district", flat=True))
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE if creating else AuditAction.CHANGE,
        obj=campaign,
        summary=f"targets +{added} -{removed}",
    )
    return campaign


def _new_target(campaign: Campaign, organisation: Organisation, *, by_hand: bool) -> Target:
    return Target(
        campaign=campaign,
        organisation=organisation,
        token=secrets.token_urlsafe(32),
        house_number=address_street_and_number(organisation.street_address)[1],
        language=target_language(organisation),
        added_by_hand=by_hand,
    )


def _gather(campaign: Campaign, organisations: Sequence[Organisation]) -> tuple[int, int]:
    """(targets added, targets removed). Precondition: the campaign's row is locked (or new)."""
    targeted = set(campaign.targets.values_list("organisation_id", flat=True))
    new = [_new_target(campaign, o, by_hand=False) for o in organisations if o.pk not in targeted]
    Target.objects.bulk_create(new)
    stale = (
        campaign.targets.filter(
            added_by_hand=False,
            status=TargetStatus.NOT_CONTACTED,
            contacted_on__isnull=True,
            response__isnull=True,
        )
        .exclude(organisation__in=[o.pk for o in organisations])
        .values_list("pk", flat=True)
    )
    _total, per_model = Target.objects.filter(pk__in=list(stale)).delete()
    return len(new), per_model.get(Target._meta.label, 0)


def _questions_replace(campaign: Campaign, questions: Sequence[Question]) -> None:
    keep = [q.pk for q in questions if q.pk is not None]
    dropped = campaign.questions.exclude(pk__in=keep)
    if dropped.exists() and Response.objects.filter(target__campaign=campaign).exists():
        raise ValidationError(
            {"__all__": _("Questions cannot be removed once someone has answered.")}
        )
    dropped.delete()
    for order, question in enumerate(questions):
        question.campaign = campaign
        question.order = order
        question.full_clean(exclude=["campaign"])
        question.save()


def _require_runner(by: User, campaign: Campaign) -> None:
    if not may_run(by, campaign):
        raise PermissionDenied


@transaction.atomic
def target_add(*, campaign: Campaign, by: User, organisation: Organisation) -> Target:
    """Add an organisation the area did not pick up (a target added by hand stays through
    later changes of the area)."""
    _require_runner(by, campaign)
    Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("pk").get()
    if not organisations_visible_to(by).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    if organisation.kind not in split_kinds(campaign.target_kinds):
        raise ValidationError(
            {"organisation": _("Only organisations of the campaign's types can be targets.")}
        )
    if campaign.targets.filter(organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(name)s is already a target of this campaign.")
                % {"name": organisation.name}
            }
        )
    target = _new_target(campaign, organisation, by_hand=True)
    target.save()
    if organisation.district_id is not None:
        campaign.districts.add(organisation.district_id)
    audit_record(
        actor=by, action=AuditAction.CHANGE, obj=campaign, summary=f"target added: {target.pk}"
    )
    return target


def _has_history(target: Target) -> bool:
    return (
        target.status != TargetStatus.NOT_CONTACTED
        or target.contacted_on is not None
        or Response.objects.filter(target=target).exists()
    )


@transaction.atomic
def target_remove(*, target: Target, by: User) -> None:
    """Remove a target nobody has contacted yet (contact history is never deleted)."""
    _require_runner(by, target.campaign)
    target = Target.objects.select_for_update().select_related("organisation").get(pk=target.pk)
    if _has_history(target):
        raise ValidationError(
            _("%(name)s has already been contacted; the target and its history stay.")
            % {"name": target.organisation.name}
        )
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=target.campaign,
        summary=f"target removed: {target.pk} ({target.organisation_id})",
    )
    target.delete()


@dataclass(frozen=True)
class ContactRecorded:
    target: Target
    # The network's record of the contact; None (with the reason) when it could not be made.
    interaction: Interaction | None
    not_logged_reason: str = ""


@transaction.atomic
def target_contact(
    *,
    target: Target,
    by: User,
    status: str,
    channel: str,
    contacted_on: datetime.date,
    note: str = "",
) -> ContactRecorded:
    """Record what came of contacting a target, and log it as an interaction with the
    organisation in the network (in the organisation's district), so the next officer
    sees it there too."""
    _require_runner(by, target.campaign)
    target = (
        Target.objects.select_for_update()
        .select_related("campaign", "organisation")
        .get(pk=target.pk)
    )
    errors: dict[str, str] = {}
    if status not in TargetStatus.values or status == TargetStatus.NOT_CONTACTED:
        errors["status"] = _("Choose what came of the contact.")
    if channel not in Channel.values:
        errors["channel"] = _("Choose how the contact was made.")
    if contacted_on > timezone.localdate():
        errors["contacted_on"] = _("A contact cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    target.status = status
    target.channel = channel
    target.contacted_on = contacted_on
    target.contacted_by = by
    target.save(update_fields=["status", "channel", "contacted_on", "contacted_by"])
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=target,
        summary=f"contact: {status} by {channel} on {contacted_on.isoformat()}",
    )
    organisation = target.organisation
    if organisation.district is None:
        return ContactRecorded(
            target,
            None,
            _(
                "The contact was not logged in the network: %(name)s has no district "
                "(add its address or location in the network)."
            )
            % {"name": organisation.name},
        )
    summary = f"{target.campaign.title}: {TargetStatus(status).label}. {note.strip()}".strip()
    interaction = interaction_log(
        by=by,
        occurred_on=contacted_on,
        channel=channel,
        summary=summary,
        district=organisation.district,
        sub_district=organisation.sub_district,
        organisations=[organisation],
    )
    return ContactRecorded(target, interaction)


@transaction.atomic
def campaign_set_status(*, campaign: Campaign, by: User, status: str) -> Campaign:
    """Start, close or reopen a campaign. An active campaign needs at least one target."""
    _require_runner(by, campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if status not in CampaignStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == CampaignStatus.ACTIVE and not campaign.targets.exists():
        raise ValidationError({"status": _("A campaign without targets cannot be started.")})
    if status != campaign.status:
        before = campaign.status
        campaign.status = status
        campaign.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=by, action=AuditAction.CHANGE, obj=campaign, summary=f"status {before}→{status}"
        )
    return campaign
