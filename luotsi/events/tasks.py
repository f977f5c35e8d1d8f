"""Background work for events: thin wrappers around services."""

from django_tasks import task

from luotsi.events import accounting, notifications


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    return notifications.send_registration_message(registration_id=registration_id, kind=kind)


@task()
def anonymise_registrations() -> int:
    return accounting.registrations_anonymise()
