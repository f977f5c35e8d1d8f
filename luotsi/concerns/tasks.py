"""Background work for concerns: thin wrappers around services."""

from django_tasks import task

from luotsi.concerns import notifications


@task()
def send_resident_email(message_id: int, kind: str) -> bool:
    return notifications.send_resident_message(message_id=message_id, kind=kind)
