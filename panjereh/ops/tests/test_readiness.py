"""`/readyz`: ready when both databases answer and the worker keeps up; not ready (503) when a due task
has waited too long or the audit log's database does not answer; only degraded (200) when the cache
(Redis) does not answer, so the window goes on serving."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone

from panjereh.notifications.services import send_notification_sms
from panjereh.ops import health

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def test_ready_when_everything_answers(client: Client, settings: Any) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["worker"] == {"ok": True, "due_tasks": 0, "lag_seconds": 0.0}
    backend = "redis" if settings.REDIS_URL else "local"  # Redis in the PostgreSQL run of `make test`
    assert body["checks"]["cache"] == {"ok": True, "backend": backend}
    assert body["checks"]["database"]["ok"] and body["checks"]["audit_log"]["ok"]


def test_not_ready_when_a_due_task_has_waited_longer_than_the_limit() -> None:
    send_notification_sms.enqueue(1)
    now = timezone.now()
    status, checks = health.readiness(now + datetime.timedelta(seconds=health.WORKER_LAG_SECONDS - 5))
    assert status == "ready" and checks["worker"]["due_tasks"] == 1
    status, checks = health.readiness(now + datetime.timedelta(seconds=health.WORKER_LAG_SECONDS + 30))
    assert status == "not_ready" and not checks["worker"]["ok"] and checks["worker"]["lag_seconds"] >= 90


def test_not_ready_when_the_audit_database_does_not_answer(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*args: Any) -> Any:
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.AuditHead.objects, "using", down)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["audit_log"] == {"ok": False}


def test_only_degraded_when_redis_does_not_answer(client: Client, settings: Any, free_port: int) -> None:
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port}/0"  # nothing listens there
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": settings.REDIS_URL}}  # fmt: skip
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == {"ok": False, "backend": "redis"}


def test_the_back_office_shows_the_queue_and_how_far_behind_the_workers_are(client: Client) -> None:
    from django.contrib.auth import get_user_model

    from conftest import admin_login

    admin_login(client, get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20))
    send_notification_sms.enqueue(1)
    page = client.get("/admin/django_tasks_database/dbtaskresult/").content.decode()
    assert "حال صف کارها" in page and "کارهای سررسیده در صف: <strong>۱</strong>" in page
    assert "کارگرها به‌موقع رسیدگی می‌کنند" in page and "پایگاه داده: پاسخ می‌دهد" in page
