"""Task rows a worker killed mid-task left `RUNNING` are marked failed by the sweep; their work is
resumed by the sweep of its own kind (applications, deliveries, messages)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from panjereh.notifications import services
from panjereh.ops.management.commands.worker import tasks_reclaim

pytestmark = pytest.mark.django_db(transaction=True)
LONG_AGO = datetime.timedelta(minutes=10)


def test_task_rows_a_dead_worker_left_running_are_marked_failed() -> None:
    services.send_notification_sms.enqueue(1)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=timezone.now() - LONG_AGO)
    fresh = services.send_notification_sms.enqueue(2)
    DBTaskResult.objects.filter(pk=fresh.id).update(status=TaskResultStatus.RUNNING, started_at=timezone.now())
    assert tasks_reclaim() == 1
    assert DBTaskResult.objects.get(pk=fresh.id).status == TaskResultStatus.RUNNING  # its worker is alive
    lost = DBTaskResult.objects.exclude(pk=fresh.id).get()
    assert lost.status == TaskResultStatus.FAILED and "WorkerLost" in lost.exception_class_path
