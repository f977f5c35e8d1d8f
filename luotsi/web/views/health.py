"""/healthz: whether this app server can answer, for load balancers and monitoring.

Open to everyone and cheap: no session, no cookies, no templates, two small queries. A failed
check answers 503 naming the check, never a stack trace (the error goes to the log).
"""

import logging
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok"}


def _task_queue() -> dict[str, Any]:
    # Counts only: a backlog means the worker is down or slow, which monitoring should see,
    # but it must not take the web servers out of the load balancer (pages still work).
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return {
        "status": "ok",
        "ready": ready.count(),
        "oldest_ready_seconds": (
            round((timezone.now() - oldest).total_seconds()) if oldest is not None else None
        ),
    }


_CHECKS = {"database": _database, "task_queue": _task_queue}


@csrf_exempt  # so that a POST answers 405 rather than the CSRF failure page
@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    checks: dict[str, dict[str, Any]] = {}
    for name, check in _CHECKS.items():
        try:
            # A savepoint, so that under a surrounding transaction a failed check does not
            # leave the connection unusable for the next one.
            with transaction.atomic():
                checks[name] = check()
        except DatabaseError:
            logger.exception("Health check %s failed", name)
            checks[name] = {"status": "failed"}
    healthy = all(result["status"] == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks},
        status=200 if healthy else 503,
    )
