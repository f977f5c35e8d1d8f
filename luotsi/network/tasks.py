"""Background work for the network: thin wrappers around services."""

from django_tasks import task

from luotsi.network import services


@task()
def run_import(batch_id: int, merge_duplicates: bool) -> int:
    try:
        return services.import_run(batch_id=batch_id, merge_duplicates=merge_duplicates).created
    except Exception:
        # The import rolled back as a whole; record that on the batch for its status page.
        services.import_failed(batch_id=batch_id)
        raise


@task()
def send_retention_warning(officer_id: int, contact_ids: list[int], erase_on: str) -> bool:
    from luotsi.network import notifications

    return notifications.send_retention_warning(
        officer_id=officer_id, contact_ids=contact_ids, erase_on=erase_on
    )
