"""panjereh.infra.tasks writes the rows django-tasks-db writes, and claims them in its order."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from django_tasks import task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from panjereh.infra import tasks

pytestmark = pytest.mark.django_db(transaction=True)  # the library's worker ends its transactions

RAN: list[Any] = []
ROW_FIELDS = ("args_kwargs", "priority", "task_path", "queue_name", "backend_name", "run_after", "status", "worker_ids")


@task()
def remember(value: Any) -> str:
    RAN.append(value)
    return f"ran {value}"


def _fields(row: DBTaskResult[Any, Any]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in ROW_FIELDS}


def test_a_task_queued_here_is_the_row_the_library_writes_and_its_worker_runs() -> None:
    later = timezone.now() + datetime.timedelta(hours=1)
    for queued in (remember, remember.using(priority=7), remember.using(run_after=later)):
        tasks.enqueue(queued, {"n": [1, "۲"]})
        ours = DBTaskResult.objects.order_by("-enqueued_at").first()
        theirs = DBTaskResult.objects.get(id=queued.enqueue({"n": [1, "۲"]}).id)
        assert ours is not None and _fields(ours) == _fields(theirs)
    RAN.clear()
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test", excluded_queue_names=[])  # fmt: skip
    worker.run()
    assert RAN == [{"n": [1, "۲"]}] * 4  # the two queued for an hour later wait


def test_a_task_is_claimed_once_in_the_librarys_order_and_not_before_its_time() -> None:
    tasks.enqueue(remember, "low")
    tasks.enqueue(remember.using(priority=5), "high")
    tasks.enqueue(remember.using(run_after=timezone.now() + datetime.timedelta(hours=1)), "later")
    tasks.enqueue(remember.using(run_after=timezone.now() - datetime.timedelta(seconds=1)), "due")
    claimed = []
    while (found := tasks.claim("panjereh-test")) is not None:
        expected = DBTaskResult.objects.get(id=found.id)
        assert expected.status == "RUNNING" and expected.worker_ids == ["panjereh-test"]
        assert expected.started_at is not None and found.started_at == expected.started_at
        claimed.append(found.args_kwargs["args"][0])
    # the library's own order (DBTaskResult.objects.ready(): priority, then run_after, then age)
    assert claimed == ["high", "due", "low"]
    assert tasks.ready_exists() is False
    assert DBTaskResult.objects.ready().count() == 0


def test_nothing_ready_is_nothing_claimed() -> None:
    assert tasks.claim("panjereh-test") is None
    assert not tasks.ready_exists()
    tasks.enqueue(remember, 1)
    assert tasks.ready_exists()


def test_a_task_marked_successful_here_is_what_set_successful_stores() -> None:
    tasks.enqueue(remember, "a")
    tasks.enqueue(remember, "b")
    ours, theirs = tasks.claim("panjereh-test"), tasks.claim("panjereh-test")
    assert ours is not None and theirs is not None
    tasks.mark_successful(ours, {"ok": "بله"})
    theirs.set_successful({"ok": "بله"})
    stored = {row.id: row for row in DBTaskResult.objects.all()}
    for row in (ours, theirs):
        fresh = stored[row.id]
        assert (fresh.status, fresh.return_value, fresh.exception_class_path) == ("SUCCESSFUL", {"ok": "بله"}, "")
        assert fresh.finished_at is not None and fresh.task_result.return_value == {"ok": "بله"}
