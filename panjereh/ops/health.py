"""Whether this process can serve (`/readyz`), beyond being alive (`/healthz`): both databases answer,
the task worker keeps up, and the cache (Redis in production) answers.

A cache that does not answer makes the process `degraded`, not unready: the portal goes on serving
with limits counted in a fallback, and a load balancer that took every process out because Redis is
down would stop the whole window for a part of it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from panjereh.exchange.audit.router import AUDIT_DB
from panjereh.exchange.models import AuditHead

WORKER_LAG_SECONDS = 60  # a due task waiting longer than this: the workers are not keeping up


def readiness(now: datetime.datetime | None = None) -> tuple[str, dict[str, dict[str, Any]]]:
    """("ready" | "degraded" | "not_ready", the checks)."""
    now = now or timezone.now()
    checks = {"database": _database(), "audit_log": _audit_log(), "worker": _worker(now), "cache": _cache()}
    if not all(checks[name]["ok"] for name in ("database", "audit_log", "worker")):
        return "not_ready", checks
    return ("ready" if checks["cache"]["ok"] else "degraded"), checks


def _database() -> dict[str, Any]:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"ok": False}
    return {"ok": True}


def _audit_log() -> dict[str, Any]:
    try:
        head = AuditHead.objects.using(AUDIT_DB).values_list("seq", flat=True).first()
    except DatabaseError:
        return {"ok": False}
    return {"ok": True, "head": head or 0}


def _worker(now: datetime.datetime) -> dict[str, Any]:
    """How long the task that has been due longest has waited (a task with no `run_after` is due
    from when it was queued)."""
    try:
        due = DBTaskResult.objects.ready()
        queued = due.filter(run_after=get_date_max()).order_by("enqueued_at").values_list("enqueued_at", flat=True)
        delayed = due.exclude(run_after=get_date_max()).order_by("run_after").values_list("run_after", flat=True)
        waiting = [moment for moment in (queued.first(), delayed.first()) if moment is not None]
        depth = due.count()
    except DatabaseError:
        return {"ok": False}
    lag = max(0.0, (now - min(waiting)).total_seconds()) if waiting else 0.0
    return {"ok": lag <= WORKER_LAG_SECONDS, "due_tasks": depth, "lag_seconds": round(lag, 1)}


def _cache() -> dict[str, Any]:
    backend = "redis" if settings.REDIS_URL else "local"
    try:
        cache.set("ops:readiness", 1, 10)
        answered = cache.get("ops:readiness") == 1
    except Exception:  # any failure of the cache server is an answer here, not an error
        answered = False
    return {"ok": answered, "backend": backend}
