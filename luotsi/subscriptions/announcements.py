"""Officers' announcements to the confirmed subscribers of districts they work in: the
officer writes one text; the e-mail around it is in each subscriber's language."""

from collections.abc import Iterable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.accounts.models import User
from luotsi.areas.models import District
from luotsi.network.permissions import districts_for_recording
from luotsi.privacy.models import AuditAction
from luotsi.privacy.services import audit_record
from luotsi.subscriptions import notifications
from luotsi.subscriptions.models import Announcement, AnnouncementDelivery, Subscriber


def announcement_recipients(*, districts: QuerySet[District]) -> QuerySet[Subscriber]:
    return Subscriber.objects.confirmed().in_districts(districts)


def announcement_preview(*, districts: QuerySet[District]) -> int:
    """How many confirmed subscribers an announcement to `districts` would reach."""
    return announcement_recipients(districts=districts).count()


def _check_districts(by: User, districts: Iterable[District]) -> list[District]:
    chosen = list(districts)
    if not chosen:
        raise ValidationError({"districts": _("Choose at least one district.")})
    allowed = set(districts_for_recording(by).values_list("pk", flat=True))
    if any(d.pk not in allowed for d in chosen):
        raise PermissionDenied
    return chosen


@transaction.atomic
def announcement_create(
    *, by: User, subject: str, body: str, districts: Iterable[District]
) -> Announcement:
    chosen = _check_districts(by, districts)
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Write a subject and a message."))
    announcement = Announcement.objects.create(officer=by, subject=subject, body=body)
    announcement.districts.set(chosen)
    return announcement


@transaction.atomic
def announcement_send(*, announcement: Announcement, by: User) -> int:
    """Queue one e-mail per confirmed subscriber of the announcement's districts; a
    subscriber already sent this announcement is not sent it again (unique delivery row).
    Returns the number of new deliveries. Officers only, in districts they record work in."""
    _check_districts(by, announcement.districts.all())
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    created_ids = []
    for subscriber in announcement_recipients(districts=announcement.districts.all()):
        delivery, created = AnnouncementDelivery.objects.get_or_create(
            announcement=announcement, subscriber=subscriber
        )
        if created:
            created_ids.append(delivery.pk)
    announcement.recipients = announcement.deliveries.count()
    announcement.sent_at = announcement.sent_at or timezone.now()
    announcement.save(update_fields=["recipients", "sent_at"])
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=announcement,
        summary=f"announcement sent to {len(created_ids)} subscribers",
    )
    from luotsi.subscriptions.tasks import send_announcement_email

    for delivery_id in created_ids:
        transaction.on_commit(partial(send_announcement_email.enqueue, delivery_id))
    return len(created_ids)


def announcement_delivery_send(*, delivery_id: int) -> bool:
    delivery = (
        AnnouncementDelivery.objects.select_related("announcement__officer", "subscriber")
        .filter(pk=delivery_id, sent_at__isnull=True, subscriber__unsubscribed_at__isnull=True)
        .first()
    )
    if delivery is None:
        return False
    notifications.send(delivery.subscriber, "announcement", {"announcement": delivery.announcement})
    AnnouncementDelivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
    return True
