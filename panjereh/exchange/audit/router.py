"""The audit log's database: the `Audit*` models are read, written and migrated under the alias
`audit` (settings.DATABASES), and no other model is put there.

On SQLite the audit log is a file of its own, so the gateway's durable commits (synchronous=FULL)
wait for the disk without holding the main database's one write lock. Where `audit` names the main
database itself (PostgreSQL by default: settings.AUDIT_DATABASE_SHARED), it is one database under two
names: either alias migrates all of it, and the audit models still go through their own connection.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model

AUDIT_DB = "audit"
APP_LABEL = "exchange"
# The audit log, and the token ids its writer claims in the same transactions (gateway/replay.py).
MODELS = frozenset({"auditrecord", "audithead", "auditcheckpoint", "auditsigningkey", "usedtokenid"})


def is_audit_model(app_label: str, model_name: str | None) -> bool:
    return app_label == APP_LABEL and model_name in MODELS


class AuditRouter:
    def __init__(self, shared: bool | None = None) -> None:
        self._shared = shared  # None: as settings.AUDIT_DATABASE_SHARED says (tests may say otherwise)

    @property
    def shared(self) -> bool:
        return bool(getattr(settings, "AUDIT_DATABASE_SHARED", False)) if self._shared is None else self._shared

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        return AUDIT_DB if is_audit_model(model._meta.app_label, model._meta.model_name) else None

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return AUDIT_DB if is_audit_model(model._meta.app_label, model._meta.model_name) else None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        """Separate: the audit models only in `audit`, everything else only elsewhere (an operation
        that names no model, such as a RunPython, stays off `audit` too). Shared: no opinion, so
        whichever alias is migrated first creates every table, once."""
        if self.shared or db not in (DEFAULT_DB_ALIAS, AUDIT_DB):
            return None
        return is_audit_model(app_label, model_name) == (db == AUDIT_DB)
