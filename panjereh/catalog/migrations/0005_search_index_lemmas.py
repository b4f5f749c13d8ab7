"""The search index gains the lemmas of each title and its keywords (a column on SQLite, weight C on
PostgreSQL, which also keeps the keyword terms for the ranking), so the tables are built anew and
every service is indexed again."""

from django.db import migrations


def rebuild_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    import secrets

    from panjereh.catalog.search import postgres, sqlite
    from panjereh.catalog.search.index import BATCH, documents_for

    backend = postgres if schema_editor.connection.vendor == "postgresql" else sqlite
    drop = postgres.DROP_SQL if backend is postgres else [sqlite.DROP_SQL]
    create = postgres.CREATE_SQL if backend is postgres else [sqlite.CREATE_SQL]
    for statement in [*drop, *create]:
        schema_editor.execute(statement)
    ids = list(apps.get_model("catalog", "Service").objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), BATCH):
        backend.write(documents_for(ids[start : start + BATCH]))
    # every process rebuilds its typo vocabulary from the new index
    apps.get_model("catalog", "SearchState").objects.update_or_create(pk=1, defaults={"token": secrets.token_hex(16)})
    if backend is postgres:
        postgres.analyze()  # the GIN pending list the reindex left, merged (docs/search.md)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_life_event_steps")]

    operations = [migrations.RunPython(rebuild_index, migrations.RunPython.noop)]
