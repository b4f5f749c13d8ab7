"""`panjereh worker`: the task worker. Runs the queued tasks (application processing, forwarding,
notifications) in a few threads, and every so often queues again the work a crashed worker left
behind, and notes the audit log's signed head in the local witness file. SIGINT/SIGTERM: the
running tasks finish, then it stops.

The task rows are django-tasks-db's: each thread claims and runs them as the library's `db_worker`
does (`get_locked` and `claim` in the library's exclusive transaction, then `Worker.run_task`).
Only the waiting differs: one watcher thread looks for ready tasks with a plain read every
`--interval` (only while some thread is waiting: a busy thread claims its next task itself) and
wakes the threads, so idle threads do not each take the database's write lock to look.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
import signal
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, OperationalError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from panjereh.applications import services
from panjereh.appointments.services import reminders_send
from panjereh.evaluation.connection import connection_week_take, week_of
from panjereh.exchange import services as exchange
from panjereh.infra.memory import settle
from panjereh.infra.processes import run_together
from panjereh.notifications import services as notifications
from panjereh.ops.servers import worker_child
from panjereh.payments.services import payments_settle_pending

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 30
DATABASE_PAUSE_SECONDS = 1.0  # between tries while the database does not answer
IDLE_WAIT_SECONDS = 1.0  # a thread looks by itself at least this often, whatever the watcher says
RECONNECT_SECONDS = 10.0  # the watcher's connection is renewed this often (Django's request-cycle habit)


class Command(BaseCommand):
    help = "Run the task worker (what `make run` starts next to the web server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threads", type=int, default=4, help="tasks run at once (they mostly wait on HTTP)")
        parser.add_argument("--interval", type=float, default=settings.WORKER_INTERVAL_SECONDS,
                            help="seconds between the watcher's looks for queued tasks")  # fmt: skip
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--processes", type=int, default=1,
                            help="worker processes, kept running; each claims its tasks alone")  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        if options["processes"] > 1 and not options["batch"]:
            raise SystemExit(_several(options["processes"], options["threads"]))
        self.stop = threading.Event()
        self.work = threading.Event()
        self.idle = 0  # threads waiting for work; while none waits, the watcher does not look
        self.idle_lock = threading.Lock()
        self.batch = options["batch"]
        self.runner = Worker(queue_names=QUEUES, interval=0, batch=True, backend_name="default",
                             startup_delay=False, max_tasks=None, worker_id="", excluded_queue_names=[])  # fmt: skip

        def request_stop(signum: int, frame: object) -> None:
            self.stop.set()
            self.work.set()

        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, request_stop)

        try:
            services.applications_resume(stale_seconds=settings.WORK_STALE_SECONDS)
            services.deliveries_resume(stale_seconds=settings.WORK_STALE_SECONDS)
        except DatabaseError as error:  # the sweep every half minute does it once the database is back
            self._database_lost(error)
        settle()  # start-up done: its objects out of the collector's way (panjereh.infra.memory)
        if self.batch and options["threads"] <= 1:  # in this thread, on its connection
            self._work(close_connections=False)
            return
        threads = [threading.Thread(target=self._work, name=f"worker-{n}") for n in range(max(1, options["threads"]))]
        for thread in threads:
            thread.start()
        last_sweep = last_reconnect = time.monotonic()
        while not self.batch and not self.stop.wait(options["interval"]):
            now = time.monotonic()
            try:
                if self.idle and _ready().exists():
                    self.work.set()
                if now - last_sweep >= SWEEP_SECONDS:
                    last_sweep = now
                    _sweep()
            except DatabaseError as error:
                self._database_lost(error)
            if now - last_reconnect >= RECONNECT_SECONDS:
                close_old_connections()
                last_reconnect = now
        self.stop.set()
        self.work.set()
        for thread in threads:
            thread.join()

    def _work(self, close_connections: bool = True) -> None:
        worker_id = f"panjereh-{get_random_string(12)}"
        last_reconnect = time.monotonic()
        try:
            while not self.stop.is_set():
                try:
                    task = _claim(worker_id)
                    if task is not None:
                        self.runner.run_task(task)
                except DatabaseError as error:  # a task cut short is queued again by the sweeps
                    self._database_lost(error)
                    continue
                if task is not None:
                    # Renewed now and then, not after every task: on SQLite (CONN_MAX_AGE 0) that would
                    # mean a new connection, and its set-up, for each task.
                    if close_connections and time.monotonic() - last_reconnect >= RECONNECT_SECONDS:
                        close_old_connections()
                        last_reconnect = time.monotonic()
                    continue
                if self.batch:
                    return
                self.work.clear()
                self._idle_wait()
        finally:
            if close_connections:
                connections.close_all()

    def _database_lost(self, error: DatabaseError) -> None:
        """The database went away (restarted, failed over): this thread's connections are dropped and
        it tries again after a pause, rather than the process dying with it."""
        logger.warning("worker: the database did not answer (%s); trying again in %g s", error, DATABASE_PAUSE_SECONDS)
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):
                connection.close()
        self.stop.wait(DATABASE_PAUSE_SECONDS)

    def _idle_wait(self) -> None:
        """Waits for the watcher's word. A busy thread takes its next task itself, so while no thread
        waits here the watcher's look would find no one to wake, and is skipped."""
        with self.idle_lock:
            self.idle += 1
        try:
            self.work.wait(IDLE_WAIT_SECONDS)
        finally:
            with self.idle_lock:
                self.idle -= 1


def _sweep() -> None:
    """What the worker does every half minute, besides running tasks."""
    services.applications_resume(stale_seconds=settings.WORK_STALE_SECONDS)
    services.deliveries_resume(stale_seconds=settings.WORK_STALE_SECONDS)
    notifications.notifications_resume()
    tasks_reclaim()
    exchange.audit_head_witness()
    connection_week_take(week_of(timezone.now()))  # the weekly connection report, as it stands
    payments_settle_pending(timezone.now())  # payments nobody came back from: asked of the bank
    reminders_send(timezone.now())  # a day before each appointment


def _several(processes: int, threads: int) -> int:
    """Runs `processes` workers as children, each started again if it dies. A task is claimed in one
    transaction (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, the write lock on SQLite), so no two
    workers ever run the same one."""
    env = dict(os.environ)
    children = [worker_child(env, number=n, threads=threads) for n in range(1, processes + 1)]
    return run_together(children)


QUEUES = ["default"]
# A task row `RUNNING` this long lost its worker (no task runs for more than seconds); its work is
# queued again by the sweeps of its own kind (applications, deliveries, messages), and the row is
# marked failed so that it does not show as running for ever.
TASK_STALE_SECONDS = 600


class WorkerLost(Exception):
    """The worker running this task stopped before it finished (the work itself is resumed elsewhere)."""


def tasks_reclaim(stale_seconds: int = TASK_STALE_SECONDS) -> int:
    """Marks failed the task rows left `RUNNING` by a worker that died; how many."""
    cutoff = timezone.now() - datetime.timedelta(seconds=stale_seconds)
    count = 0
    for task in DBTaskResult.objects.running().filter(started_at__lt=cutoff)[:1000]:
        task.set_failed(WorkerLost(f"no worker finished it in {stale_seconds} s"))
        count += 1
    return count


def _ready() -> DBTaskResultQuerySet:
    return DBTaskResult.objects.ready().filter(backend_name="default", queue_name__in=QUEUES)


# The threads of a process claim one at a time: woken together by the watcher, each would otherwise
# look for the same next task, and all but one would take the database's write lock for nothing.
_CLAIMING = threading.Lock()


def _claim(worker_id: str) -> DBTaskResult[Any, Any] | None:
    """The next ready task, claimed for this thread as the library's worker claims it, or None."""
    ready = _ready()
    try:
        with _CLAIMING, exclusive_transaction(ready.db):
            task: DBTaskResult[Any, Any] | None = ready.get_locked()
            if task is not None:
                task.claim(worker_id)
    except OperationalError as error:
        if is_locked_database_exception(error):
            return None
        raise
    return task
