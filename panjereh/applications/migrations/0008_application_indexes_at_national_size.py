"""Two indexes nothing reads go (docs/capacity.md): tracking_code's LIKE index (PostgreSQL adds one for
every `unique=True` text column) and citizen_id's own index, which (citizen, -submitted_at) serves.

Without a rebuild: at national size, re-creating tracking_code's unique index would hold the table for
minutes and leave a moment with no uniqueness. So on PostgreSQL the unique constraint that exists is
renamed to the one the model now names, and the two indexes are dropped. On SQLite the column keeps its
UNIQUE in the table's definition (as strict as the named constraint) until a later migration remakes
the table from the model; citizen_id's index is dropped there too."""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "applications_application"

POSTGRESQL = f"""
DO $$
DECLARE
    name text;
BEGIN
    SELECT c.conname INTO name FROM pg_constraint c
     WHERE c.conrelid = '{TABLE}'::regclass AND c.contype = 'u'
       AND c.conkey = ARRAY[(SELECT attnum FROM pg_attribute
                              WHERE attrelid = '{TABLE}'::regclass AND attname = 'tracking_code')];
    IF name IS NOT NULL AND name <> 'application_tracking_code_unique' THEN
        EXECUTE format('ALTER TABLE {TABLE} RENAME CONSTRAINT %I TO application_tracking_code_unique', name);
    END IF;
    FOR name IN SELECT indexname FROM pg_indexes
                 WHERE tablename = '{TABLE}' AND indexdef LIKE '%(tracking_code varchar_pattern_ops)%'
                    OR tablename = '{TABLE}' AND indexdef LIKE '%USING btree (citizen_id)'
    LOOP
        EXECUTE format('DROP INDEX %I', name);
    END LOOP;
END $$;
"""


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL, params=None)  # no placeholders: its % are format()'s
        return
    with schema_editor.connection.cursor() as cursor:
        indexes = schema_editor.connection.introspection.get_constraints(cursor, TABLE)
    for name, index in indexes.items():
        if index["index"] and not index["unique"] and index["columns"] == ["citizen_id"]:
            schema_editor.execute(f'DROP INDEX "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_redeemed_authorization_codes"),
        ("agencies", "0002_agency_province"),
        ("applications", "0007_definition_fee"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="application",
                    name="citizen",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="accounts.citizen",
                        verbose_name="متقاضی",
                    ),
                ),
                migrations.AlterField(
                    model_name="application",
                    name="tracking_code",
                    field=models.CharField(max_length=12, verbose_name="کد رهگیری"),
                ),
                migrations.AddConstraint(
                    model_name="application",
                    constraint=models.UniqueConstraint(fields=("tracking_code",), name="application_tracking_code_unique"),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, migrations.RunPython.noop)],
        ),
    ]
