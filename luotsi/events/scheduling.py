"""Work an event sets in motion for later: anonymising its registrants when their data is
no longer needed."""

import datetime

from django.conf import settings
from django.db import transaction

from luotsi.events.models import Event


def schedule_anonymisation(event: Event) -> bool:
    """With a task queue that can defer work (TASKS_BACKEND=database), queue an anonymisation
    run for just after this event's registrants fall due. The run is idempotent and covers
    every due event, so a moved event queuing a second run does no harm. With the immediate
    backend nothing is queued: the daily `anonymise_registrations` command does the work."""
    from luotsi.events.tasks import anonymise_registrations

    if not anonymise_registrations.get_backend().supports_defer:
        return False
    due = event.end + datetime.timedelta(days=settings.EVENTS_ANONYMISE_AFTER_DAYS, minutes=1)
    transaction.on_commit(lambda: anonymise_registrations.using(run_after=due).enqueue())
    return True
