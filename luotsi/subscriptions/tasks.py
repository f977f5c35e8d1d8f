"""Background work for subscriptions: thin wrappers around services.

`send_weekly_digest` runs once a week — e.g. Monday 7:00 from cron
(`0 7 * * 1  manage.py send_digests`), or enqueued with the database task backend
(`TASKS_BACKEND=database`, `send_weekly_digest.using(run_after=…).enqueue()`). Running it more
often does no harm: nobody gets a second digest in the same ISO week.
"""

from django_tasks import task

from luotsi.subscriptions import announcements, digests, notifications


@task()
def send_subscriber_email(subscriber_id: int, kind: str) -> bool:
    return notifications.send_subscriber_message(subscriber_id=subscriber_id, kind=kind)


@task()
def send_announcement_email(delivery_id: int) -> bool:
    return announcements.announcement_delivery_send(delivery_id=delivery_id)


@task()
def send_weekly_digest() -> dict[str, int | str]:
    return digests.digest_run().as_dict()
