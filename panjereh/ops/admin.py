"""The task queue in the back office, with how far the workers are behind above the list."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from panjereh.ops.health import WORKER_LAG_SECONDS, readiness

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskQueueAdmin(DBTaskResultAdmin):
    change_list_template = "admin/ops/task_queue.html"

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        status, checks = readiness()
        context = {"queue": checks["worker"], "readiness": status, "lag_limit": WORKER_LAG_SECONDS,
                   "checks": checks, **(extra_context or {})}  # fmt: skip
        return super().changelist_view(request, extra_context=context)
