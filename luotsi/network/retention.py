"""Retention in the network: contacts nobody has worked with for long, and uploaded lists.

Contacts. A contact is inactive when it was created, and last had an interaction, more than
a given number of days ago. At RETENTION_CONTACTS_INACTIVE_DAYS minus RETENTION_WARNING_DAYS
of inactivity the district's officers (the coordinators when the district has none, or the
contact has no district) get one e-mail listing such contacts, and the contact records when;
logging an interaction with it afterwards cancels the warning. Once inactive for the whole
period, and warned at least RETENTION_WARNING_DAYS ago, the contact is erased with
`services.contact_erase`: the person's details go, the interactions stay.

Import batches keep every uploaded row (values and check results) for the preview; after
RETENTION_IMPORT_BATCHES_DAYS the rows are cleared (the counts stay) and uploads that were
never confirmed are deleted.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import Role, User
from luotsi.accounts.selectors import officers_serving
from luotsi.network.models import Contact, ImportBatch, ImportStatus
from luotsi.network.services import contact_erase
from luotsi.privacy.retention import Declaration, LawfulBasis, PurgeResult, cutoff, register
from luotsi.privacy.services import retention_record


def contacts_inactive(*, now: datetime.datetime, days: int) -> QuerySet[Contact]:
    """Contacts not yet erased, created over `days` days before `now`, with no interaction
    dated on or after that day."""
    before = cutoff(now=now, days=days)
    return (
        Contact.objects.filter(erased_at__isnull=True, created_at__lt=before)
        .exclude(interactions__occurred_on__gte=timezone.localdate(before))
        .select_related("district__major_district")
    )


def contacts_to_warn(*, now: datetime.datetime) -> QuerySet[Contact]:
    days = settings.RETENTION_CONTACTS_INACTIVE_DAYS - settings.RETENTION_WARNING_DAYS
    return contacts_inactive(now=now, days=max(days, 0)).filter(retention_warned_at__isnull=True)


def contacts_to_erase(*, now: datetime.datetime) -> QuerySet[Contact]:
    """Inactive for the whole period and warned long enough ago (a late warning, e.g. after
    the period was shortened, still gives the officers their RETENTION_WARNING_DAYS)."""
    warned_before = cutoff(now=now, days=settings.RETENTION_WARNING_DAYS)
    return contacts_inactive(now=now, days=settings.RETENTION_CONTACTS_INACTIVE_DAYS).filter(
        retention_warned_at__lte=warned_before
    )


def _stale_warnings() -> QuerySet[Contact]:
    """Warned contacts with an interaction logged since: the warning no longer stands."""
    return Contact.objects.filter(
        retention_warned_at__isnull=False,
        interactions__created_at__gte=F("retention_warned_at"),
    )


def _responsible(contact: Contact, day: datetime.date) -> list[User]:
    officers = officers_serving(contact.district.major_district, day) if contact.district else []
    if officers:
        return officers
    return list(User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk"))


@transaction.atomic
def contacts_warn_and_erase_expired(
    *, now: datetime.datetime, dry_run: bool = False
) -> PurgeResult:
    """Cancel warnings overtaken by an interaction, erase the contacts whose warning has run
    out, and warn about the next ones (one e-mail per officer, sent after commit).
    Idempotent: a contact is warned once and erased once."""
    from luotsi.network.notifications import notify_retention_warning

    stale = _stale_warnings()
    to_erase = contacts_to_erase(now=now).exclude(pk__in=stale.values("pk"))
    to_warn = contacts_to_warn(now=now)
    if dry_run:
        return {"warned": to_warn.count(), "erased": to_erase.count()}
    Contact.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).update(
        retention_warned_at=None
    )
    erased = 0
    for contact in to_erase:
        contact_erase(contact=contact, by=None)
        erased += 1
    day = timezone.localdate(now)
    recipients: dict[int, list[int]] = defaultdict(list)
    warned = list(contacts_to_warn(now=now).order_by("full_name", "pk"))
    for contact in warned:
        for officer in _responsible(contact, day):
            recipients[officer.pk].append(contact.pk)
    Contact.objects.filter(pk__in=[c.pk for c in warned]).update(retention_warned_at=now)
    erase_on = day + datetime.timedelta(days=settings.RETENTION_WARNING_DAYS)
    for officer_id, contact_ids in recipients.items():
        notify_retention_warning(officer_id=officer_id, contact_ids=contact_ids, erase_on=erase_on)
    result = {"warned": len(warned), "erased": erased}
    retention_record(
        object_type="network.contact",
        result=result,
        days=settings.RETENTION_CONTACTS_INACTIVE_DAYS,
    )
    return result


@transaction.atomic
def import_batches_clear_expired(*, now: datetime.datetime, dry_run: bool = False) -> PurgeResult:
    """Delete unconfirmed uploads and clear the rows of finished ones past retention. A batch
    still importing is left alone."""
    before = cutoff(now=now, days=settings.RETENTION_IMPORT_BATCHES_DAYS)
    old = ImportBatch.objects.filter(created_at__lt=before)
    unconfirmed = old.filter(status=ImportStatus.PREVIEW)
    finished = old.filter(status__in=[ImportStatus.DONE, ImportStatus.FAILED]).exclude(
        rows=[], raw_rows=[]
    )
    result = {"deleted": unconfirmed.count(), "anonymised": finished.count()}
    if dry_run:
        return result
    unconfirmed.delete()
    finished.update(rows=[], raw_rows=[])
    retention_record(
        object_type="network.importbatch",
        result=result,
        days=settings.RETENTION_IMPORT_BATCHES_DAYS,
    )
    return result


register(
    Declaration(
        key="contacts",
        order=10,
        title=_("The liaison officers' network of contacts"),
        models=("network.Contact", "network.Affiliation"),
        purpose=_(
            "The district liaison work: knowing the people active in a district, keeping in "
            "touch with them and passing the network on to the next officer."
        ),
        lawful_bases=(
            LawfulBasis.PUBLIC_TASK,
            LawfulBasis.CONSENT,
            LawfulBasis.LEGITIMATE_INTEREST,
        ),
        data_subjects=_(
            "Active residents, representatives of associations, businesses, schools and other "
            "organisations, city staff the officers work with."
        ),
        data_categories=_(
            "Name, title, e-mail address, phone number, languages, roles in organisations, "
            "the lawful basis recorded for each person, interactions with the officers."
        ),
        recipients=_(
            "The officers of the contact's district and the coordinator; other officers only "
            "when the contact is shared."
        ),
        retention_setting="RETENTION_CONTACTS_INACTIVE_DAYS",
        retention_start=_("after the last interaction with the person"),
        retention_note=_(
            "The district's officers are warned by e-mail before; logging an interaction "
            "keeps the contact."
        ),
        at_expiry=_(
            "The person's details and roles are erased; the interactions stay, attributed to "
            "no one identifiable."
        ),
        purge=contacts_warn_and_erase_expired,
    )
)

register(
    Declaration(
        key="contact_imports",
        order=15,
        title=_("Uploaded contact lists"),
        models=("network.ImportBatch",),
        purpose=_("Checking an uploaded list row by row before the people are imported."),
        lawful_bases=(LawfulBasis.PUBLIC_TASK, LawfulBasis.CONSENT),
        data_subjects=_("The people on the uploaded list."),
        data_categories=_("Every value of the uploaded rows (names, contact details, roles)."),
        recipients=_("The officer who uploaded the list."),
        retention_setting="RETENTION_IMPORT_BATCHES_DAYS",
        retention_start=_("after the upload"),
        at_expiry=_(
            "The rows are cleared and only the counts of people added, merged and skipped "
            "stay; an upload never confirmed is deleted."
        ),
        purge=import_batches_clear_expired,
    )
)

register(
    Declaration(
        key="organisations",
        order=60,
        title=_("Organisations and businesses"),
        models=("network.Organisation",),
        purpose=_("Knowing and reaching the organisations and businesses of each district."),
        lawful_bases=(LawfulBasis.PUBLIC_TASK,),
        data_subjects=_("Organisations and businesses; a sole trader's details are personal data."),
        data_categories=_(
            "Name, address, e-mail address, phone number, business ID, sector, languages."
        ),
        recipients=_("Liaison officers and the coordinator; shared organisations all officers."),
        retention_note=_(
            "Kept while the organisation is active; officers mark an organisation inactive "
            "or correct it when it closes."
        ),
        at_expiry=_("Corrected or marked inactive by the officers."),
    )
)
