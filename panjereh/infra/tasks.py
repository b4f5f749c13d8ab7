"""django-tasks-db's queue on the busiest path, written with one-row statements (panjereh.infra.rows).

Every application queues its processing and its messages, and every task is claimed and marked
done; on SQLite each of those writes holds the database's one write lock, and every other writer of
every process waits meanwhile. The library writes them with the ORM: on the 2-core machine queueing a
task took ~230 µs of CPU, marking it done ~130 µs, and finding the next one to claim ~560 µs (its
query built again each time). Here the same rows are written, and the same query asked, with
statements built once per process. The rows are the library's own (`DBTaskResult`), so its worker,
admin and `get_result` read them as ever.
"""

from __future__ import annotations

import functools
import threading
from typing import Any, cast

from django.db import connection
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import normalize_json
from django_tasks_db.models import DBTaskResult, get_date_max

from panjereh.infra import rows

BACKEND = "default"  # the queue's backend (settings.TASKS)
DONE_FIELDS = ("status", "return_value", "finished_at", "exception_class_path", "traceback")


def enqueue(task: Task[Any, Any], *args: Any) -> None:
    """Queues `task(*args)` as `task.enqueue(*args)` does (checked by its backend, the same row, the
    same signal), inside the caller's transaction if there is one."""
    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):  # another backend: its own way
        task.enqueue(*args)
        return
    backend.validate_task(task)
    row = DBTaskResult(
        id=backend._get_id(), args_kwargs=normalize_json({"args": args, "kwargs": {}}), priority=task.priority,
        task_path=task.module_path, queue_name=task.queue_name, backend_name=backend.alias,
        run_after=task.run_after or get_date_max(),  # what the library's pre_save signal sets
    )  # fmt: skip
    rows.insert(row)
    task_enqueued.send(type(backend), task_result=row.task_result)


def claim(worker_id: str) -> DBTaskResult[Any, Any] | None:
    """The next ready task, claimed for `worker_id` (status RUNNING, started now, the worker's id
    added, as the library's `DBTaskResult.claim`), or None when none is ready.

    On SQLite the next task's id is read first, without the write lock (a look that finds nothing
    takes no lock: a thread that has finished a task looks once more before it waits), and the
    UPDATE … RETURNING then claims that row by its key unless another process was first. On
    PostgreSQL one statement chooses and claims, skipping the rows others are claiming."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    ready = _ready_params(now)
    if connection.vendor != "sqlite":
        return _claimed(_claim_sql("postgresql"), [_RUNNING, now, worker_id, *ready, _READY])
    with _CLAIMING:
        return _claim_next(worker_id, now, ready)


# The threads of a process claim one at a time: woken together, each would read the same next task
# and all but one take the write lock for nothing (in the smart-service benchmark, 4 threads made
# 383 claims for 216 tasks).
_CLAIMING = threading.Lock()


def _claim_next(worker_id: str, now: Any, ready: list[Any]) -> DBTaskResult[Any, Any] | None:
    for _ in range(3):  # another process claimed the one read: look again
        with connection.cursor() as cursor:
            cursor.execute(_next_sql(), ready)
            found = cursor.fetchone()
        if found is None:
            return None
        task = _claimed(_claim_sql("sqlite"), [_RUNNING, now, worker_id, found[0], _READY])
        if task is not None:
            return task
    return None


def ready_exists() -> bool:
    """Whether any task is ready to run (a plain read)."""
    with connection.cursor() as cursor:
        cursor.execute(_next_sql(), _ready_params(connection.ops.adapt_datetimefield_value(timezone.now())))
        return cursor.fetchone() is not None


def mark_successful(task: DBTaskResult[Any, Any], return_value: Any) -> None:
    """`task.set_successful(return_value)`, as one UPDATE of the same fields."""
    task.status = TaskResultStatus.SUCCESSFUL
    task.finished_at = timezone.now()
    task.return_value = return_value
    task.exception_class_path = ""
    task.traceback = ""
    rows.update(task, DONE_FIELDS)


_READY, _RUNNING = str(TaskResultStatus.READY.value), str(TaskResultStatus.RUNNING.value)


def _ready_params(now: Any) -> list[Any]:
    return [_READY, connection.ops.adapt_datetimefield_value(get_date_max()), now, BACKEND]


@functools.cache
def _next_sql() -> str:
    """The library's `DBTaskResult.objects.ready()` for this backend, its first id in its order:
    the query the ORM builds, written out once (params: `_ready_params`)."""
    table = connection.ops.quote_name(DBTaskResult._meta.db_table)
    return (f"SELECT id FROM {table} WHERE status = %s AND (run_after = %s OR run_after <= %s) "
            "AND backend_name = %s ORDER BY priority DESC, run_after ASC, enqueued_at ASC LIMIT 1")  # fmt: skip


@functools.cache
def _claim_sql(vendor: str) -> str:
    table = connection.ops.quote_name(DBTaskResult._meta.db_table)
    if vendor == "sqlite":  # one writer at a time: the row read is claimed unless another took it first
        add_worker, choose = "json_insert(worker_ids, '$[#]', %s)", "%s"
    else:  # two workers must not choose the same row: each skips the rows others are claiming
        add_worker, choose = "worker_ids || to_jsonb(%s::text)", f"({_next_sql()} FOR UPDATE SKIP LOCKED)"
    return (f"UPDATE {table} SET status = %s, started_at = %s, worker_ids = {add_worker} "
            f"WHERE id = {choose} AND status = %s RETURNING {rows.columns(DBTaskResult)}")  # fmt: skip


def _claimed(sql: str, params: list[Any]) -> DBTaskResult[Any, Any] | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else cast("DBTaskResult[Any, Any]", rows.from_row(DBTaskResult, row))
