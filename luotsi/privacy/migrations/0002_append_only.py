"""Make the audit log append-only in the database itself.

PostgreSQL (production) refuses UPDATE and DELETE of audit rows. SQLite refuses UPDATE; it
still allows DELETE because Django empties SQLite tables with DELETE between transactional
tests, whereas it uses TRUNCATE on PostgreSQL, which row triggers do not see.
"""

from django.db import migrations

MESSAGE = "the audit log is append-only"

POSTGRES_UP = f"""
CREATE FUNCTION privacy_auditevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER privacy_auditevent_append_only BEFORE UPDATE OR DELETE ON privacy_auditevent
FOR EACH ROW EXECUTE FUNCTION privacy_auditevent_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent;
DROP FUNCTION IF EXISTS privacy_auditevent_append_only();
"""
SQLITE_UP = f"""
CREATE TRIGGER privacy_auditevent_no_update BEFORE UPDATE ON privacy_auditevent
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS privacy_auditevent_no_update;"


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
