"""The search index tables: an FTS5 table on SQLite, a tsvector + pg_trgm table on PostgreSQL.

They live outside Django's models because neither is a plain table; `catalog.search` owns them.
"""

from django.db import migrations


def create_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    from panjereh.catalog.search import postgres, sqlite

    if schema_editor.connection.vendor == "postgresql":
        for statement in postgres.CREATE_SQL:
            schema_editor.execute(statement)
    else:
        schema_editor.execute(sqlite.CREATE_SQL)


def drop_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    from panjereh.catalog.search import postgres, sqlite

    statements = postgres.DROP_SQL if schema_editor.connection.vendor == "postgresql" else [sqlite.DROP_SQL]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
