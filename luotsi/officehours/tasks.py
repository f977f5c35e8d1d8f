"""Background work for office hours: thin wrappers around services."""

from django_tasks import task

from luotsi.officehours import notifications, services


@task()
def send_appointment_email(appointment_id: int, kind: str) -> bool:
    return notifications.send_appointment_message(appointment_id=appointment_id, kind=kind)


@task()
def record_past_appointments() -> int:
    return services.appointments_to_interactions()
