"""The database router for read replicas (panjereh.core.replica): inside `replica_reads()`, a read goes
to `replica`, or for the audit log's models to `audit_replica` (or to `replica` when the audit log
shares the main database), when the deployment has that alias; everything else is left to the next
router (the audit log's) and to the default. Replicas are never migrated: they follow the primary by
streaming replication. It sits in ops, the top layer, as it must know the audit log's models."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Model

from panjereh.core.replica import reading_from_replica
from panjereh.exchange.audit.router import is_audit_model

REPLICA, AUDIT_REPLICA = "replica", "audit_replica"


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not reading_from_replica():
            return None
        if is_audit_model(model._meta.app_label, model._meta.model_name):
            if AUDIT_REPLICA in settings.DATABASES:
                return AUDIT_REPLICA
            shared = getattr(settings, "AUDIT_DATABASE_SHARED", False)
            return REPLICA if shared and REPLICA in settings.DATABASES else None
        return REPLICA if REPLICA in settings.DATABASES else None

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return None

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        return False if db in (REPLICA, AUDIT_REPLICA) else None
