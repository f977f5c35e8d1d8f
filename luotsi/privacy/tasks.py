"""Background work for privacy: thin wrappers around services.

`purge_expired` is meant to run daily: from cron or a systemd timer as
`manage.py purge_expired` (README), or enqueued with the database task backend
(`purge_expired.using(run_after=…).enqueue()`). Running it more often does no harm.
"""

from django_tasks import task

from luotsi.privacy import purging


@task()
def purge_expired() -> dict[str, dict[str, int]]:
    return {outcome.declaration.key: outcome.result for outcome in purging.purge_expired()}
