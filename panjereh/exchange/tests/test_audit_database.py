"""The audit log lives in a database of its own, alias `audit`: the `Audit*` models and nothing else.

On SQLite that is a second file beside the main one; on PostgreSQL, by default, the same database
reached through a connection of its own. (test_gateway_process shows a gateway process appending to
the audit file while another writer holds the main database.)
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections

from panjereh import settings as settings_module
from panjereh.exchange.audit.router import AUDIT_DB, AuditRouter
from panjereh.exchange.audit.store import append_batch
from panjereh.exchange.models import AuditCheckpoint, AuditHead, AuditRecord, AuditSigningKey, Grant, UsedTokenId
from panjereh.exchange.tests.test_audit_log import entry

pytestmark = pytest.mark.django_db

AUDIT_MODELS = (AuditRecord, AuditHead, AuditCheckpoint, AuditSigningKey, UsedTokenId)
AUDIT_TABLES = {model._meta.db_table for model in AUDIT_MODELS}


def tables(alias: str) -> set[str]:
    with connections[alias].cursor() as cursor:
        return set(connections[alias].introspection.table_names(cursor))


def test_the_audit_models_are_in_the_audit_database_and_not_in_the_main_one() -> None:
    assert {model.objects.db for model in AUDIT_MODELS} == {AUDIT_DB}
    assert Grant.objects.db == "default"
    append_batch([entry(1)])
    assert AuditRecord.objects.using(AUDIT_DB).count() == 1
    assert connections[AUDIT_DB].connection is not connections["default"].connection  # a connection of its own
    if settings.AUDIT_DATABASE_SHARED:  # PostgreSQL's default: the one database holds both
        assert tables("default") >= AUDIT_TABLES
        return
    assert tables(AUDIT_DB) >= AUDIT_TABLES
    assert not AUDIT_TABLES & tables("default")
    assert "exchange_grant" in tables("default")
    assert tables(AUDIT_DB) == AUDIT_TABLES | {"django_migrations"}  # migrated, and nothing else put there


def test_on_sqlite_the_audit_log_is_a_file_of_its_own_beside_the_main_one() -> None:
    main = settings_module.database_from_url("sqlite:////srv/panjereh/var/panjereh.sqlite3")
    audit = settings_module.audit_database(main)
    assert audit["NAME"] == "/srv/panjereh/var/panjereh-audit.sqlite3"
    assert audit["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in audit["OPTIONS"]["init_command"]
    assert not settings_module.same_database(main, audit)


def test_on_postgresql_the_audit_log_is_the_same_database_unless_audit_database_url_says_otherwise() -> None:
    main = settings_module.database_from_url("postgres://panjereh@db.example:5432/panjereh")
    assert settings_module.same_database(main, settings_module.audit_database(main))
    own = settings_module.audit_database(main, "postgres://audit@audit.example:5432/audit")
    assert own["HOST"] == "audit.example" and own["NAME"] == "audit"
    assert not settings_module.same_database(main, own)
    sqlite = settings_module.database_from_url("sqlite:////srv/panjereh/var/panjereh.sqlite3")
    elsewhere = settings_module.audit_database(sqlite, "sqlite:////mnt/audit-disk/audit.sqlite3")
    assert elsewhere["NAME"] == "/mnt/audit-disk/audit.sqlite3"


def test_panjereh_audit_verify_names_the_first_record_edited_in_the_audit_database() -> None:
    for start in range(0, 15, 5):
        append_batch([entry(n) for n in range(start, start + 5)])
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "verified: 15 records" in out.getvalue()
    with connections[AUDIT_DB].cursor() as cursor:  # behind the platform's back, in the audit database
        cursor.execute(f"UPDATE {AuditRecord._meta.db_table} SET purpose = 'something-else' WHERE seq = 7")
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify", stdout=out)
    assert exit_.value.code == 1
    assert "tampered: first bad record 7: content does not match its hash" in out.getvalue()


def test_the_router_keeps_every_other_model_out_of_the_audit_database() -> None:
    router = AuditRouter(shared=False)  # a database of its own, whatever this run's settings say
    for model in apps.get_models(include_auto_created=True):
        app_label, name = model._meta.app_label, model._meta.model_name
        audit = model in AUDIT_MODELS
        assert router.allow_migrate(AUDIT_DB, app_label, name) is audit, name
        assert router.allow_migrate("default", app_label, name) is not audit, name
        assert router.db_for_write(model) == (AUDIT_DB if audit else None), name
        assert router.db_for_read(model) == (AUDIT_DB if audit else None), name
    # an operation that names no model (the catalog's RunPython making its search index) stays out too
    assert router.allow_migrate(AUDIT_DB, "catalog") is False
    assert router.allow_migrate(AUDIT_DB, "exchange") is False
    assert router.allow_migrate("default", "catalog") is True


def test_where_both_aliases_name_one_database_either_migrates_all_of_it() -> None:
    router = AuditRouter(shared=True)
    for alias in ("default", AUDIT_DB):
        assert router.allow_migrate(alias, "exchange", "auditrecord") is None
        assert router.allow_migrate(alias, "exchange", "grant") is None
    assert router.db_for_write(AuditRecord) == AUDIT_DB  # still through its own connection
