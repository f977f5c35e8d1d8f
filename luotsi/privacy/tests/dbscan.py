"""Look for strings in every column of every table of the test database, whatever the model
layer knows: shadow tables of search indexes, many-to-many tables, third-party apps' tables.

SQLite lists its tables in sqlite_master and their columns with PRAGMA table_info (FTS5's
virtual table and its shadow tables included); PostgreSQL in information_schema.columns.
Every column is cast to text (JSON, tsvector and arrays too) and compared ignoring case.
"""

from collections.abc import Iterable

from django.db import connection


def columns() -> list[tuple[str, str]]:
    """(table, column) for every column of every table in the database."""
    found: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for (table,) in cursor.fetchall():
                cursor.execute(f"PRAGMA table_info({connection.ops.quote_name(table)})")
                found += [(table, row[1]) for row in cursor.fetchall()]
        else:
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
            )
            found = [(table, column) for table, column in cursor.fetchall()]
    return found


def occurrences(needles: Iterable[str]) -> dict[str, dict[str, int]]:
    """{needle: {"table.column": number of rows whose value contains it}}, one pass over each
    column for all the needles."""
    needles = [n.lower() for n in needles]
    assert needles and all("%" not in n and "_" not in n for n in needles)
    quote = connection.ops.quote_name
    result: dict[str, dict[str, int]] = {n: {} for n in needles}
    with connection.cursor() as cursor:
        for table, column in columns():
            value = f"LOWER(CAST({quote(column)} AS TEXT))"
            sums = ", ".join(f"SUM(CASE WHEN {value} LIKE %s THEN 1 ELSE 0 END)" for _ in needles)
            # Names from the database's own catalogue, quoted; the needles are parameters.
            query = f"SELECT {sums} FROM {quote(table)}"  # noqa: S608
            cursor.execute(query, [f"%{n}%" for n in needles])
            for needle, count in zip(needles, cursor.fetchone(), strict=True):
                if count:
                    result[needle][f"{table}.{column}"] = count
    return result


def fulltext_matches(needle: str) -> list[int]:
    """The interactions SQLite's full-text index (network migration 0004) finds for `needle`,
    from the index alone (MATCH reads no row of the table); [] on PostgreSQL, which has no
    separate index table (its trigram index is over the column the scan reads)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM network_interaction_fts WHERE network_interaction_fts MATCH %s "
            "ORDER BY rowid",
            [f'"{needle}"'],
        )
        return [row[0] for row in cursor.fetchall()]


def fulltext_check() -> None:
    """SQLite's own check that the index agrees with the table (raises otherwise)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO network_interaction_fts(network_interaction_fts) "
            "VALUES ('integrity-check')"
        )
