"""Trigram indexes for the network search on PostgreSQL.

Django's `icontains` becomes `UPPER(col) LIKE UPPER('%…%')` there, which only a trigram index
on `UPPER(col)` can serve; without it every search reads every row. pg_trgm is a trusted
extension (PostgreSQL 13+), so the database owner may create it. SQLite has no equivalent and
scans, which is fast enough at the embedded database's sizes (see `make bench`).
"""

from django.db import migrations

INDEXES = {
    "network_contact": "full_name",
    "network_organisation": "name",
    "network_interaction": "summary",
    "network_knowledgenote": "title",
}


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm "
            f"ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in INDEXES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("network", "0002_import_batch")]
    operations = [migrations.RunPython(forwards, backwards)]
