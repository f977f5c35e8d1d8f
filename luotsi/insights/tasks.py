"""Background work for the inclusion figures: thin wrappers around services."""

from django_tasks import task

from luotsi.insights import services


@task()
def refresh_participation() -> int:
    """Rebuild the participation figures; returns the number of rows written."""
    return services.participation_refresh().rows
