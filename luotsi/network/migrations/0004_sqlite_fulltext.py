"""A trigram full-text index on interaction summaries for SQLite (FTS5).

At city scale (1,000,000 interactions) a plain LIKE reads every summary; FTS5's trigram
tokenizer answers the same substring LIKE from its index. Triggers keep it in step with the
table. PostgreSQL has its pg_trgm index instead (0003).
"""

from django.db import migrations

STATEMENTS = [
    "CREATE VIRTUAL TABLE network_interaction_fts USING fts5("
    "summary, content='network_interaction', content_rowid='id', tokenize='trigram')",
    "INSERT INTO network_interaction_fts(rowid, summary) "
    "SELECT id, summary FROM network_interaction",
    "CREATE TRIGGER network_interaction_fts_insert AFTER INSERT ON network_interaction BEGIN "
    "INSERT INTO network_interaction_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "CREATE TRIGGER network_interaction_fts_delete AFTER DELETE ON network_interaction BEGIN "
    "INSERT INTO network_interaction_fts(network_interaction_fts, rowid, summary) "
    "VALUES ('delete', old.id, old.summary); END",
    "CREATE TRIGGER network_interaction_fts_update AFTER UPDATE OF summary "
    "ON network_interaction BEGIN "
    "INSERT INTO network_interaction_fts(network_interaction_fts, rowid, summary) "
    "VALUES ('delete', old.id, old.summary); "
    "INSERT INTO network_interaction_fts(rowid, summary) VALUES (new.id, new.summary); END",
]
DROP = [
    "DROP TRIGGER IF EXISTS network_interaction_fts_insert",
    "DROP TRIGGER IF EXISTS network_interaction_fts_delete",
    "DROP TRIGGER IF EXISTS network_interaction_fts_update",
    "DROP TABLE IF EXISTS network_interaction_fts",
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for statement in STATEMENTS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("network", "0003_search_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
